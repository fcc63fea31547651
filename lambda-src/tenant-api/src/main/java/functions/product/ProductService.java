package functions.product;

import functions.shared.ListPage;
import functions.shared.NotFoundException;
import functions.shared.PageToken;
import functions.shared.SignedPageToken;
import functions.shared.TenantId;
import functions.shared.Validation;
import java.util.UUID;

/** The product rules, for one tenant at a time. No Lambda types: this is what the tests exercise. */
final class ProductService {

    private final ProductRepository repository;
    private final SignedPageToken pageTokens;

    ProductService(ProductRepository repository, SignedPageToken pageTokens) {
        this.repository = repository;
        this.pageTokens = pageTokens;
    }

    Product create(TenantId tenant, ProductInput input) {
        // UUID.randomUUID draws from SecureRandom, which the runtime reseeds after a SnapStart restore.
        Product product = input.toProduct(UUID.randomUUID().toString());
        repository.insert(tenant, product);
        return product;
    }

    Product get(TenantId tenant, String productId) {
        String id = Validation.uuid("productId", productId);
        return repository.find(tenant, id).orElseThrow(() -> NotFoundException.item("product", id));
    }

    /** One page of the tenant's products; {@code limit} and {@code nextToken} are the raw query parameters. */
    ListPage<Product> list(TenantId tenant, String limit, String nextToken) {
        int size = PageToken.limit(limit, ListPage.DEFAULT_LIMIT, ListPage.MAX_LIMIT);
        var page = repository.page(tenant, size, pageTokens.decode(tenant, nextToken));
        return new ListPage<>(page.items(), page.next().map(next -> pageTokens.encode(tenant, next)).orElse(null));
    }

    Product update(TenantId tenant, String productId, ProductInput input) {
        String id = Validation.uuid("productId", productId);
        Product product = input.toProduct(id);
        return repository.replace(tenant, product).orElseThrow(() -> NotFoundException.item("product", id));
    }

    void delete(TenantId tenant, String productId) {
        String id = Validation.uuid("productId", productId);
        if (!repository.delete(tenant, id)) {
            throw NotFoundException.item("product", id);
        }
    }
}
