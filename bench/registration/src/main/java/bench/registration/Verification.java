package bench.registration;

import functions.provisioning.Tier;
import functions.registration.RegistrationView;
import functions.shared.ConflictException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The end-of-run checks that catch a fast but wrong run: every registration left exactly one tenant, its claims,
 * its admin user or stack mapping, and nothing was written twice or by the 409 and replay bursts.
 */
final class Verification {

    private final List<String> failures = new ArrayList<>();
    private String summary = "";

    List<String> failures() {
        return failures;
    }

    /** What {@link #stored} found, in one line. */
    String summary() {
        return summary;
    }

    /** Each call answered a view for its own tenant name, with the status its tier ends in, and a unique tenant id. */
    void views(String phase, List<Workload.Registration> sent, List<Object> outcomes) {
        Set<String> tenantIds = new HashSet<>();
        int wrong = 0;
        for (int i = 0; i < sent.size(); i++) {
            Object outcome = outcomes.get(i);
            if (!(outcome instanceof RegistrationView view)) {
                if (wrong++ < 3) {
                    failures.add(phase + ": call " + i + " failed: " + describe(outcome));
                }
                continue;
            }
            String expected = sent.get(i).tier().pooled() ? "ACTIVE" : "PROVISIONING";
            if (!expected.equals(view.status()) || !view.tenantName().equals(sent.get(i).input().tenantName())
                    || !view.requestId().equals(sent.get(i).idempotencyKey()) || !tenantIds.add(view.tenantId())) {
                if (wrong++ < 3) {
                    failures.add(phase + ": call " + i + " answered " + view);
                }
            }
        }
        if (wrong > 0) {
            failures.add(phase + ": " + wrong + " of " + sent.size() + " calls wrong");
        }
    }

    /** A replay answers the first call's tenant id. */
    void replays(List<Object> firstOutcomes, List<Object> replayOutcomes) {
        int wrong = 0;
        for (int i = 0; i < replayOutcomes.size(); i++) {
            if (!(replayOutcomes.get(i) instanceof RegistrationView replay)
                    || !replay.equals(firstOutcomes.get(i))) {
                wrong++;
            }
        }
        check(wrong == 0, "replay: " + wrong + " of " + replayOutcomes.size() + " replays answered differently");
    }

    /** Every call was a 409 on tenantName. */
    void conflicts(List<Object> outcomes) {
        long ok = outcomes.stream().filter(o -> o instanceof ConflictException c
                && "tenantName".equals(c.field())).count();
        check(ok == outcomes.size(), "duplicate names: " + (outcomes.size() - ok) + " of " + outcomes.size()
                + " were not a 409 on tenantName, e.g. " + outcomes.stream()
                .filter(o -> !(o instanceof ConflictException)).findFirst().map(Verification::describe)
                .orElse("-"));
    }

    /** The tables and doubles hold exactly what {@code registered} should have left. */
    void stored(LocalDynamo dynamo, List<Workload.Registration> registered, BenchUserDirectory directory,
                BenchApiKeys apiKeys) {
        var config = dynamo.config();
        long pooled = registered.stream().filter(r -> r.tier().pooled()).count();
        long silo = registered.size() - pooled;
        List<Map<String, AttributeValue>> tenants = dynamo.items(config.tenantDetailsTable());
        check(tenants.size() == registered.size(), "TenantDetails holds " + tenants.size() + " items, expected "
                + registered.size());
        Set<String> names = new HashSet<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        for (Map<String, AttributeValue> tenant : tenants) {
            names.add(tenant.get("tenantName").s());
            String tier = tenant.get("tier").s();
            byStatus.merge(tier + "/" + tenant.get("status").s(), 1, Integer::sum);
            boolean pooledTier = Tier.valueOf(tier).pooled();
            check(pooledTier == (tenant.get("apiKeyId") != null && tenant.get("shard") != null),
                    "tenant " + tenant.get("tenantId").s() + " has apiKeyId/shard " + (pooledTier ? "missing" : "set"));
        }
        check(names.size() == tenants.size(), (tenants.size() - names.size()) + " duplicate tenant names");
        long active = byStatus.entrySet().stream().filter(e -> e.getKey().endsWith("/ACTIVE"))
                .mapToLong(Map.Entry::getValue).sum();
        long provisioning = byStatus.entrySet().stream().filter(e -> e.getKey().endsWith("/PROVISIONING"))
                .mapToLong(Map.Entry::getValue).sum();
        check(active == pooled && provisioning == silo, "tenants by tier/status " + byStatus);
        check(dynamo.count(config.registrationsTable()) == 3L * registered.size(),
                "Registrations holds " + dynamo.count(config.registrationsTable()) + " items, expected 3 per tenant");
        check(dynamo.count(config.tenantUserMappingTable()) == pooled, "TenantUserMapping holds "
                + dynamo.count(config.tenantUserMappingTable()) + " items, expected " + pooled);
        check(dynamo.count(config.tenantStackMappingTable()) == silo, "TenantStackMapping holds "
                + dynamo.count(config.tenantStackMappingTable()) + " items, expected " + silo);
        int users = directory.userCounts().values().stream().mapToInt(Integer::intValue).sum();
        check(users == pooled && directory.groupMemberships() == pooled,
                "directory: " + users + " users, " + directory.groupMemberships() + " memberships, expected " + pooled);
        check(apiKeys.count() == pooled, "API keys: " + apiKeys.count() + ", expected " + pooled);
        long keyItems = dynamo.tierStacks().values().stream()
                .mapToLong(stack -> dynamo.count(stack.tenantApiKeysTable())).sum();
        check(keyItems == pooled, "TenantApiKeys tables hold " + keyItems + " items, expected " + pooled);
        summary = tenants.size() + " tenants (" + byStatus + "), " + names.size() + " distinct names, "
                + users + " admin users, " + apiKeys.count() + " API keys, " + keyItems + " TenantApiKeys items, " + silo
                + " stack mappings";
    }

    private void check(boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }

    private static String describe(Object outcome) {
        return outcome instanceof Throwable t ? t.getClass().getSimpleName() + ": " + t.getMessage()
                : String.valueOf(outcome);
    }
}
