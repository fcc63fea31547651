package functions.metering;

import contract.Keys;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The per-day completion items of TenantUsage and TenantCost: partition {@value #PARTITION}, sort key the day. No
 * tenant id can take that key (functions.shared.TenantId admits only {@code [a-z0-9-]}), so a marker never mixes
 * with a tenant's items.
 */
final class DayMarkers {

    static final String PARTITION = "#days";
    static final String TENANT_ID = Keys.TENANT_ID;
    static final String DAY = Keys.DAY;

    private DayMarkers() {
    }

    static Map<String, AttributeValue> key(String partition, LocalDate day) {
        return Map.of(TENANT_ID, AttributeValue.fromS(partition), DAY, AttributeValue.fromS(day.toString()));
    }

    /** The items of {@code partition} with a day in [from, to], by day, read consistently. */
    static Map<LocalDate, Map<String, AttributeValue>> query(DynamoDbClient dynamo, String table, String partition,
                                                            LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, AttributeValue>> byDay = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> after = start;
            QueryResponse page = dynamo.query(r -> r.tableName(table).consistentRead(true).exclusiveStartKey(after)
                    .keyConditionExpression("#t = :t AND #d BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#t", TENANT_ID, "#d", DAY))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(partition),
                            ":from", AttributeValue.fromS(from.toString()),
                            ":to", AttributeValue.fromS(to.toString()))));
            page.items().forEach(item -> byDay.put(LocalDate.parse(item.get(DAY).s()), item));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return byDay;
    }
}
