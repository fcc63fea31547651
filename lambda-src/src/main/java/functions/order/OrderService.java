package functions.order;

import functions.shared.NotFoundException;
import functions.shared.TenantId;
import functions.shared.Validation;
import java.util.List;
import java.util.UUID;

/** The order rules, for one tenant at a time. No Lambda types: this is what the tests exercise. */
final class OrderService {

    private final OrderRepository repository;

    OrderService(OrderRepository repository) {
        this.repository = repository;
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

    List<Order> list(TenantId tenant) {
        return repository.list(tenant);
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
