package functions.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.MotoDynamoDb;
import functions.shared.NotFoundException;
import functions.shared.ShardedTenantTable;
import functions.shared.Sharding;
import functions.shared.TenantId;
import functions.shared.TestPageTokens;
import functions.shared.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
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

class OrderServiceTest {

    private static final TenantId POOLED_A = new TenantId("0b7e4c1a-5d2f-4e8b-9a6c-3f1d2e4b5a60");
    private static final TenantId POOLED_B = new TenantId("9c2d7e1f-3a4b-4c5d-8e6f-7a8b9c0d1e2f");
    private static final String PRODUCT = "3f1c2a9e-7b4d-4e2a-9c1f-0a2b3c4d5e6f";

    private final MotoDynamoDb tables = MotoDynamoDb.get();
    private String tableName;
    private OrderService service;

    @BeforeEach
    void freshTable() {
        tableName = tables.createTable(OrderRepository.SORT_KEY);
        service = new OrderService(new OrderRepository(new ShardedTenantTable(
                tables.client(), tableName, OrderRepository.SORT_KEY, new Sharding(4))),
                TestPageTokens.of("orders", OrderRepository.SORT_KEY));
    }

    private static OrderInput.Line line(String productId, Integer quantity, String unitPrice) {
        return new OrderInput.Line(productId, quantity, unitPrice == null ? null : new BigDecimal(unitPrice));
    }

    private static OrderInput input(String name) {
        return new OrderInput(name, List.of(line(PRODUCT, 2, "3.5"), line(PRODUCT.toUpperCase(), 1, "10")));
    }

    private List<Map<String, AttributeValue>> scan() {
        return tables.client().scanPaginator(r -> r.tableName(tableName)).items().stream().toList();
    }

    @Test
    void createStoresTheOrderWithItsLinesUnderAServerGeneratedUuid() {
        Order created = service.create(POOLED_A, input("First order"));

        assertEquals(created.orderId(), UUID.fromString(created.orderId()).toString());
        assertEquals(new Order(created.orderId(), "First order", List.of(
                new OrderLine(PRODUCT, 2, new BigDecimal("3.50")),
                new OrderLine(PRODUCT, 1, new BigDecimal("10.00")))), created);
        assertEquals(created, service.get(POOLED_A, created.orderId()));
    }

    @Test
    void unitPricesAndQuantitiesAreStoredAsDynamoDbNumbers() {
        service.create(POOLED_A, input("o"));

        Map<String, AttributeValue> firstLine = scan().get(0).get("lines").l().get(0).m();
        // Compared as numbers: real DynamoDB drops trailing zeros; an emulator need not.
        assertEquals(0, new BigDecimal("3.5").compareTo(new BigDecimal(firstLine.get("unitPrice").n())));
        assertEquals("2", firstLine.get("quantity").n());
    }

    @Test
    void getOfAnUnknownOrderIsNotFound() {
        assertThrows(NotFoundException.class, () -> service.get(POOLED_A, UUID.randomUUID().toString()));
    }

    @Test
    void pathIdThatIsNotAUuidIsAValidationErrorNamingOrderId() {
        assertEquals("orderId", assertThrows(ValidationException.class, () -> service.get(POOLED_A, "42")).field());
    }

    @Test
    void updateReplacesNameAndLines() {
        Order created = service.create(POOLED_A, input("Draft"));

        Order updated = service.update(POOLED_A, created.orderId(),
                new OrderInput("Final", List.of(line(PRODUCT, 7, "0.99"))));

        Order expected = new Order(created.orderId(), "Final", List.of(new OrderLine(PRODUCT, 7, new BigDecimal("0.99"))));
        assertEquals(expected, updated);
        assertEquals(expected, service.get(POOLED_A, created.orderId()));
    }

    @Test
    void updateOfAnUnknownOrderIsNotFoundAndCreatesNothing() {
        assertThrows(NotFoundException.class,
                () -> service.update(POOLED_A, UUID.randomUUID().toString(), input("Ghost")));
        assertEquals(List.of(), scan());
    }

    @Test
    void deleteRemovesTheOrderAndASecondDeleteIsNotFound() {
        Order created = service.create(POOLED_A, input("o"));

        service.delete(POOLED_A, created.orderId());

        assertThrows(NotFoundException.class, () -> service.get(POOLED_A, created.orderId()));
        assertThrows(NotFoundException.class, () -> service.delete(POOLED_A, created.orderId()));
    }

    @Test
    void listFansOutOverEveryShardOfTheTenant() {
        List<String> ids = IntStream.range(0, 64).mapToObj(i -> service.create(POOLED_A, input("o" + i)).orderId())
                .sorted().toList();

        Set<String> shardsUsed = new HashSet<>();
        scan().forEach(item -> shardsUsed.add(item.get("shardId").s()));
        assertEquals(4, shardsUsed.size(), shardsUsed.toString());

        List<String> listed = service.list(POOLED_A, "100", null).items().stream().map(Order::orderId).toList();
        assertEquals(ids, listed.stream().sorted().toList(), "every order exactly once");
    }

