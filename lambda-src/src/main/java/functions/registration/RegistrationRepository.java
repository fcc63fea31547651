package functions.registration;

import functions.provisioning.Tier;
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
 * conditions: the tenantName-index GSI is eventually consistent and cannot enforce uniqueness.
 */
final class RegistrationRepository {

    static final String KEY = "pk";
    private static final String REQUEST = "request#";
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

    /** Records a new request and claims its name and email; false if the request id exists; 409 if a claim is taken. */
    boolean start(RegistrationRecord record, String now) {
        TransactWriteItem request = TransactWriteItem.builder().put(p -> p.tableName(tableName)
                .item(toItem(record, now))
                .conditionExpression("attribute_not_exists(#k)")
                .expressionAttributeNames(Map.of("#k", KEY))).build();
        return claim(request, record, now);
    }

    /**
     * Hands an expired REGISTERING or a FAILED registration to {@code next}'s attempt and claims name and email
     * again; false when another execution got there first; 409 if a claim went to another request meanwhile.
     */
    boolean takeOver(RegistrationRecord seen, RegistrationRecord next, long nowMillis, String now) {
        TransactWriteItem request = TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(key(REQUEST + next.requestId()))
                .updateExpression("SET #status = :registering, attempt = :next, leaseUntil = :lease,"
                        + " updatedAt = :now REMOVE failureReason")
                .conditionExpression("attempt = :seen AND (#status = :failed"
                        + " OR (attribute_not_exists(finishedAt) AND leaseUntil < :nowMillis))")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":registering", s(RegistrationStatus.REGISTERING.name()),
                        ":failed", s(RegistrationStatus.FAILED.name()),
                        ":next", s(next.attempt()),
                        ":seen", s(seen.attempt()),
                        ":lease", n(next.leaseUntil()),
                        ":nowMillis", n(nowMillis),
                        ":now", s(now)))).build();
        return claim(request, next, now);
    }

    Optional<RegistrationRecord> find(String requestId) {
        var response = dynamo.getItem(r -> r.tableName(tableName).key(key(REQUEST + requestId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(response.item())) : Optional.empty();
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

    private boolean claim(TransactWriteItem request, RegistrationRecord record, String now) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(request,
                    claimItem(NAME_CLAIM + record.nameKey(), record, now),
                    claimItem(EMAIL_CLAIM + record.adminEmail(), record, now)));
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

    // Free, or already held by this request (a takeover, or a replay after the claim was written).
    private TransactWriteItem claimItem(String claim, RegistrationRecord record, String now) {
        return TransactWriteItem.builder().put(p -> p.tableName(tableName)
                .item(Map.of(KEY, s(claim), "requestId", s(record.requestId()), "tenantId", s(record.tenantId()),
                        "createdAt", s(now)))
                .conditionExpression("attribute_not_exists(#k) OR requestId = :rid")
                .expressionAttributeNames(Map.of("#k", KEY))
                .expressionAttributeValues(Map.of(":rid", s(record.requestId())))).build();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && CONDITION_FAILED.equals(reasons.get(index).code());
    }

    private static Map<String, AttributeValue> toItem(RegistrationRecord r, String now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(REQUEST + r.requestId()));
        item.put("requestId", s(r.requestId()));
        item.put("fingerprint", s(r.fingerprint()));
        item.put("status", s(r.status().name()));
        item.put("tenantId", s(r.tenantId()));
        item.put("tenantName", s(r.tenantName()));
        item.put("nameKey", s(r.nameKey()));
        item.put("adminEmail", s(r.adminEmail()));
        item.put("tier", s(r.tier().name()));
        item.put("attempt", s(r.attempt()));
        item.put("leaseUntil", n(r.leaseUntil()));
        item.put("createdAt", s(r.createdAt()));
        item.put("updatedAt", s(now));
        return item;
    }

    private static RegistrationRecord fromItem(Map<String, AttributeValue> item) {
        return new RegistrationRecord(item.get("requestId").s(), item.get("fingerprint").s(),
                RegistrationStatus.valueOf(item.get("status").s()), item.get("tenantId").s(),
                item.get("tenantName").s(), item.get("nameKey").s(), item.get("adminEmail").s(),
                Tier.valueOf(item.get("tier").s()), item.get("attempt").s(), Long.parseLong(item.get("leaseUntil").n()),
                text(item, "failureReason"), text(item, "finishedAt"), item.get("createdAt").s());
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
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
