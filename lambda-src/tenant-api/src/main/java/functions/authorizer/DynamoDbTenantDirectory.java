package functions.authorizer;

import functions.shared.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a tenant from the control plane's TenantDetails table ({@code TENANT_DETAILS_TABLE}, partition key
 * {@code tenantId} S): {@code status}, {@code userPoolId} and {@code appClientId}, all S, and nothing else of the
 * item. An eventually consistent read: the lookup cache already makes the answer up to its TTL old. The role
 * needs {@code dynamodb:GetItem} on that table and {@code kms:Decrypt} of its key via DynamoDB.
 */
final class DynamoDbTenantDirectory implements TenantDirectory {

    static final String PARTITION_KEY = TenantItems.PARTITION_KEY;
    static final String STATUS = "status";
    static final String USER_POOL_ID = "userPoolId";
    static final String APP_CLIENT_ID = "appClientId";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    DynamoDbTenantDirectory(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<TenantRecord> find(TenantId tenant) {
        Map<String, AttributeValue> item = TenantItems.read(dynamoDb, tableName, tenant,
                List.of(STATUS, USER_POOL_ID, APP_CLIENT_ID), "TenantDetails");
        if (item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TenantRecord(tenant, text(item, STATUS).orElse(""), text(item, USER_POOL_ID),
                text(item, APP_CLIENT_ID)));
    }

    private static Optional<String> text(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(TenantItems.text(item, name));
    }
}
