package functions.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ShardedTenantTableTest {

    private static final TenantId ACME = new TenantId("acme");

    private final DynamoDbLocal local = DynamoDbLocal.get();
    private String tableName;

    @BeforeEach
    void createTable() {
        tableName = local.createTable("itemId");
    }

    @Test
    void listFollowsEveryQueryPageOfEveryShard() {
        // A page size of 2 forces several pages per shard, so a list that read only the first page would lose items.
        var table = new ShardedTenantTable(local.client(), tableName, "itemId", new Sharding(3), 2);
        List<String> ids = IntStream.range(0, 25).mapToObj(i -> UUID.randomUUID().toString()).sorted().toList();
        ids.forEach(id -> table.insert(ACME, id, Map.of("n", AttributeValue.fromN("1"))));

        List<String> listed = table.list(ACME).stream().map(item -> item.get("itemId").s()).toList();

        assertEquals(ids, listed);
    }

    @Test
    void replaceAndDeleteOfAnAbsentItemReportAbsenceWithoutWriting() {
        var table = new ShardedTenantTable(local.client(), tableName, "itemId", new Sharding(2));
        String id = UUID.randomUUID().toString();

        assertTrue(table.replace(ACME, id, Map.of("n", AttributeValue.fromN("1"))).isEmpty());
        assertEquals(false, table.delete(ACME, id));
        assertEquals(0, local.client().scan(r -> r.tableName(tableName)).count());
    }
}
