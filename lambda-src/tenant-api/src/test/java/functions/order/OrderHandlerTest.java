package functions.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static functions.shared.HttpAssertions.assertError;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import functions.shared.MotoDynamoDb;
import functions.shared.Events;
import functions.shared.ShardedTenantTable;
import functions.shared.Sharding;
import functions.shared.TenantId;
import functions.shared.TestPageTokens;
import functions.shared.TestContext;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderHandlerTest {

    private final MotoDynamoDb tables = MotoDynamoDb.get();
    private final TestContext context = new TestContext();
    private String tableName;
    private OrderHandler handler;

    @BeforeEach
    void freshTable() {
        tableName = tables.createTable(OrderRepository.SORT_KEY);
        handler = new OrderHandler(new OrderService(new OrderRepository(new ShardedTenantTable(
                tables.client(), tableName, OrderRepository.SORT_KEY, new Sharding(4))),
                TestPageTokens.of("orders", OrderRepository.SORT_KEY)), Optional.empty());
    }

    private APIGatewayProxyResponseEvent invoke(String eventFile) {
        return handler.handleRequest(Events.load(eventFile), context);
    }

    private APIGatewayProxyResponseEvent invoke(String eventFile, String orderId) {
        return handler.handleRequest(Events.load(eventFile, "orderId", orderId), context);
    }

    @Test
    void orderLifecycleThroughApiGatewayEvents() {
        APIGatewayProxyResponseEvent created = invoke("order-create.json");
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode order = Events.json(created.getBody());
        String id = order.get("orderId").asText();
        assertEquals(2, order.get("lines").size());
        assertEquals("1.50", order.get("lines").get(1).get("unitPrice").decimalValue().toPlainString());

        assertEquals(order, Events.json(invoke("order-get.json", id).getBody()));

        JsonNode updated = Events.json(invoke("order-update.json", id).getBody());
        assertEquals("Workshop restock (revised)", updated.get("orderName").asText());
        assertEquals(1, updated.get("lines").size());

        JsonNode items = Events.json(invoke("order-list.json").getBody()).get("items");
        assertEquals(1, items.size());
        assertEquals(id, items.get(0).get("orderId").asText());

        APIGatewayProxyResponseEvent deleted = invoke("order-delete.json", id);
        assertEquals(204, deleted.getStatusCode());
        assertNull(deleted.getBody());
        assertError(invoke("order-get.json", id), 404, "NotFound");
    }

    @Test
    void missingTenantClaimIs401() {
        assertError(invoke("order-create-no-tenant-claim.json"), 401, "Unauthorized");
    }

    @Test
    void siloFunctionRejectsAnotherTenantWith403() {
        var silo = new OrderHandler(new OrderService(new OrderRepository(new ShardedTenantTable(
                tables.client(), tableName, OrderRepository.SORT_KEY, new Sharding(4))),
                TestPageTokens.of("orders", OrderRepository.SORT_KEY)),
                Optional.of(new TenantId("initech")));

        assertError(silo.handleRequest(Events.load("order-create.json"), context), 403, "Forbidden");
        assertEquals(0, tables.client().scan(r -> r.tableName(tableName)).count());
    }

    @Test
    void malformedJsonBodyIs400WithErrorAndMessage() {
        JsonNode body = assertError(invoke("order-create-bad-json.json"), 400, "ValidationError");
        assertTrue(body.get("message").asText().startsWith("body: "), body.toString());
    }

    @Test
    void unknownRouteIs404() {
        assertError(invoke("unknown-route.json"), 404, "NotFound");
    }

    @Test
    void productRouteSentToTheOrderFunctionIs404() {
        assertError(invoke("product-list.json"), 404, "NotFound");
    }
}
