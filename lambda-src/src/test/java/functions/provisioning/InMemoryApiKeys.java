package functions.provisioning;

import functions.shared.FaultPlan;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link ApiKeys} in memory, with a {@link FaultPlan} to fail or crash any call. */
public final class InMemoryApiKeys implements ApiKeys {

    /** One tenant's key: its id, whether enabled, the usage plans it is on. */
    public record Key(String id, boolean enabled, Set<String> usagePlanIds) {
    }

    public final FaultPlan faults = new FaultPlan();
    private final Map<String, Key> keys = new LinkedHashMap<>();
    private int created;

    @Override
    public String createForTenant(String tenantId, String usagePlanId) {
        faults.call("createForTenant");
        Key key = keys.computeIfAbsent(tenantId, t -> new Key("key-" + ++created, true, new LinkedHashSet<>()));
        key.usagePlanIds().add(usagePlanId);
        return key.id();
    }

    @Override
    public boolean setEnabled(String tenantId, boolean enabled) {
        faults.call("setEnabled");
        Key key = keys.get(tenantId);
        if (key == null) {
            return false;
        }
        keys.put(tenantId, new Key(key.id(), enabled, key.usagePlanIds()));
        return true;
    }

    @Override
    public void delete(String tenantId) {
        faults.call("delete");
        keys.remove(tenantId);
    }

    public Optional<Key> key(String tenantId) {
        return Optional.ofNullable(keys.get(tenantId));
    }

    public int count() {
        return keys.size();
    }

    /** Keys ever created: a retried provisioning must not create a second one. */
    public int createdCount() {
        return created;
    }
}
