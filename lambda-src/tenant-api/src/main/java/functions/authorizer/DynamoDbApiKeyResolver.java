package functions.authorizer;

import functions.shared.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the tenant's key from {@code TENANT_API_KEYS_TABLE}: partition key {@code tenantId} (S), the key value
 * in {@code apiKeyValue} (S), and {@code enabled} (BOOL), which deactivating the tenant sets to {@code false}. A
 * disabled key is no key, exactly like a missing item (offboarding deletes it); items written before the flag
 * existed have none and count as enabled. The function's role needs {@code dynamodb:GetItem} on that table only.
 */
final class DynamoDbApiKeyResolver implements ApiKeyResolver {

    static final String PARTITION_KEY = TenantItems.PARTITION_KEY;
    static final String KEY_VALUE = "apiKeyValue";
    static final String ENABLED = "enabled";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    DynamoDbApiKeyResolver(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<String> keyFor(TenantId tenant) {
        Map<String, AttributeValue> item = TenantItems.read(dynamoDb, tableName, tenant, List.of(KEY_VALUE, ENABLED),
                "the API key");
        if (!enabled(item.get(ENABLED))) {
            return Optional.empty();
        }
        return Optional.ofNullable(TenantItems.text(item, KEY_VALUE));
    }

    // Only an explicit false disables; a flag of another type is a write bug, and failing closed is the safe read.
    private static boolean enabled(AttributeValue flag) {
        return flag == null || Boolean.TRUE.equals(flag.bool());
    }
}
