package bench.registration;

import functions.provisioning.ApiKeys;
import functions.provisioning.IssuedApiKey;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** API Gateway stand-in: one key per tenant, attached to one usage plan; no latency emulated. */
final class BenchApiKeys implements ApiKeys {

    record Key(String id, String value, String usagePlanId, boolean enabled) {
    }

    private final Map<String, Key> byTenant = new ConcurrentHashMap<>();

    @Override
    public IssuedApiKey createForTenant(String tenantId, String usagePlanId) {
        Key key = byTenant.computeIfAbsent(tenantId, t -> new Key(UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), usagePlanId, true));
        return new IssuedApiKey(key.id(), key.value());
    }

    @Override
    public boolean setEnabled(String tenantId, boolean enabled) {
        return byTenant.computeIfPresent(tenantId, (t, k) -> new Key(k.id(), k.value(), k.usagePlanId(), enabled)) != null;
    }

    @Override
    public void delete(String tenantId) {
        byTenant.remove(tenantId);
    }

    int count() {
        return byTenant.size();
    }
}
