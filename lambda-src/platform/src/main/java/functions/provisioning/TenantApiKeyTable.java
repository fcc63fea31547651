package functions.provisioning;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A stack's TenantApiKeys table (key {@code tenantId} S), which that stack's tenant authorizer reads: one item per
 * tenant with {@code apiKeyValue} (S, the API Gateway key's value) and {@code enabled} (BOOL). The authorizer
 * denies a tenant without an item or with {@code enabled=false}. Reached with the stack's assumed-role client.
 */
public final class TenantApiKeyTable {

    public static final String KEY = contract.Keys.TENANT_ID;
    public static final String API_KEY_VALUE = "apiKeyValue";
    public static final String ENABLED = "enabled";

    /** One item as stored. */
    public record Entry(String tenantId, String apiKeyValue, boolean enabled) {
        @Override
        public String toString() {
            return "Entry[tenantId=" + tenantId + ", enabled=" + enabled + "]";
        }
    }

    private final DynamoDbClient dynamo;
    private final String tableName;

    public TenantApiKeyTable(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    public String tableName() {
        return tableName;
    }

    /** Writes (or rewrites, on a retry) the tenant's item. */
    public void put(String tenantId, String apiKeyValue, boolean enabled) {
        dynamo.putItem(r -> r.tableName(tableName).item(Map.of(
                KEY, AttributeValue.fromS(tenantId),
                API_KEY_VALUE, AttributeValue.fromS(apiKeyValue),
                ENABLED, AttributeValue.fromBool(enabled))));
    }

    /**
     * Sets {@code enabled} on an existing item; false when the tenant has none (never writes a partial item the
     * authorizer would have to guess about).
     */
    public boolean setEnabled(String tenantId, boolean enabled) {
        try {
            dynamo.updateItem(r -> r.tableName(tableName).key(key(tenantId))
                    .updateExpression("SET #e = :e")
                    .conditionExpression("attribute_exists(#k)")
                    .expressionAttributeNames(Map.of("#e", ENABLED, "#k", KEY))
                    .expressionAttributeValues(Map.of(":e", AttributeValue.fromBool(enabled))));
            return true;
        } catch (ConditionalCheckFailedException noItem) {
            return false;
        }
    }

    /** Deletes the tenant's item; absent is fine (compensation, offboarding twice). */
    public void delete(String tenantId) {
        dynamo.deleteItem(r -> r.tableName(tableName).key(key(tenantId)));
    }

    public Optional<Entry> find(String tenantId) {
        var response = dynamo.getItem(r -> r.tableName(tableName).key(key(tenantId)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        var item = response.item();
        AttributeValue enabled = item.get(ENABLED);
        AttributeValue value = item.get(API_KEY_VALUE);
        return Optional.of(new Entry(tenantId, value == null ? null : value.s(),
                enabled != null && Boolean.TRUE.equals(enabled.bool())));
    }

    private static Map<String, AttributeValue> key(String tenantId) {
        return Map.of(KEY, AttributeValue.fromS(tenantId));
    }
}
