package functions.shared;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where the next page of a tenant's list starts: shard {@code shard} (an index into
 * {@link Sharding#allShardKeys}), after {@code startKey} (a DynamoDB LastEvaluatedKey of that shard), or at the
 * shard's first item when {@code startKey} is null. Lists walk the shards in order and each shard in sort-key
 * order, so the order of a whole list is fixed: no item is lost or repeated across pages.
 */
public record ShardCursor(int shard, Map<String, AttributeValue> startKey) {

    public ShardCursor {
        startKey = startKey == null ? null : Map.copyOf(startKey);
    }

    /** The first page of a list. */
    public static ShardCursor first() {
        return new ShardCursor(0, null);
    }
}
