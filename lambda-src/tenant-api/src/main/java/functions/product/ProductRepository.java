package functions.product;

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

/** Maps products onto the product table, whose sort key is {@code productId}. */
final class ProductRepository {

    static final String SORT_KEY = Keys.PRODUCT_ID;

    private final ShardedTenantTable table;

    ProductRepository(ShardedTenantTable table) {
        this.table = table;
    }

    void insert(TenantId tenant, Product product) {
        table.insert(tenant, product.productId(), mutableAttributes(product));
    }

    Optional<Product> find(TenantId tenant, String productId) {
        return table.get(tenant, productId).map(ProductRepository::fromItem);
    }

    Optional<Product> replace(TenantId tenant, Product product) {
        return table.replace(tenant, product.productId(), mutableAttributes(product))
                .map(ProductRepository::fromItem);
    }

    boolean delete(TenantId tenant, String productId) {
        return table.delete(tenant, productId);
    }

    /** Up to {@code limit} products from {@code from} on, and where the next page starts. */
    Page page(TenantId tenant, int limit, ShardCursor from) {
        ItemPage page = table.page(tenant, limit, from);
        return new Page(page.items().stream().map(ProductRepository::fromItem).toList(), page.next());
    }

    record Page(List<Product> items, Optional<ShardCursor> next) {
    }

    private static Map<String, AttributeValue> mutableAttributes(Product product) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("name", AttributeValue.fromS(product.name()));
        item.put("sku", AttributeValue.fromS(product.sku()));
        item.put("category", AttributeValue.fromS(product.category()));
        // A DynamoDB number, not a string, so the table can be queried and summed as money.
        item.put("price", AttributeValue.fromN(product.price().toPlainString()));
        return item;
    }

    private static Product fromItem(Map<String, AttributeValue> item) {
        return new Product(
                item.get(SORT_KEY).s(),
                item.get("name").s(),
                item.get("sku").s(),
                item.get("category").s(),
                // DynamoDB drops trailing zeros; restore the two-decimal form the API promises.
                new BigDecimal(item.get("price").n()).setScale(2));
    }
}
