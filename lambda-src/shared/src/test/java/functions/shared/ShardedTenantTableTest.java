package functions.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ShardedTenantTableTest {

    private static final TenantId ACME = new TenantId("acme");

    private final MotoDynamoDb tables = MotoDynamoDb.get();
    private String tableName;

    @BeforeEach
    void createTable() {
        tableName = tables.createTable("itemId");
    }

    @Test
    void pagesFollowEveryQueryPageOfEveryShardAndReturnEachItemOnceInShardThenIdOrder() {
        // A Query page size of 2 forces several Query pages per shard and a list page of 7 ends mid-shard and
        // mid-Query-page, so a page that lost a LastEvaluatedKey or restarted a shard would lose or repeat items.
        var sharding = new Sharding(3);
        var table = new ShardedTenantTable(tables.client(), tableName, "itemId", sharding,
                TenantCredentialScope.FUNCTION_ROLE, 2);
        List<String> ids = IntStream.range(0, 25).mapToObj(i -> UUID.randomUUID().toString()).toList();
        ids.forEach(id -> table.insert(ACME, id, Map.of("n", AttributeValue.fromN("1"))));

        List<String> listed = new ArrayList<>();
        ShardCursor cursor = ShardCursor.first();
        int pages = 0;
        do {
            ItemPage page = table.page(ACME, 7, cursor);
            assertTrue(page.items().size() <= 7);
            page.items().forEach(item -> listed.add(item.get("itemId").s()));
            cursor = page.next().orElse(null);
            pages++;
        } while (cursor != null);

        List<String> expected = ids.stream().sorted(Comparator
                .comparing((String id) -> sharding.shardKeyFor(ACME, id)).thenComparing(Comparator.naturalOrder()))
                .toList();
        assertEquals(expected, listed);
        assertTrue(pages >= 4, "25 items at 7 a page take at least 4 pages, got " + pages);
    }

    @Test
    void aCursorThatDoesNotPointIntoTheCallersOwnShardsIsRefusedNamingNextToken() {
        var sharding = new Sharding(2);
        var table = new ShardedTenantTable(tables.client(), tableName, "itemId", sharding);
        String id = UUID.randomUUID().toString();
        String ownShard = sharding.shardKeyFor(ACME, id);
        int ownIndex = sharding.allShardKeys(ACME).indexOf(ownShard);
        String globexShard = sharding.shardKeyFor(new TenantId("globex"), id);

        List<ShardCursor> foreign = List.of(
                new ShardCursor(2, null),
                new ShardCursor(-1, null),
                new ShardCursor(ownIndex, Map.of("shardId", AttributeValue.fromS(globexShard),
                        "itemId", AttributeValue.fromS(id))),
                new ShardCursor(1 - ownIndex, Map.of("shardId", AttributeValue.fromS(ownShard),
                        "itemId", AttributeValue.fromS(id))),
                new ShardCursor(1 - ownIndex, Map.of("shardId", AttributeValue.fromS(sharding.allShardKeys(ACME)
                        .get(1 - ownIndex)), "itemId", AttributeValue.fromS(id))),
                new ShardCursor(ownIndex, Map.of("shardId", AttributeValue.fromS(ownShard))));
        for (ShardCursor cursor : foreign) {
            var refused = assertThrows(ValidationException.class, () -> table.page(ACME, 10, cursor),
                    cursor.toString());
            assertEquals(PageToken.FIELD, refused.field());
        }
    }

    @Test
    void everyRequestIncludingEachQueryPageIsSignedWithTheCredentialsOfTheCallingTenant() {
        List<String> signers = Collections.synchronizedList(new ArrayList<>());
        ExecutionInterceptor recordSigner = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String authorization = context.httpRequest().firstMatchingHeader("Authorization").orElseThrow();
                signers.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " "
                        + authorization.replaceAll(".*Credential=([^/]+)/.*", "$1"));
            }
        };
        TenantCredentialScope perTenant = tenant -> Optional.of(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("KEY" + tenant.value().replace("-", "").toUpperCase(), "secret")));
        var table = new ShardedTenantTable(tables.clientWith(recordSigner), tableName, "itemId", new Sharding(1),
                perTenant, 2);
        for (int i = 0; i < 5; i++) {
            table.insert(ACME, UUID.randomUUID().toString(), Map.of("n", AttributeValue.fromN("1")));
        }
        signers.clear();

        assertEquals(5, table.page(ACME, 100, ShardCursor.first()).items().size());
        table.get(new TenantId("acme-two"), UUID.randomUUID().toString());

        // 5 items at 2 per page: 3 pages, each signed as acme; then acme-two's GetItem as acme-two.
        assertEquals(List.of("Query KEYACME", "Query KEYACME", "Query KEYACME", "GetItem KEYACMETWO"), signers);
    }

    @Test
    void replaceAndDeleteOfAnAbsentItemReportAbsenceWithoutWriting() {
        var table = new ShardedTenantTable(tables.client(), tableName, "itemId", new Sharding(2));
        String id = UUID.randomUUID().toString();

        assertTrue(table.replace(ACME, id, Map.of("n", AttributeValue.fromN("1"))).isEmpty());
        assertEquals(false, table.delete(ACME, id));
        assertEquals(0, tables.client().scan(r -> r.tableName(tableName)).count());
    }
}
