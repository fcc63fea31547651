package functions.shared;

import contract.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Tenant-scoped access to one sharded table: the only code that builds a key. Every method takes the
 * caller's {@link TenantId} and derives the partition key from it through {@link Sharding}, then checks
 * the key is the tenant's own before any request leaves, so no code path can touch another tenant's items.
 * Every request is also signed with the tenant's credentials from a {@link TenantCredentialScope}: in the pooled
 * tier those can reach only that tenant's keys, so even a bug here could not read another tenant's items.
 *
 * <p>Items are plain attribute maps here; the product and order repositories map them to records. Lists come a page
 * at a time ({@link #page}): a tenant's whole data set would outgrow Lambda's 6 MB response.
 */
public final class ShardedTenantTable {

    public static final String PARTITION_KEY = Keys.SHARD_ID;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final String sortKey;
    private final Sharding sharding;
    private final TenantCredentialScope credentials;
    private final Integer queryPageSize;

    /** Every call signed by the client's own credentials: for silo functions, whose tables are theirs alone. */
    public ShardedTenantTable(DynamoDbClient dynamo, String tableName, String sortKey, Sharding sharding) {
        this(dynamo, tableName, sortKey, sharding, TenantCredentialScope.FUNCTION_ROLE);
    }

    /** Every call signed with what {@code credentials} gives for the calling tenant. */
    public ShardedTenantTable(DynamoDbClient dynamo, String tableName, String sortKey, Sharding sharding,
                              TenantCredentialScope credentials) {
        this(dynamo, tableName, sortKey, sharding, credentials, null);
    }

    /** {@code queryPageSize} caps items per Query page (null: no cap); tests use a small one to prove paging. */
    ShardedTenantTable(DynamoDbClient dynamo, String tableName, String sortKey, Sharding sharding,
                       TenantCredentialScope credentials, Integer queryPageSize) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.sortKey = Objects.requireNonNull(sortKey, "sortKey");
        this.sharding = Objects.requireNonNull(sharding, "sharding");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.queryPageSize = queryPageSize;
    }

    /** The shard layout; the session policy of a pooled tenant lists exactly these keys. */
    public Sharding sharding() {
        return sharding;
    }

    /** Writes a new item; its id is server-generated, so an existing item means a bug, not a conflict. */
    public void insert(TenantId tenant, String id, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.putAll(key(tenant, id));
        try {
            dynamo.putItem(r -> r.overrideConfiguration(signedAs(tenant)).tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PARTITION_KEY)));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("generated id collided with an existing item", e);
        }
    }

    public Optional<Map<String, AttributeValue>> get(TenantId tenant, String id) {
        // Strongly consistent: a client reading right after its own POST or PUT must see it.
        var response = dynamo.getItem(r -> r.overrideConfiguration(signedAs(tenant))
                .tableName(tableName).key(key(tenant, id)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /**
     * Overwrites the given (mutable) attributes of an existing item and returns the item as stored;
     * empty when the tenant has no such item. Key attributes are never rewritten.
     */
    public Optional<Map<String, AttributeValue>> replace(TenantId tenant, String id,
                                                         Map<String, AttributeValue> attributes) {
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("nothing to replace");
        }
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> assignments = new ArrayList<>();
        names.put("#pk", PARTITION_KEY);
        int i = 0;
        for (var entry : attributes.entrySet()) {
            if (entry.getKey().equals(PARTITION_KEY) || entry.getKey().equals(sortKey)) {
                throw new IllegalArgumentException("key attribute " + entry.getKey() + " is immutable");
            }
            names.put("#a" + i, entry.getKey());
            values.put(":v" + i, entry.getValue());
            assignments.add("#a" + i + " = :v" + i);
            i++;
        }
        try {
            var response = dynamo.updateItem(r -> r.overrideConfiguration(signedAs(tenant))
                    .tableName(tableName).key(key(tenant, id))
                    .updateExpression("SET " + String.join(", ", assignments))
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(response.attributes());
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Deletes the item; false when the tenant has no such item. */
    public boolean delete(TenantId tenant, String id) {
        try {
            dynamo.deleteItem(r -> r.overrideConfiguration(signedAs(tenant)).tableName(tableName).key(key(tenant, id))
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PARTITION_KEY)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Up to {@code limit} of the tenant's items from {@code from} on, in shard order and, within a shard, sort-key
     * order, with where the next page starts. A Query stops at {@code limit} items or 1 MB
     * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html): its
     * LastEvaluatedKey is the next start, so no item is skipped or read twice between pages.
     *
     * @throws ValidationException naming {@code nextToken} when {@code from} does not point into this tenant's shards
     */
    public ItemPage page(TenantId tenant, int limit, ShardCursor from) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        List<String> shards = sharding.allShardKeys(tenant);
        requireOwned(tenant, shards, from);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        int shard = from.shard();
        Map<String, AttributeValue> start = from.startKey();
        while (shard < shards.size()) {
            String shardKey = shards.get(shard);
            requireOwned(tenant, shardKey);
            int wanted = limit - items.size();
            QueryRequest.Builder query = QueryRequest.builder().overrideConfiguration(signedAs(tenant))
                    .tableName(tableName)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", PARTITION_KEY))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(shardKey)))
                    .limit(queryPageSize == null ? wanted : Math.min(wanted, queryPageSize))
                    .exclusiveStartKey(start);
            var response = dynamo.query(query.build());
            items.addAll(response.items());
            boolean moreInShard = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            start = moreInShard ? response.lastEvaluatedKey() : null;
            shard = moreInShard ? shard : shard + 1;
            if (items.size() >= limit) {
                return new ItemPage(items, shard < shards.size()
                        ? Optional.of(new ShardCursor(shard, start)) : Optional.empty());
            }
        }
        return new ItemPage(items, Optional.empty());
    }

    // A cursor comes from a client's token: even a correctly signed one must point into this tenant's own shards.
    private void requireOwned(TenantId tenant, List<String> shards, ShardCursor from) {
        Objects.requireNonNull(from, "from");
        if (from.shard() < 0 || from.shard() >= shards.size()) {
            throw SignedPageToken.invalid();
        }
        Map<String, AttributeValue> start = from.startKey();
        if (start == null) {
            return;
        }
        AttributeValue partition = start.get(PARTITION_KEY);
        AttributeValue id = start.get(sortKey);
        if (start.size() != 2 || partition == null || id == null || id.s() == null
                || !shards.get(from.shard()).equals(partition.s())
                || !sharding.shardKeyFor(tenant, id.s()).equals(partition.s())) {
            throw SignedPageToken.invalid();
        }
    }

    private Map<String, AttributeValue> key(TenantId tenant, String id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        String shardKey = sharding.shardKeyFor(tenant, id);
        requireOwned(tenant, shardKey);
        return Map.of(PARTITION_KEY, AttributeValue.fromS(shardKey), sortKey, AttributeValue.fromS(id));
    }

    /** Per request, not per client: one client (and connection pool) serves every tenant of the function. */
    private AwsRequestOverrideConfiguration signedAs(TenantId tenant) {
        return credentials.credentialsFor(tenant)
                .map(provider -> AwsRequestOverrideConfiguration.builder().credentialsProvider(provider).build())
                .orElse(null);
    }

    // Guards the isolation invariant at the last point before I/O, whatever Sharding ever turns into.
    private void requireOwned(TenantId tenant, String shardKey) {
        if (!sharding.owns(tenant, shardKey)) {
            throw new IllegalStateException("refusing key " + shardKey + " outside tenant " + tenant);
        }
    }
}
