package functions.order;

import functions.shared.Validation;
import functions.shared.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a POST or PUT: the mutable fields only, so a client-sent {@code orderId} is a 400.
 * Line fields are nullable here so that a missing one is reported by name rather than defaulted to 0.
 */
public record OrderInput(String orderName, List<Line> lines) {

    /** One requested line, as sent. */
    public record Line(String productId, Integer quantity, BigDecimal unitPrice) {
    }

    /** The order with this id, after checking every field; line errors are named {@code lines[i].field}. */
    Order toOrder(String orderId) {
        String name = Validation.text("orderName", orderName, 1, 200);
        List<Line> requested = Validation.size("lines", lines, 1, 100);
        List<OrderLine> checked = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            String field = "lines[" + i + "]";
            Line line = requested.get(i);
            if (line == null) {
                throw new ValidationException(field, "is required");
            }
            checked.add(new OrderLine(
                    Validation.uuid(field + ".productId", line.productId()),
                    Validation.range(field + ".quantity", line.quantity(), 1, 10_000),
                    Validation.money(field + ".unitPrice", line.unitPrice())));
        }
        return new Order(orderId, name, checked);
    }
}
