package functions.registration;

import functions.shared.ConflictException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The Registrations table (key {@code pk} S): saga state per request ({@code request#<requestId>}) and the
 * uniqueness claims ({@code tenantName#<normalized name>}, {@code adminEmail#<email>}), each claim naming the
 * request that holds it. A request and its claims are written in one transaction with attribute_not_exists
 * conditions: a GSI on the name would be eventually consistent and could not enforce uniqueness.
 *
 * <p>An unverified sign-up's request and claims carry {@code expiresAt} (epoch seconds). Expiry is decided here, on
 * the claim path: a claim whose {@code expiresAt} has passed may be taken by another request in the same
 * conditional write, and verification requires an unexpired request, so no deletion needs to have happened. The
 * table's TTL on {@code expiresAt} only tidies lapsed items away later; DynamoDB deletes expired items "within a
 * few days", and correctness never waits for it
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html). Verification removes
 * {@code expiresAt} from the request and both claims in one transaction: a verified registration's claims are
 * kept for good, and TTL never deletes them.
 */
final class RegistrationRepository {

    static final String KEY = "pk";
    /** The TTL attribute (epoch seconds) of unverified requests and their claims; BaselineStack enables it. */
    static final String EXPIRES_AT = "expiresAt";
    static final String REQUEST = "request#";
    private static final String NAME_CLAIM = "tenantName#";
    private static final String EMAIL_CLAIM = "adminEmail#";
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    /** The ownership of a registration moved to another execution (ours outlived its lease). */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String requestId) {
            super("registration " + requestId + " is owned by another attempt now");
        }
    }

    private final DynamoDbClient dynamo;
    private final String tableName;

    RegistrationRepository(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /**
     * Records a new request and claims its name and email (a claim whose sign-up lapsed is taken over); false if
     * the request id exists; 409 if a claim is held.
     */
    boolean start(RegistrationRecord record, long nowSeconds, String now) {
        TransactWriteItem request = TransactWriteItem.builder().put(p -> p.tableName(tableName)
                .item(RegistrationItems.toItem(record, now))
                .conditionExpression("attribute_not_exists(#k)")
                .expressionAttributeNames(Map.of("#k", KEY))).build();
        return claim(request, record, nowSeconds, now);
    }

    /**
     * Starts a lapsed sign-up again as {@code next} (new code, attempts and expiry) and claims name and email
     * again; false when another execution got there first; 409 if a claim went to another request meanwhile.
     */
    boolean restartPending(RegistrationRecord seen, RegistrationRecord next, long nowSeconds, int maxCodeAttempts,
                           String now) {
        TransactWriteItem request = TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(key(REQUEST + next.requestId()))
                .updateExpression("SET attempt = :next, codeHash = :hash, codeAttempts = :zero, #exp = :exp,"
                        + " updatedAt = :now")
                .conditionExpression("attempt = :seen AND #status = :pending"
                        + " AND (#exp < :nowSeconds OR codeAttempts >= :max)")
                .expressionAttributeNames(Map.of("#status", "status", "#exp", EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":pending", s(RegistrationStatus.PENDING_VERIFICATION.name()),
                        ":next", s(next.attempt()),
                        ":seen", s(seen.attempt()),
                        ":hash", s(next.codeHash()),
                        ":zero", n(0),
                        ":exp", n(next.expiresAt()),
                        ":nowSeconds", n(nowSeconds),
                        ":max", n(maxCodeAttempts),
                        ":now", s(now)))).build();
        return claim(request, next, nowSeconds, now);
    }

    /**
     * Counts one verification call before its code is compared, so parallel guesses cannot exceed the limit; the
     * request after counting, or empty when it is unknown or its {@code maxCodeAttempts} are used up.
     */
    Optional<RegistrationRecord> countCodeAttempt(String requestId, int maxCodeAttempts) {
        try {
            var updated = dynamo.updateItem(u -> u.tableName(tableName).key(key(REQUEST + requestId))
                    .updateExpression("ADD codeAttempts :one")
                    .conditionExpression("attribute_exists(codeHash)"
                            + " AND (attribute_not_exists(codeAttempts) OR codeAttempts < :max)")
                    .expressionAttributeValues(Map.of(":one", n(1), ":max", n(maxCodeAttempts)))
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(RegistrationItems.fromItem(updated.attributes()));
        } catch (ConditionalCheckFailedException unknownOrUsedUp) {
            return Optional.empty();
        }
    }

    /**
     * The sign-up's email is proven: the request becomes {@code next} (REGISTERING, its attempt and lease) and the
     * request and both claims lose their expiry, in one transaction; false (nothing written) when the request is
     * no longer an unexpired PENDING_VERIFICATION owned by {@code seen}'s attempt.
     */
    boolean verify(RegistrationRecord seen, RegistrationRecord next, long nowSeconds, String now) {
        TransactWriteItem request = TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(key(REQUEST + next.requestId()))
                .updateExpression("SET #status = :registering, attempt = :next, leaseUntil = :lease,"
                        + " verifiedAt = :now, updatedAt = :now REMOVE #exp")
                .conditionExpression("attempt = :seen AND #status = :pending AND #exp >= :nowSeconds")
                .expressionAttributeNames(Map.of("#status", "status", "#exp", EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":registering", s(RegistrationStatus.REGISTERING.name()),
                        ":pending", s(RegistrationStatus.PENDING_VERIFICATION.name()),
                        ":next", s(next.attempt()),
                        ":seen", s(seen.attempt()),
                        ":lease", n(next.leaseUntil()),
                        ":nowSeconds", n(nowSeconds),
                        ":now", s(now)))).build();
        try {
            dynamo.transactWriteItems(t -> t.transactItems(request,
                    keepClaim(NAME_CLAIM + seen.nameKey(), seen), keepClaim(EMAIL_CLAIM + seen.adminEmail(), seen)));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            // A claim moves to another request only once this one lapsed; with clocks a little apart, the claim's
            // condition may be the one that notices: either way nothing was written.
            if (failed(reasons, 0) || failed(reasons, 1) || failed(reasons, 2)) {
                return false;
            }
            throw e;
        }
    }

    /** Forgets a sign-up whose code could not be sent: its request and claims, so a replay starts afresh. */
    void abandon(RegistrationRecord record) {
        try {
            dynamo.deleteItem(d -> d.tableName(tableName).key(key(REQUEST + record.requestId()))
                    .conditionExpression("attempt = :attempt AND #status = :pending")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":attempt", s(record.attempt()),
                            ":pending", s(RegistrationStatus.PENDING_VERIFICATION.name()))));
        } catch (ConditionalCheckFailedException movedOn) {
            // Another execution owns it now: its claims are its own.
            return;
        }
        releaseClaims(record);
    }

    /**
     * Hands an expired REGISTERING or a FAILED registration to {@code next}'s attempt and claims name and email
     * again; false when another execution got there first; 409 if a claim went to another request meanwhile.
     */
    boolean takeOver(RegistrationRecord seen, RegistrationRecord next, long nowMillis, String now) {
        long nowSeconds = nowMillis / 1000;
        TransactWriteItem request = TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(key(REQUEST + next.requestId()))
                .updateExpression("SET #status = :registering, attempt = :next, leaseUntil = :lease,"
                        + " updatedAt = :now REMOVE failureReason")
                // Never an unverified sign-up: only SignUpService#verify moves one on.
                .conditionExpression("attempt = :seen AND #status <> :pending AND (#status = :failed"
                        + " OR (attribute_not_exists(finishedAt) AND leaseUntil < :nowMillis))")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":registering", s(RegistrationStatus.REGISTERING.name()),
                        ":pending", s(RegistrationStatus.PENDING_VERIFICATION.name()),
                        ":failed", s(RegistrationStatus.FAILED.name()),
                        ":next", s(next.attempt()),
                        ":seen", s(seen.attempt()),
                        ":lease", n(next.leaseUntil()),
                        ":nowMillis", n(nowMillis),
                        ":now", s(now)))).build();
        return claim(request, next, nowSeconds, now);
    }

    Optional<RegistrationRecord> find(String requestId) {
        var response = dynamo.getItem(r -> r.tableName(tableName).key(key(REQUEST + requestId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(RegistrationItems.fromItem(response.item())) : Optional.empty();
    }

    /** The saga ended well in {@code status}; {@link LeaseLostException} if another attempt owns it now. */
    void finish(RegistrationRecord record, RegistrationStatus status, String now) {
        update(record, status, "finishedAt", now, now);
    }

    /**
     * {@link #finish} and {@code tenantWrite} in one transaction: both or neither. False (nothing written) when
     * only the tenant write's condition failed; {@link LeaseLostException} when another attempt owns the saga.
     */
    boolean finishWith(RegistrationRecord record, RegistrationStatus status, TransactWriteItem tenantWrite,
                       String now) {
        return updateWith(tenantWrite, record, status, "finishedAt", now, now);
    }

    /** Moves the saga to {@code status} if {@code record}'s attempt still owns it; {@link LeaseLostException} if not. */
    void setStatus(RegistrationRecord record, RegistrationStatus status, String failureReason, String now) {
        update(record, status, "failureReason", failureReason, now);
    }

    /** {@link #setStatus} (no failure reason) and {@code tenantWrite} in one transaction, as {@link #finishWith}. */
    boolean setStatusWith(RegistrationRecord record, RegistrationStatus status, TransactWriteItem tenantWrite,
                          String now) {
        return updateWith(tenantWrite, record, status, "failureReason", null, now);
    }

    private void update(RegistrationRecord record, RegistrationStatus status, String attribute, String value,
                        String now) {
        Update update = ownedUpdate(record, status, attribute, value, now);
        try {
            dynamo.updateItem(u -> u.tableName(update.tableName()).key(update.key())
                    .updateExpression(update.updateExpression())
                    .conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.expressionAttributeNames())
                    .expressionAttributeValues(update.expressionAttributeValues()));
        } catch (ConditionalCheckFailedException e) {
            throw new LeaseLostException(record.requestId());
        }
    }

    private boolean updateWith(TransactWriteItem tenantWrite, RegistrationRecord record, RegistrationStatus status,
                               String attribute, String value, String now) {
        TransactWriteItem own = TransactWriteItem.builder()
                .update(ownedUpdate(record, status, attribute, value, now)).build();
        try {
            dynamo.transactWriteItems(t -> t.transactItems(tenantWrite, own));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            // The lease first: a saga another attempt owns must not be undone by this one, whatever the tenant says.
            if (failed(reasons, 1)) {
                throw new LeaseLostException(record.requestId());
            }
            if (failed(reasons, 0)) {
                return false;
            }
            throw e;
        }
    }

    // A null value leaves the attribute alone.
    private Update ownedUpdate(RegistrationRecord record, RegistrationStatus status, String attribute, String value,
                               String now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":status", s(status.name()), ":attempt", s(record.attempt()), ":now", s(now)));
        String update = "SET #status = :status, updatedAt = :now";
        if (value != null) {
            values.put(":value", s(value));
            update += ", " + attribute + " = :value";
        }
        return Update.builder().tableName(tableName).key(key(REQUEST + record.requestId()))
                .updateExpression(update)
                .conditionExpression("attempt = :attempt")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)
                .build();
    }

    /** Frees the name and email for other registrations, but only the claims this request holds. */
    void releaseClaims(RegistrationRecord record) {
        for (String claim : List.of(NAME_CLAIM + record.nameKey(), EMAIL_CLAIM + record.adminEmail())) {
            try {
                dynamo.deleteItem(d -> d.tableName(tableName).key(key(claim))
                        .conditionExpression("requestId = :rid")
                        .expressionAttributeValues(Map.of(":rid", s(record.requestId()))));
            } catch (ConditionalCheckFailedException notOurs) {
                // Already released, or held by another request: either way not ours to delete.
            }
        }
    }

    /**
     * Frees a registered tenant's name (offboarding): the claim is deleted only if its {@code tenantId} is this
     * tenant's. Idempotent: a missing claim is {@link ClaimRelease#ALREADY_FREE}.
     */
    ClaimRelease releaseNameClaim(String tenantId, String tenantName) {
        // The same normalization as a registration's claim, from the one place that defines it.
        String nameKey = new RegistrationRequest(tenantName.strip(), null, null, null, null).nameKey();
        String claim = NAME_CLAIM + nameKey;
        try {
            var deleted = dynamo.deleteItem(d -> d.tableName(tableName).key(key(claim))
                    .conditionExpression("attribute_not_exists(#k) OR tenantId = :tid")
                    .expressionAttributeNames(Map.of("#k", KEY))
                    .expressionAttributeValues(Map.of(":tid", s(tenantId)))
                    .returnValues(ReturnValue.ALL_OLD));
            return deleted.hasAttributes() && !deleted.attributes().isEmpty()
                    ? ClaimRelease.RELEASED : ClaimRelease.ALREADY_FREE;
        } catch (ConditionalCheckFailedException heldByAnother) {
            return ClaimRelease.HELD_BY_ANOTHER_TENANT;
        }
    }

    private boolean claim(TransactWriteItem request, RegistrationRecord record, long nowSeconds, String now) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(request,
                    claimItem(NAME_CLAIM + record.nameKey(), record, nowSeconds, now),
                    claimItem(EMAIL_CLAIM + record.adminEmail(), record, nowSeconds, now)));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 0)) {
                return false;
            }
            if (failed(reasons, 1)) {
                throw new ConflictException("tenantName", "is already registered");
            }
            if (failed(reasons, 2)) {
                throw new ConflictException("adminEmail", "is already registered");
            }
            throw e;
        }
    }

    // Free, already held by this request (a takeover, or a replay after the claim was written), or held by a
    // sign-up that lapsed unverified (its expiresAt has passed). A pending sign-up's claim expires with it.
    private TransactWriteItem claimItem(String claim, RegistrationRecord record, long nowSeconds, String now) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(KEY, s(claim), "requestId", s(record.requestId()),
                "tenantId", s(record.tenantId()), "createdAt", s(now)));
        if (record.pending()) {
            item.put(EXPIRES_AT, n(record.expiresAt()));
        }
        return TransactWriteItem.builder().put(p -> p.tableName(tableName)
                .item(item)
                .conditionExpression("attribute_not_exists(#k) OR requestId = :rid OR #exp < :nowSeconds")
                .expressionAttributeNames(Map.of("#k", KEY, "#exp", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":rid", s(record.requestId()), ":nowSeconds", n(nowSeconds))))
                .build();
    }

    // A verified sign-up keeps its claim for good; it must still be this request's.
    private TransactWriteItem keepClaim(String claim, RegistrationRecord record) {
        return TransactWriteItem.builder().update(u -> u.tableName(tableName).key(key(claim))
                .updateExpression("REMOVE #exp")
                .conditionExpression("requestId = :rid")
                .expressionAttributeNames(Map.of("#exp", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":rid", s(record.requestId())))).build();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && CONDITION_FAILED.equals(reasons.get(index).code());
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of(KEY, s(pk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
