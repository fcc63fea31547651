package functions.tenants;

import functions.provisioning.AccountRegion;
import functions.provisioning.ApiKeys;
import functions.provisioning.IssuedApiKey;
import functions.shared.FaultPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;

/**
 * The API keys in every environment the {@link ControlPlaneFixture} deploys to, read on moto in each one's own
 * account and region (API keys belong to an account and region, not to one API), and the {@link #faults} that the
 * control plane's API key calls go through.
 */
public final class StackApiKeys {

    /** One tenant's key: the environment that holds it, its id and value, whether enabled, its usage plans. */
    public record Key(AccountRegion env, String id, String value, boolean enabled, Set<String> usagePlanIds) {
    }

    public final FaultPlan faults = new FaultPlan();
    private final Set<AccountRegion> environments = new CopyOnWriteArraySet<>();
    private final AtomicInteger created = new AtomicInteger();

    void add(AccountRegion env) {
        environments.add(env);
    }

    /** The tenant's key, in whichever environment holds it; at most one may. */
    public Optional<Key> key(String tenantId) {
        List<Key> found = new ArrayList<>();
        for (AccountRegion env : environments) {
            for (ApiKey k : named(env, tenantId)) {
                var apiGateway = MotoEnvironment.of(env).apiGateway;
                Set<String> plans = apiGateway.getUsagePlans(r -> r.keyId(k.id())).items().stream()
                        .map(UsagePlan::id).collect(Collectors.toSet());
                String value = apiGateway.getApiKey(r -> r.apiKey(k.id()).includeValue(true)).value();
                found.add(new Key(env, k.id(), value, Boolean.TRUE.equals(k.enabled()), plans));
            }
        }
        if (found.size() > 1) {
            throw new AssertionError("tenant " + tenantId + " has several keys: " + found);
        }
        return found.stream().findFirst();
    }

    /** Keys in every environment. */
    public int count() {
        return environments.stream().mapToInt(env -> MotoEnvironment.of(env).apiGateway
                .getApiKeys(r -> r.limit(500)).items().size()).sum();
    }

    /** Keys the control plane created: a retried provisioning must not create a second one. */
    public int createdCount() {
        return created.get();
    }

    /** {@code keys} of a stack in {@code env}, counting the keys its createForTenant calls create. */
    ApiKeys counting(AccountRegion env, ApiKeys keys) {
        return new ApiKeys() {
            @Override
            public IssuedApiKey createForTenant(String tenantId, String usagePlanId) {
                boolean had = !named(env, tenantId).isEmpty();
                IssuedApiKey key = keys.createForTenant(tenantId, usagePlanId);
                if (!had) {
                    created.incrementAndGet();
                }
                return key;
            }

            @Override
            public boolean setEnabled(String tenantId, boolean enabled) {
                return keys.setEnabled(tenantId, enabled);
            }

            @Override
            public void delete(String tenantId) {
                keys.delete(tenantId);
            }
        };
    }

    private static List<ApiKey> named(AccountRegion env, String tenantId) {
        return MotoEnvironment.of(env).apiGateway.getApiKeys(r -> r.nameQuery(tenantId).limit(500)).items().stream()
                .filter(k -> tenantId.equals(k.name())).toList();
    }
}
