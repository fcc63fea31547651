package functions.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.ListPage;
import functions.shared.MotoDynamoDb;
import functions.shared.PageToken;
import functions.shared.ShardCursor;
import functions.shared.ShardedTenantTable;
import functions.shared.Sharding;
import functions.shared.SignedPageToken;
import functions.shared.TenantId;
import functions.shared.TestPageTokens;
import functions.shared.ValidationException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** GET /products a page at a time: every item exactly once, and a nextToken no caller can forge or borrow. */
class ProductListPagingTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");
    private static final Sharding SHARDING = new Sharding(4);

    private final MotoDynamoDb tables = MotoDynamoDb.get();
    private String tableName;
    private ProductService service;

    @BeforeEach
    void freshTable() {
        tableName = tables.createTable(ProductRepository.SORT_KEY);
        service = serviceWith(TestPageTokens.of("products", ProductRepository.SORT_KEY));
    }

    private ProductService serviceWith(SignedPageToken tokens) {
        return new ProductService(new ProductRepository(new ShardedTenantTable(
                tables.client(), tableName, ProductRepository.SORT_KEY, SHARDING)), tokens);
    }

    /** Writes {@code count} products of {@code tenant} 25 to a BatchWriteItem, as the repository would store them. */
    private List<String> seed(TenantId tenant, int count) {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> UUID.randomUUID().toString()).toList();
        List<WriteRequest> batch = new ArrayList<>();
        for (String id : ids) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    ShardedTenantTable.PARTITION_KEY, AttributeValue.fromS(SHARDING.shardKeyFor(tenant, id)),
                    ProductRepository.SORT_KEY, AttributeValue.fromS(id),
                    "name", AttributeValue.fromS("p-" + id.substring(0, 8)),
                    "sku", AttributeValue.fromS("SKU-1"),
                    "category", AttributeValue.fromS("tools"),
                    "price", AttributeValue.fromN("9.5"))).build()).build());
            if (batch.size() == 25) {
                write(batch);
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
        return ids;
    }

    private void write(List<WriteRequest> batch) {
        var response = tables.client().batchWriteItem(r -> r.requestItems(Map.of(tableName, List.copyOf(batch))));
        assertTrue(response.unprocessedItems().isEmpty(), "moto processed the whole batch");
        batch.clear();
    }

    private List<ListPage<Product>> allPages(TenantId tenant, String limit) {
        List<ListPage<Product>> pages = new ArrayList<>();
        String token = null;
        do {
            ListPage<Product> page = service.list(tenant, limit, token);
            pages.add(page);
            token = page.nextToken();
        } while (token != null);
        return pages;
    }

    @Test
    void twoThousandFiveHundredProductsPageWithNoItemLostOrRepeated() {
        List<String> ids = seed(ACME, 2_500);
        seed(GLOBEX, 30);

        List<ListPage<Product>> pages = allPages(ACME, Integer.toString(ListPage.MAX_LIMIT));

        List<String> listed = pages.stream().flatMap(p -> p.items().stream()).map(Product::productId).toList();
        assertEquals(2_500, listed.size(), "no item repeated or lost");
        assertEquals(new HashSet<>(ids), new HashSet<>(listed));
        pages.forEach(p -> assertTrue(p.items().size() <= ListPage.MAX_LIMIT, "a page holds at most the limit"));
        assertTrue(pages.size() >= 25, "2,500 items at 100 a page take at least 25 pages, got " + pages.size());
    }

    @Test
    void theSameListPagedTwiceComesInTheSameOrder() {
        seed(ACME, 40);

        List<String> first = allPages(ACME, "7").stream().flatMap(p -> p.items().stream())
                .map(Product::productId).toList();
        List<String> again = allPages(ACME, "7").stream().flatMap(p -> p.items().stream())
                .map(Product::productId).toList();

        assertEquals(40, new HashSet<>(first).size());
        assertEquals(first, again);
    }

    @Test
    void withoutALimitAPageHoldsTheDefaultAndTheLastPageHasNoToken() {
        seed(ACME, ListPage.DEFAULT_LIMIT + 1);

        ListPage<Product> first = service.list(ACME, null, null);
        assertEquals(ListPage.DEFAULT_LIMIT, first.items().size());
        assertNotNull(first.nextToken());
        List<Product> rest = new ArrayList<>();
        String token = first.nextToken();
        while (token != null) {
            ListPage<Product> page = service.list(ACME, null, token);
            rest.addAll(page.items());
            token = page.nextToken();
        }
        assertEquals(1, rest.size());
        assertNull(service.list(GLOBEX, null, null).nextToken(), "an empty list is one page");
    }

    @Test
    void aLimitOutsideOneToTheMaximumIsRefusedNamingLimit() {
        for (String limit : List.of("0", "101", "-1", "ten", "")) {
            var refused = assertThrows(ValidationException.class, () -> service.list(ACME, limit, null), limit);
            assertEquals(PageToken.LIMIT, refused.field());
        }
    }

    @Test
    void anotherTenantsValidTokenIsRefusedNamingNextToken() {
        seed(ACME, 5);
        seed(GLOBEX, 5);
        String globexToken = service.list(GLOBEX, "2", null).nextToken();
        assertNotNull(globexToken);
        assertEquals(2, service.list(GLOBEX, "2", globexToken).items().size(), "valid for its own tenant");

        assertRefused(globexToken);
    }

    @Test
    void aForgedTokenIsRefusedNamingNextToken() {
        seed(ACME, 5);
        // Well formed, for this very tenant and list, but signed with a key the function does not hold.
        var forger = TestPageTokens.of("products", ProductRepository.SORT_KEY,
                "an-attackers-guess-of-the-key-0123456789".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        String forged = forger.encode(ACME, new ShardCursor(1, null));

        assertRefused(forged);
        for (String garbage : List.of("", "x", "a.b", "a.b.c", ".", "x".repeat(3000), "e30.", "not base64!.x")) {
            assertRefused(garbage);
        }
    }

    @Test
    void aTamperedTokenIsRefusedNamingNextToken() {
        seed(ACME, 5);
        String token = service.list(ACME, "2", null).nextToken();
        int dot = token.indexOf('.');
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, dot)),
                StandardCharsets.UTF_8);
        // Point the cursor at another shard, keeping the original MAC.
        int shard = Integer.parseInt(payload.replaceFirst(".*\"s\":(\\d+).*", "$1"));
        String edited = payload.replace("\"s\":" + shard, "\"s\":" + (shard + 1) % 4);
        String tampered = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(edited.getBytes(StandardCharsets.UTF_8)) + token.substring(dot);
        // The MAC's first character: all six of its bits are MAC bits (the last one's low bits are padding, which a
        // decoder may ignore, so changing it can leave the MAC as it was).
        char first = token.charAt(dot + 1);
        String flippedMac = token.substring(0, dot + 1) + (first == 'A' ? 'B' : 'A') + token.substring(dot + 2);

        assertTrue(!edited.equals(payload), payload);
        assertRefused(tampered);
        assertRefused(flippedMac);
    }

    @Test
    void aTokenOfTheOrderListIsRefusedByTheProductList() {
        seed(ACME, 5);
        String token = service.list(ACME, "2", null).nextToken();
        var orders = TestPageTokens.of("orders", ProductRepository.SORT_KEY);
        var productsAsOrders = serviceWith(orders);

        var refused = assertThrows(ValidationException.class, () -> productsAsOrders.list(ACME, "2", token));
        assertEquals(PageToken.FIELD, refused.field());
    }

    @Test
    void anExpiredTokenIsRefusedNamingNextToken() {
        seed(ACME, 5);
        Instant issued = Instant.parse("2026-12-01T00:00:00Z");
        var then = serviceWith(TestPageTokens.of("products", ProductRepository.SORT_KEY, TestPageTokens.KEY,
                Clock.fixed(issued, ZoneOffset.UTC)));
        var dayLater = serviceWith(TestPageTokens.of("products", ProductRepository.SORT_KEY, TestPageTokens.KEY,
                Clock.fixed(issued.plus(Duration.ofHours(24)).plusSeconds(1), ZoneOffset.UTC)));
        String token = then.list(ACME, "2", null).nextToken();

        assertEquals(2, then.list(ACME, "2", token).items().size());
        var refused = assertThrows(ValidationException.class, () -> dayLater.list(ACME, "2", token));
        assertEquals(PageToken.FIELD, refused.field());
    }

    @Test
    void aCorrectlySignedTokenNamingAnotherTenantsKeyIsStillRefused() {
        seed(ACME, 5);
        List<String> globexIds = seed(GLOBEX, 5);
        String id = globexIds.get(0);
        String globexShard = SHARDING.shardKeyFor(GLOBEX, id);
        var signer = TestPageTokens.of("products", ProductRepository.SORT_KEY);
        // As if the signing key leaked: the MAC is right for acme, but the key is globex's.
        String token = signer.encode(ACME, new ShardCursor(SHARDING.allShardKeys(GLOBEX).indexOf(globexShard),
                Map.of(ShardedTenantTable.PARTITION_KEY, AttributeValue.fromS(globexShard),
                        ProductRepository.SORT_KEY, AttributeValue.fromS(id))));

        assertRefused(token);
    }

    private void assertRefused(String token) {
        var refused = assertThrows(ValidationException.class, () -> service.list(ACME, "2", token),
                () -> "accepted " + token);
        assertEquals(PageToken.FIELD, refused.field());
        assertTrue(refused.getMessage().startsWith("nextToken: "), refused.getMessage());
    }

    @Test
    void onlyTheCallersItemsAreListed() {
        List<String> acmes = seed(ACME, 12);
        seed(GLOBEX, 12);

        Set<String> listed = new HashSet<>();
        allPages(ACME, "5").forEach(p -> p.items().forEach(item -> listed.add(item.productId())));

        assertEquals(new HashSet<>(acmes), listed);
        assertEquals(new BigDecimal("9.50"), service.list(ACME, "1", null).items().get(0).price());
    }
}
