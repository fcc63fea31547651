package functions.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.ListPage;
import functions.shared.MotoDynamoDb;
import functions.shared.NotFoundException;
import functions.shared.ShardedTenantTable;
import functions.shared.Sharding;
import functions.shared.TenantId;
import functions.shared.TestPageTokens;
import functions.shared.ValidationException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ProductServiceTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");
    private static final int SHARDS = 4;

    private final MotoDynamoDb tables = MotoDynamoDb.get();
    private String tableName;
    private ProductService service;

    @BeforeEach
    void freshTable() {
        tableName = tables.createTable(ProductRepository.SORT_KEY);
        service = new ProductService(new ProductRepository(new ShardedTenantTable(
                tables.client(), tableName, ProductRepository.SORT_KEY, new Sharding(SHARDS))),
                TestPageTokens.of("products", ProductRepository.SORT_KEY));
    }

    private static ProductInput input(String name) {
        return new ProductInput(name, "SKU-1", "tools", new BigDecimal("9.5"));
    }

    private List<Map<String, AttributeValue>> scan() {
        return tables.client().scanPaginator(r -> r.tableName(tableName)).items().stream().toList();
    }

    @Test
    void createStoresTheProductUnderAServerGeneratedUuid() {
        Product created = service.create(ACME, input("Hammer"));

        assertEquals(created.productId(), UUID.fromString(created.productId()).toString());
        assertEquals(new Product(created.productId(), "Hammer", "SKU-1", "tools", new BigDecimal("9.50")), created);
        assertEquals(created, service.get(ACME, created.productId()));
    }

    @Test
    void priceIsStoredAsADynamoDbNumber() {
        Product created = service.create(ACME, input("Hammer"));

        AttributeValue price = scan().get(0).get("price");
        assertEquals(0, new BigDecimal(price.n()).compareTo(new BigDecimal("9.50")), created.toString());
    }

    @Test
    void getOfAnUnknownProductIsNotFound() {
        assertThrows(NotFoundException.class, () -> service.get(ACME, UUID.randomUUID().toString()));
    }

    @Test
    void pathIdThatIsNotAUuidIsAValidationErrorNamingProductId() {
        var e = assertThrows(ValidationException.class, () -> service.get(ACME, "not-a-uuid"));
        assertEquals("productId", e.field());
        assertThrows(ValidationException.class, () -> service.delete(ACME, "1234"));
        assertThrows(ValidationException.class, () -> service.update(ACME, null, input("x")));
    }

    @Test
    void updateReplacesEveryMutableFieldAndKeepsTheId() {
        Product created = service.create(ACME, input("Hammer"));

        Product updated = service.update(ACME, created.productId(),
                new ProductInput("Mallet", "SKU-2", "garden", new BigDecimal("12")));

        Product expected = new Product(created.productId(), "Mallet", "SKU-2", "garden", new BigDecimal("12.00"));
        assertEquals(expected, updated);
        assertEquals(expected, service.get(ACME, created.productId()));
        assertEquals(1, scan().size());
    }

    @Test
    void updateOfAnUnknownProductIsNotFoundAndCreatesNothing() {
        assertThrows(NotFoundException.class,
                () -> service.update(ACME, UUID.randomUUID().toString(), input("Ghost")));
        assertEquals(List.of(), scan());
    }

    @Test
    void deleteRemovesTheProductAndASecondDeleteIsNotFound() {
        Product created = service.create(ACME, input("Hammer"));

        service.delete(ACME, created.productId());

        assertThrows(NotFoundException.class, () -> service.get(ACME, created.productId()));
        assertThrows(NotFoundException.class, () -> service.delete(ACME, created.productId()));
    }

    @Test
    void listFansOutOverEveryShardOfTheTenant() {
        List<String> ids = IntStream.range(0, 64).mapToObj(i -> service.create(ACME, input("p" + i)).productId())
                .sorted().toList();

        Set<String> shardsUsed = new HashSet<>();
        scan().forEach(item -> shardsUsed.add(item.get("shardId").s()));
        // 64 random ids miss one of 4 shards with probability ~4e-8: the fan-out is really exercised.
        assertEquals(Set.of("acme-0", "acme-1", "acme-2", "acme-3"), shardsUsed);

        List<String> listed = service.list(ACME, "100", null).items().stream().map(Product::productId).toList();
        assertEquals(ids, listed.stream().sorted().toList(), "every product exactly once");
    }

    @Test
    void listOfATenantWithoutProductsIsEmpty() {
        assertEquals(new ListPage<Product>(List.of(), null), service.list(ACME, null, null));
    }

    @Test
    void aTenantCannotReadChangeOrDeleteAnotherTenantsProducts() {
        Product acmes = service.create(ACME, input("Acme anvil"));
        Product globexs = service.create(GLOBEX, input("Globex widget"));
        String id = acmes.productId();

        assertThrows(NotFoundException.class, () -> service.get(GLOBEX, id));
        assertThrows(NotFoundException.class, () -> service.update(GLOBEX, id, input("stolen")));
        assertThrows(NotFoundException.class, () -> service.delete(GLOBEX, id));
        assertEquals(List.of(globexs), service.list(GLOBEX, null, null).items());
        assertEquals(acmes, service.get(ACME, id), "untouched by the other tenant");
    }

    @Test
    void everyKeyATenantWritesIsInsideItsOwnPrefix() {
        for (int i = 0; i < 20; i++) {
            Product p = service.create(ACME, input("a" + i));
            service.update(ACME, p.productId(), input("b" + i));
        }
        service.create(GLOBEX, input("g"));

        List<String> acmeKeys = scan().stream().map(item -> item.get("shardId").s())
                .filter(key -> !key.startsWith("globex-")).toList();
        assertEquals(20, acmeKeys.size());
        acmeKeys.forEach(key -> assertTrue(key.matches("acme-[0-3]"), key));
    }

    static Stream<Arguments> invalidInputs() {
        BigDecimal ok = new BigDecimal("1.00");
        return Stream.of(
                Arguments.of("name is required", new ProductInput(null, "S", "c", ok), "name"),
                Arguments.of("name must not be blank", new ProductInput("   ", "S", "c", ok), "name"),
                Arguments.of("name has at most 200 characters", new ProductInput("n".repeat(201), "S", "c", ok), "name"),
                Arguments.of("sku is required", new ProductInput("n", null, "c", ok), "sku"),
                Arguments.of("sku allows only letters digits and dashes", new ProductInput("n", "SKU_1", "c", ok), "sku"),
                Arguments.of("sku has at most 64 characters", new ProductInput("n", "S".repeat(65), "c", ok), "sku"),
                Arguments.of("sku must not be empty", new ProductInput("n", "", "c", ok), "sku"),
                Arguments.of("category is required", new ProductInput("n", "S", null, ok), "category"),
                Arguments.of("category has at most 100 characters", new ProductInput("n", "S", "c".repeat(101), ok), "category"),
                Arguments.of("price is required", new ProductInput("n", "S", "c", null), "price"),
                Arguments.of("price must not be negative", new ProductInput("n", "S", "c", new BigDecimal("-0.01")), "price"),
                Arguments.of("price has at most 2 decimal places", new ProductInput("n", "S", "c", new BigDecimal("1.005")), "price"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void invalidInputIsRejectedNamingTheField(String rule, ProductInput input, String field) {
        var onCreate = assertThrows(ValidationException.class, () -> service.create(ACME, input));
        assertEquals(field, onCreate.field());
        assertTrue(onCreate.getMessage().startsWith(field + ": "), onCreate.getMessage());

        String existing = service.create(ACME, input("valid")).productId();
        var onUpdate = assertThrows(ValidationException.class, () -> service.update(ACME, existing, input));
        assertEquals(field, onUpdate.field());
        assertEquals(1, scan().size(), "the rejected create wrote nothing");
    }

    @Test
    void boundaryValuesAreAccepted() {
        Product p = service.create(ACME, new ProductInput("n".repeat(200), "A-z-9".repeat(12) + "abcd",
                "c".repeat(100), new BigDecimal("0")));
        assertEquals(new BigDecimal("0.00"), p.price());
        assertEquals(p, service.get(ACME, p.productId()));
    }
}
