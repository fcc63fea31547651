package functions.order;

import functions.shared.ListPage;
import functions.shared.NotFoundException;
import functions.shared.PageToken;
import functions.shared.SignedPageToken;
import functions.shared.TenantId;
import functions.shared.Validation;
import java.util.UUID;

/** The order rules, for one tenant at a time. No Lambda types: this is what the tests exercise. */
final class OrderService {

    private final OrderRepository repository;
    private final SignedPageToken pageTokens;

    OrderService(OrderRepository repository, SignedPageToken pageTokens) {
        this.repository = repository;
        this.pageTokens = pageTokens;
    }

    Order create(TenantId tenant, OrderInput input) {
        // UUID.randomUUID draws from SecureRandom, which the runtime reseeds after a SnapStart restore.
        Order order = input.toOrder(UUID.randomUUID().toString());
        repository.insert(tenant, order);
        return order;
    }

    Order get(TenantId tenant, String orderId) {
        String id = Validation.uuid("orderId", orderId);
        return repository.find(tenant, id).orElseThrow(() -> NotFoundException.item("order", id));
    }

    /** One page of the tenant's orders; {@code limit} and {@code nextToken} are the raw query parameters. */
    ListPage<Order> list(TenantId tenant, String limit, String nextToken) {
        int size = PageToken.limit(limit, ListPage.DEFAULT_LIMIT, ListPage.MAX_LIMIT);
        var page = repository.page(tenant, size, pageTokens.decode(tenant, nextToken));
        return new ListPage<>(page.items(), page.next().map(next -> pageTokens.encode(tenant, next)).orElse(null));
    }

    Order update(TenantId tenant, String orderId, OrderInput input) {
        String id = Validation.uuid("orderId", orderId);
        Order order = input.toOrder(id);
        return repository.replace(tenant, order).orElseThrow(() -> NotFoundException.item("order", id));
    }

    void delete(TenantId tenant, String orderId) {
        String id = Validation.uuid("orderId", orderId);
        if (!repository.delete(tenant, id)) {
            throw NotFoundException.item("order", id);
        }
    }
}
