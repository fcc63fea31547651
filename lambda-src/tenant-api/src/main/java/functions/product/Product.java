package functions.product;

import java.math.BigDecimal;

/** A stored product; {@code price} always has two decimal places. */
public record Product(String productId, String name, String sku, String category, BigDecimal price) {
}
