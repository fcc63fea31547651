package functions.order;

import java.math.BigDecimal;

/** One line of an order; {@code unitPrice} always has two decimal places. */
public record OrderLine(String productId, int quantity, BigDecimal unitPrice) {
}
