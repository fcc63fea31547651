package functions.order;

import java.util.List;

/** A stored order. */
public record Order(String orderId, String orderName, List<OrderLine> lines) {

    public Order {
        lines = List.copyOf(lines);
    }
}
