package functions.metering;

import functions.provisioning.StackResources;
import functions.provisioning.TargetStack;
import functions.shared.ShardedTenantTable;
import functions.shared.Sharding;
import functions.shared.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The items a tenant holds in its stack's tenant tables ({@link StackResources#tenantTables()}), counted through the
 * stack's control-plane role with one Query {@code Select=COUNT} per shard key ({@link Sharding#allShardKeys}),
 * following LastEvaluatedKey: DynamoDB counts at most 1 MB of items per page
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html). The role may Query those tables
 * only with {@code dynamodb:Select = COUNT} (stages' constructs.ControlPlaneAccess), so it reads no item.
 */
final class StoredItems {

    /** The tenant's items per table logical name; IllegalStateException when the stack publishes no tables. */
    Map<String, Long> byTable(TargetStack stack, String tenantId) {
        StackResources resources = stack.resources();
        if (resources.tenantTables().isEmpty()) {
            throw new IllegalStateException(stack.location() + " has no output " + StackResources.TENANT_TABLES
                    + ": deployed before items were counted; redeploy it");
        }
        Sharding sharding = new Sharding(resources.shardCount());
        DynamoDbClient dynamo = stack.dynamo();
        Map<String, Long> byTable = new LinkedHashMap<>();
        resources.tenantTables().forEach((logicalName, tableName) -> {
            long items = 0;
            for (String shardKey : sharding.allShardKeys(new TenantId(tenantId))) {
                items += count(dynamo, tableName, shardKey);
            }
            byTable.put(logicalName, items);
        });
        return byTable;
    }

    private static long count(DynamoDbClient dynamo, String tableName, String shardKey) {
        long items = 0;
        Map<String, AttributeValue> from = null;
        do {
            Map<String, AttributeValue> start = from;
            QueryResponse page = dynamo.query(r -> r.tableName(tableName).select(Select.COUNT)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", ShardedTenantTable.PARTITION_KEY))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(shardKey)))
                    .exclusiveStartKey(start));
            items += page.count();
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null);
        return items;
    }
}
