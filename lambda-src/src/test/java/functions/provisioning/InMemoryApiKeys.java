package functions.provisioning;

import functions.shared.FaultPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * API keys of every stack's API in memory, with one {@link FaultPlan} to fail or crash any call. Each stack gets
 * its own view ({@link #forStack}): a key lives in exactly one stack's API, and a plan of another stack is refused
 * the way API Gateway refuses a plan id it does not have.
 */
public final class InMemoryApiKeys {

    /** One tenant's key: the stack whose API holds it, its id and value, whether enabled, its usage plans. */
    public record Key(String stack, String id, String value, boolean enabled, Set<String> usagePlanIds) {
    }

    public final FaultPlan faults = new FaultPlan();
    // stack -> tenant id -> key
    private final Map<String, Map<String, Key>> keys = new LinkedHashMap<>();
    private int created;

    /** The keys of one stack's API, whose usage plans are {@code usagePlanIds}. */
    public ApiKeys forStack(String stack, Set<String> usagePlanIds) {
        return new ApiKeys() {
            @Override
            public IssuedApiKey createForTenant(String tenantId, String usagePlanId) {
                faults.call("createForTenant");
                if (!usagePlanIds.contains(usagePlanId)) {
                    throw new IllegalStateException("NotFound: usage plan " + usagePlanId + " is not in " + stack);
                }
                Key key = keys(stack).computeIfAbsent(tenantId, t -> {
                    String id = "key-" + ++created;
                    return new Key(stack, id, "value-of-" + id, true, new LinkedHashSet<>());
                });
                key.usagePlanIds().add(usagePlanId);
                return new IssuedApiKey(key.id(), key.value());
            }

            @Override
            public boolean setEnabled(String tenantId, boolean enabled) {
                faults.call("setEnabled");
                Key key = keys(stack).get(tenantId);
                if (key == null) {
                    return false;
                }
                keys(stack).put(tenantId, new Key(stack, key.id(), key.value(), enabled, key.usagePlanIds()));
                return true;
            }

            @Override
            public void delete(String tenantId) {
                faults.call("delete");
                keys(stack).remove(tenantId);
            }
        };
    }

    /** The tenant's key, in whichever stack holds it; at most one may. */
    public Optional<Key> key(String tenantId) {
        List<Key> found = new ArrayList<>();
        keys.values().forEach(byTenant -> Optional.ofNullable(byTenant.get(tenantId)).ifPresent(found::add));
        if (found.size() > 1) {
            throw new AssertionError("tenant " + tenantId + " has keys in several stacks: " + found);
        }
        return found.stream().findFirst();
    }

    public int count() {
        return keys.values().stream().mapToInt(Map::size).sum();
    }

    /** Keys ever created: a retried provisioning must not create a second one. */
    public int createdCount() {
        return created;
    }

    private Map<String, Key> keys(String stack) {
        return keys.computeIfAbsent(stack, s -> new LinkedHashMap<>());
    }
}