    @Test
    void ordersPageAcrossShardsAndAnotherTenantsTokenIsRefusedNamingNextToken() {
        List<String> ids = IntStream.range(0, 23).mapToObj(i -> service.create(POOLED_A, input("o" + i)).orderId())
                .toList();
        service.create(POOLED_B, input("b1"));
        service.create(POOLED_B, input("b2"));

        List<String> listed = new ArrayList<>();
        String token = null;
        do {
            var page = service.list(POOLED_A, "4", token);
            page.items().forEach(order -> listed.add(order.orderId()));
            token = page.nextToken();
        } while (token != null);
        assertEquals(ids.stream().sorted().toList(), listed.stream().sorted().toList(), "each order exactly once");

        String theirs = service.list(POOLED_B, "1", null).nextToken();
        var refused = assertThrows(ValidationException.class, () -> service.list(POOLED_A, "1", theirs));
        assertEquals("nextToken", refused.field());
    }

    @Test
    void aTenantCannotReadChangeOrDeleteAnotherTenantsOrders() {
        Order mine = service.create(POOLED_A, input("mine"));

        assertThrows(NotFoundException.class, () -> service.get(POOLED_B, mine.orderId()));
        assertThrows(NotFoundException.class, () -> service.update(POOLED_B, mine.orderId(), input("x")));
        assertThrows(NotFoundException.class, () -> service.delete(POOLED_B, mine.orderId()));
        assertEquals(List.of(), service.list(POOLED_B, null, null).items());
        assertEquals(mine, service.get(POOLED_A, mine.orderId()));
        scan().forEach(item -> assertTrue(item.get("shardId").s().startsWith(POOLED_A.value() + "-")));
    }

    static Stream<Arguments> invalidInputs() {
        List<OrderInput.Line> ok = List.of(line(PRODUCT, 1, "1"));
        List<OrderInput.Line> tooMany = Collections.nCopies(101, line(PRODUCT, 1, "1"));
        List<OrderInput.Line> withNull = new ArrayList<>();
        withNull.add(null);
        return Stream.of(
                Arguments.of("orderName is required", new OrderInput(null, ok), "orderName"),
                Arguments.of("orderName must not be blank", new OrderInput(" ", ok), "orderName"),
                Arguments.of("orderName has at most 200 characters", new OrderInput("o".repeat(201), ok), "orderName"),
                Arguments.of("lines are required", new OrderInput("o", null), "lines"),
                Arguments.of("at least one line", new OrderInput("o", List.of()), "lines"),
                Arguments.of("at most 100 lines", new OrderInput("o", tooMany), "lines"),
                Arguments.of("a line must not be null", new OrderInput("o", withNull), "lines[0]"),
                Arguments.of("line productId is required", new OrderInput("o", List.of(line(null, 1, "1"))), "lines[0].productId"),
                Arguments.of("line productId is a uuid", new OrderInput("o", List.of(line("sku-1", 1, "1"))), "lines[0].productId"),
                Arguments.of("quantity is required", new OrderInput("o", List.of(line(PRODUCT, null, "1"))), "lines[0].quantity"),
                Arguments.of("quantity is at least 1", new OrderInput("o", List.of(line(PRODUCT, 0, "1"))), "lines[0].quantity"),
                Arguments.of("quantity is at most 10000",
                        new OrderInput("o", List.of(line(PRODUCT, 1, "1"), line(PRODUCT, 10_001, "1"))), "lines[1].quantity"),
                Arguments.of("unitPrice is required", new OrderInput("o", List.of(line(PRODUCT, 1, null))), "lines[0].unitPrice"),
                Arguments.of("unitPrice must not be negative", new OrderInput("o", List.of(line(PRODUCT, 1, "-1"))), "lines[0].unitPrice"),
                Arguments.of("unitPrice has at most 2 decimal places",
                        new OrderInput("o", List.of(line(PRODUCT, 1, "0.001"))), "lines[0].unitPrice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void invalidInputIsRejectedNamingTheField(String rule, OrderInput input, String field) {
        var e = assertThrows(ValidationException.class, () -> service.create(POOLED_A, input));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        assertEquals(List.of(), scan());
    }

    @Test
    void boundaryValuesAreAccepted() {
        Order order = service.create(POOLED_A, new OrderInput("o".repeat(200),
                Collections.nCopies(100, line(PRODUCT, 10_000, "0.00"))));
        assertEquals(100, service.get(POOLED_A, order.orderId()).lines().size());
    }
}
