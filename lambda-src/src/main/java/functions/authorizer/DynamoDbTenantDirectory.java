package functions.authorizer;

import functions.shared.TenantId;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a tenant from the control plane's TenantDetails table ({@code TENANT_DETAILS_TABLE}, partition key
 * {@code tenantId} S): {@code status}, {@code userPoolId} and {@code appClientId}, all S, and nothing else of the
 * item. An eventually consistent read: the lookup cache already makes the answer up to its TTL old. The role
 * needs {@code dynamodb:GetItem} on that table and {@code kms:Decrypt} of its key via DynamoDB.
 */
final class DynamoDbTenantDirectory implements TenantDirectory {

    static final String PARTITION_KEY = "tenantId";
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
        Map<String, AttributeValue> item;
        try {
            // status is a DynamoDB reserved word; the others are named the same way for one shape.
            item = dynamoDb.getItem(r -> r.tableName(tableName)
                    .key(Map.of(PARTITION_KEY, AttributeValue.fromS(tenant.value())))
                    .projectionExpression("#s, #p, #c")
                    .expressionAttributeNames(Map.of("#s", STATUS, "#p", USER_POOL_ID, "#c", APP_CLIENT_ID))).item();
        } catch (SdkException e) {
            throw new AuthorizerUnavailableException("cannot read tenant " + tenant + " from TenantDetails", e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TenantRecord(tenant, text(item, STATUS).orElse(""), text(item, USER_POOL_ID),
                text(item, APP_CLIENT_ID)));
    }

    private static Optional<String> text(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s).filter(s -> !s.isBlank());
    }
}
