package functions.offboard;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link CatalogCheck} on TenantStackMapping: one consistent GetItem by {@code tenantId}. */
final class DynamoDbCatalogCheck implements CatalogCheck {

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    DynamoDbCatalogCheck(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<Env> placement(String tenantId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(Map.of("tenantId", AttributeValue.fromS(tenantId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue account = item.get("account");
        AttributeValue region = item.get("region");
        if (account == null || account.s() == null || region == null || region.s() == null) {
            // A record the pipeline's synth would reject anyway; treat the tenant as listed, never as an orphan.
            throw new IllegalStateException("TenantStackMapping record of " + tenantId + " has no account/region");
        }
        return Optional.of(new Env(account.s(), region.s()));
    }
}
