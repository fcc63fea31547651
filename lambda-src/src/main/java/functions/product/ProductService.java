package functions.product;

import functions.shared.NotFoundException;
import functions.shared.TenantId;
import functions.shared.Validation;
import java.util.List;
import java.util.UUID;

/** The product rules, for one tenant at a time. No Lambda types: this is what the tests exercise. */
final class ProductService {

    private final ProductRepository repository;

    ProductService(ProductRepository repository) {
        this.repository = repository;
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

    List<Product> list(TenantId tenant) {
        return repository.list(tenant);
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
