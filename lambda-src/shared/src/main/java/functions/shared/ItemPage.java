package functions.shared;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One page of a tenant's items and where the next page starts (empty: this was the last page). */
public record ItemPage(List<Map<String, AttributeValue>> items, Optional<ShardCursor> next) {

    public ItemPage {
        items = List.copyOf(items);
    }
}
