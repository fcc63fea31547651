package functions.provisioning;

import contract.Tier;
import functions.shared.ConflictException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes silo tenants to TenantStackMapping (key {@code tenantId} S), whose stream starts the fleet pipeline.
 * The pipeline's synth rejects the whole catalog if one item breaks its rules (TenantRecordValidator
 * .forTenantStackMapping), so an item carries exactly: tenantId, tenantName, tier, account, region, optional
 * wave (N), and the bookkeeping strings stackName, createdAt, updatedAt, status. Nothing else (an operator may add
 * {@code monthlyBudgetUsd} (N) to a record by hand: README "Budgets per silo tenant"). The table also
 * holds one item this class never reads or writes: the fleet marker ({@code tenantId} {@code #fleet}, written at
 * installation by the CDK app's {@code app.FleetMarker}), whose key no tenant id can take.
 */
public final class StackMappingRepository {

    public static final String KEY = contract.Keys.TENANT_ID;
    /** The {@code status} bookkeeping value of a freshly registered silo tenant. */
    public static final String REQUESTED = "REQUESTED";

    private final DynamoDbClient dynamo;
    private final String tableName;

    public StackMappingRepository(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** The CloudFormation stack name the pipeline gives a silo tenant (stages.StackNames.siloTenantStackName). */
    public static String stackName(String tenantId) {
        return StackAccess.siloStackName(tenantId);
    }

    /**
     * Adds the silo tenant unless an earlier attempt of the same registration did (the tenant id is unique to it),
     * in one transaction with {@code guard} (a conditional write elsewhere, such as "the tenant is still
     * PROVISIONING"): the record, whose stream starts the pipeline, is never written when the guard fails.
     *
     * @throws ConflictException (409, field {@code status}) when {@code guard}'s condition does not hold; nothing
     *                            is written
     */
    public void add(String tenantId, String tenantName, SiloPlacement placement, String now, TransactWriteItem guard) {
        Map<String, AttributeValue> item = item(tenantId, tenantName, placement, now);
        TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(#k)")
                .expressionAttributeNames(Map.of("#k", KEY))).build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(guard, put));
        } catch (TransactionCanceledException e) {
            var reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.<CancellationReason>of();
            boolean guardFailed = !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code());
            boolean alreadyAdded = reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code());
            if (guardFailed) {
                throw new ConflictException("status", "tenant " + tenantId + " changed while its stack mapping was "
                        + "written (the guard no longer holds); TenantStackMapping left unchanged");
            }
            if (!alreadyAdded) {
                throw e;
            }
            // Already added by an earlier attempt, and the guard holds: the same outcome as a write.
        }
    }

    /** Adds the silo tenant unless an earlier attempt of the same registration did (the tenant id is unique to it). */
    public void add(String tenantId, String tenantName, SiloPlacement placement, String now) {
        Map<String, AttributeValue> item = item(tenantId, tenantName, placement, now);
        try {
            dynamo.putItem(r -> r.tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(#k)")
                    .expressionAttributeNames(Map.of("#k", KEY)));
        } catch (ConditionalCheckFailedException alreadyAdded) {
            // Rewriting would only emit a MODIFY record and start the pipeline once more for nothing.
        }
    }

    private static Map<String, AttributeValue> item(String tenantId, String tenantName, SiloPlacement placement,
                                                    String now) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(KEY, AttributeValue.fromS(tenantId));
        item.put("tenantName", AttributeValue.fromS(tenantName));
        item.put("tier", AttributeValue.fromS(Tier.PLATINUM.name()));
        item.put("account", AttributeValue.fromS(placement.account()));
        item.put("region", AttributeValue.fromS(placement.region()));
        placement.wave().ifPresent(w -> item.put("wave", AttributeValue.fromN(Integer.toString(w))));
        item.put("stackName", AttributeValue.fromS(stackName(tenantId)));
        item.put("createdAt", AttributeValue.fromS(now));
        item.put("updatedAt", AttributeValue.fromS(now));
        item.put("status", AttributeValue.fromS(REQUESTED));
        return item;
    }

    public Optional<Map<String, AttributeValue>> find(String tenantId) {
        var response = dynamo.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(Map.of(KEY, AttributeValue.fromS(tenantId))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /**
     * Where the pipeline deploys the tenant's silo stack, from its record; empty when there is no record. A record
     * the pipeline would reject anyway (bad account or region) is an {@link IllegalStateException}.
     */
    public Optional<StackLocation> location(String tenantId) {
        return find(tenantId).map(item -> {
            String account = text(item, "account");
            String region = text(item, "region");
            String stackName = text(item, "stackName");
            if (!AccountRegion.validAccount(account) || !AccountRegion.validRegion(region) || stackName == null) {
                throw new IllegalStateException("TenantStackMapping record of tenant " + tenantId + " in table "
                        + tableName + " has no valid account, region and stackName");
            }
            return new StackLocation(stackName, new AccountRegion(account, region));
        });
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** Removes the silo tenant (the stream's REMOVE lets the pipeline drop its stage); absent is fine. */
    public void remove(String tenantId) {
        dynamo.deleteItem(r -> r.tableName(tableName).key(Map.of(KEY, AttributeValue.fromS(tenantId))));
    }
}
