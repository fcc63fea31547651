package functions.product;

import functions.shared.Validation;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The body of a POST or PUT: the mutable fields only. The id is not here, so a client sending one gets a
 * 400 for an unknown field instead of having it silently ignored.
 */
public record ProductInput(String name, String sku, String category, BigDecimal price) {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** The product with this id, after checking every field (in declaration order). */
    Product toProduct(String productId) {
        return new Product(
                productId,
                Validation.text("name", name, 1, 200),
                Validation.matching("sku", sku, SKU, "[A-Za-z0-9-]{1,64}"),
                Validation.text("category", category, 1, 100),
                Validation.money("price", price));
    }
}
