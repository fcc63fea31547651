package functions.order;

import contract.Keys;
import functions.shared.ItemPage;
import functions.shared.ShardCursor;
import functions.shared.ShardedTenantTable;
import functions.shared.TenantId;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps orders onto the order table, whose sort key is {@code orderId}; lines are a list of maps. */
final class OrderRepository {

    static final String SORT_KEY = Keys.ORDER_ID;

    private final ShardedTenantTable table;

    OrderRepository(ShardedTenantTable table) {
        this.table = table;
    }

    void insert(TenantId tenant, Order order) {
        table.insert(tenant, order.orderId(), mutableAttributes(order));
    }

    Optional<Order> find(TenantId tenant, String orderId) {
        return table.get(tenant, orderId).map(OrderRepository::fromItem);
    }

    Optional<Order> replace(TenantId tenant, Order order) {
        return table.replace(tenant, order.orderId(), mutableAttributes(order)).map(OrderRepository::fromItem);
    }

    boolean delete(TenantId tenant, String orderId) {
        return table.delete(tenant, orderId);
    }

    /** Up to {@code limit} orders from {@code from} on, and where the next page starts. */
    Page page(TenantId tenant, int limit, ShardCursor from) {
        ItemPage page = table.page(tenant, limit, from);
        return new Page(page.items().stream().map(OrderRepository::fromItem).toList(), page.next());
    }

    record Page(List<Order> items, Optional<ShardCursor> next) {
    }

    private static Map<String, AttributeValue> mutableAttributes(Order order) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("orderName", AttributeValue.fromS(order.orderName()));
        item.put("lines", AttributeValue.fromL(order.lines().stream().map(OrderRepository::lineItem).toList()));
        return item;
    }

    private static AttributeValue lineItem(OrderLine line) {
        return AttributeValue.fromM(Map.of(
                "productId", AttributeValue.fromS(line.productId()),
                "quantity", AttributeValue.fromN(Integer.toString(line.quantity())),
                // A DynamoDB number, not a string, so money stays numeric in the table.
                "unitPrice", AttributeValue.fromN(line.unitPrice().toPlainString())));
    }

    private static Order fromItem(Map<String, AttributeValue> item) {
        List<OrderLine> lines = item.get("lines").l().stream().map(AttributeValue::m)
                .map(m -> new OrderLine(
                        m.get("productId").s(),
                        Integer.parseInt(m.get("quantity").n()),
                        // DynamoDB drops trailing zeros; restore the two-decimal form the API promises.
                        new BigDecimal(m.get("unitPrice").n()).setScale(2)))
                .toList();
        return new Order(item.get(SORT_KEY).s(), item.get("orderName").s(), lines);
    }
}
