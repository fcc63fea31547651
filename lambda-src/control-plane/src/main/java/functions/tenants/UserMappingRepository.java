package functions.tenants;

import contract.Keys;
import functions.shared.PageToken;
import contract.UserRole;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Maps {@link UserMapping}s onto TenantUserMapping (partition key {@code tenantId}, sort key {@code userName}).
 * Every read is a key or a Query on the caller-given tenant id, so a list never leaves one tenant.
 */
public final class UserMappingRepository implements UserBatches {

    public static final String KEY = Keys.TENANT_ID;
    public static final String SORT_KEY = Keys.USER_NAME;
    /** The user's own switch ({@link UserMapping#userDisabled}); absent on items written before it existed: false. */
    public static final String USER_DISABLED = "userDisabled";

    private final DynamoDbClient dynamo;
    private final String tableName;

    public UserMappingRepository(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** Idempotent: a retried creation writes the same item again. */
    public void save(UserMapping mapping) {
        dynamo.putItem(r -> r.tableName(tableName).item(Map.of(
                KEY, AttributeValue.fromS(mapping.tenantId()),
                SORT_KEY, AttributeValue.fromS(mapping.userName()),
                "userRole", AttributeValue.fromS(mapping.role().claimValue()),
                "userPoolId", AttributeValue.fromS(mapping.userPoolId()),
                "createdAt", AttributeValue.fromS(mapping.createdAt()),
                USER_DISABLED, AttributeValue.fromBool(mapping.userDisabled()))));
    }

    /** Sets the user's own switch; the mapping must exist. */
    public void setUserDisabled(String tenantId, String userName, boolean disabled) {
        dynamo.updateItem(r -> r.tableName(tableName).key(key(tenantId, userName))
                .updateExpression("SET #d = :d")
                .conditionExpression("attribute_exists(#k)")
                .expressionAttributeNames(Map.of("#k", KEY, "#d", USER_DISABLED))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromBool(disabled))));
    }

    /**
     * Up to {@code limit} users of the tenant whose user name sorts after {@code afterUserName} (null: from the
     * first), in user-name order, read consistently; {@link UserBatch#lastUserName} is null after the last user.
     */
    @Override
    public UserBatch after(String tenantId, String afterUserName, int limit) {
        Map<String, AttributeValue> startKey = afterUserName == null ? null : key(tenantId, afterUserName);
        QueryResponse response = query(tenantId, limit, startKey);
        List<UserMapping> users = response.items().stream().map(UserMappingRepository::fromItem).toList();
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new UserBatch(users, more ? response.lastEvaluatedKey().get(SORT_KEY).s() : null);
    }

    /** One batch of a tenant's users; {@code lastUserName} is where the next batch starts after, null at the end. */
    public record UserBatch(List<UserMapping> users, String lastUserName) {
    }

    public Optional<UserMapping> find(String tenantId, String userName) {
        var response = dynamo.getItem(r -> r.tableName(tableName).key(key(tenantId, userName)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    public void updateRole(String tenantId, String userName, UserRole role) {
        dynamo.updateItem(r -> r.tableName(tableName).key(key(tenantId, userName))
                .updateExpression("SET userRole = :r")
                .conditionExpression("attribute_exists(#k)")
                .expressionAttributeNames(Map.of("#k", KEY))
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(role.claimValue()))));
    }

    /** Absent is fine (compensations). */
    public void delete(String tenantId, String userName) {
        dynamo.deleteItem(r -> r.tableName(tableName).key(key(tenantId, userName)));
    }

    /** One page of the tenant's users by user name; {@code startKey} from {@link PageToken#decode}. */
    public Page<UserMapping> page(String tenantId, int limit, Map<String, AttributeValue> startKey) {
        if (startKey != null && !startKey.get(KEY).s().equals(tenantId)) {
            throw new IllegalArgumentException("page key of another tenant");
        }
        QueryResponse response = query(tenantId, limit, startKey);
        return new Page<>(response.items().stream().map(UserMappingRepository::fromItem).toList(),
                PageToken.encode(response.lastEvaluatedKey()));
    }

    public static Set<String> pageKeyNames() {
        return Set.of(KEY, SORT_KEY);
    }

    private QueryResponse query(String tenantId, Integer limit, Map<String, AttributeValue> startKey) {
        return dynamo.query(r -> r.tableName(tableName).consistentRead(true).limit(limit)
                .keyConditionExpression("#k = :t")
                .expressionAttributeNames(Map.of("#k", KEY))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId)))
                .exclusiveStartKey(startKey));
    }

    private static Map<String, AttributeValue> key(String tenantId, String userName) {
        return Map.of(KEY, AttributeValue.fromS(tenantId), SORT_KEY, AttributeValue.fromS(userName));
    }

    private static UserMapping fromItem(Map<String, AttributeValue> item) {
        return new UserMapping(Items.s(item, KEY), Items.s(item, SORT_KEY),
                UserRole.fromClaim(Items.s(item, "userRole")), Items.s(item, "userPoolId"),
                Items.s(item, "createdAt"),
                item.containsKey(USER_DISABLED) && Boolean.TRUE.equals(item.get(USER_DISABLED).bool()));
    }
}
