package bench.registration;

import functions.provisioning.TenantResources;
import contract.Tier;
import functions.registration.RegistrationView;
import functions.shared.ConflictException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The end-of-run checks that catch a fast but wrong run: every registration left exactly one tenant, its claims,
 * its admin user in its group, its API key on the tier's usage plan and its key item, or its stack mapping; nothing
 * was written twice or by the 409 and replay bursts; and the floor's fleet holds what the service's does (the
 * replay did the same work).
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

    /** Every replayed call of the floor ended as the service's had. */
    void floorReplayed(String phase, int differing) {
        check(differing == 0, phase + ": " + differing + " replayed calls ended otherwise than the service's");
    }

    /** A replay answers the first call's view. */
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

    /** The service's fleet holds exactly what {@code registered} should have left. */
    void stored(MotoFleet fleet, List<Workload.Registration> registered) {
        long pooled = registered.stream().filter(r -> r.tier().pooled()).count();
        long silo = registered.size() - pooled;
        List<Map<String, AttributeValue>> tenants = fleet.items(MotoFleet.TENANT_DETAILS);
        check(tenants.size() == registered.size(), "TenantDetails holds " + tenants.size() + " items, expected "
                + registered.size());
        Set<String> names = new HashSet<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Map<String, AttributeValue>> pooledTenants = new HashMap<>();
        for (Map<String, AttributeValue> tenant : tenants) {
            names.add(tenant.get("tenantName").s());
            String tier = tenant.get("tier").s();
            byStatus.merge(tier + "/" + tenant.get("status").s(), 1, Integer::sum);
            boolean pooledTier = Tier.valueOf(tier).pooled();
            check(pooledTier == (tenant.get("apiKeyId") != null && tenant.get("shard") != null),
                    "tenant " + tenant.get("tenantId").s() + " has apiKeyId/shard " + (pooledTier ? "missing" : "set"));
            if (pooledTier) {
                pooledTenants.put(tenant.get("tenantId").s(), tenant);
            }
        }
        check(names.size() == tenants.size(), (tenants.size() - names.size()) + " duplicate tenant names");
        long active = byStatus.entrySet().stream().filter(e -> e.getKey().endsWith("/ACTIVE"))
                .mapToLong(Map.Entry::getValue).sum();
        long provisioning = byStatus.entrySet().stream().filter(e -> e.getKey().endsWith("/PROVISIONING"))
                .mapToLong(Map.Entry::getValue).sum();
        check(active == pooled && provisioning == silo, "tenants by tier/status " + byStatus);
        check(fleet.count(MotoFleet.REGISTRATIONS) == 3L * registered.size(),
                "Registrations holds " + fleet.count(MotoFleet.REGISTRATIONS) + " items, expected 3 per tenant");
        check(fleet.count(MotoFleet.TENANT_USER_MAPPING) == pooled, "TenantUserMapping holds "
                + fleet.count(MotoFleet.TENANT_USER_MAPPING) + " items, expected " + pooled);
        check(fleet.count(MotoFleet.TENANT_STACK_MAPPING) == silo, "TenantStackMapping holds "
                + fleet.count(MotoFleet.TENANT_STACK_MAPPING) + " items, expected " + silo);
        int users = directory(fleet, pooledTenants);
        Map<String, String> keyValues = apiKeys(fleet, pooledTenants);
        long keyItems = keyItems(fleet, keyValues);
        summary = tenants.size() + " tenants (" + byStatus + "), " + names.size() + " distinct names, "
                + users + " admin users in their tenant's group, " + keyValues.size() + " API keys on their tier's plan, "
                + keyItems + " TenantApiKeys items, " + silo + " stack mappings";
    }

    /** The floor's fleet holds as many items in every table as the service's. */
    void sameState(MotoFleet fleet, MotoFleet floor) {
        for (String table : List.of(MotoFleet.TENANT_DETAILS, MotoFleet.TENANT_USER_MAPPING,
                MotoFleet.TENANT_STACK_MAPPING, MotoFleet.REGISTRATIONS)) {
            long expected = fleet.count(table);
            long found = floor.count(table);
            check(found == expected, "floor: " + table + " holds " + found + " items, the service's " + expected);
        }
        for (Tier tier : MotoFleet.POOLED) {
            String table = fleet.tierStacks().get(tier).resources().tenantApiKeysTable();
            long expected = MotoFleet.count(fleet.tiers().dynamo(), table);
            long found = MotoFleet.count(floor.tiers().dynamo(), table);
            check(found == expected, "floor: " + table + " holds " + found + " items, the service's " + expected);
        }
    }

    // One user per pooled tenant in its tier's pool, with its tenant's attributes, alone in its tenant's group.
    private int directory(MotoFleet fleet, Map<String, Map<String, AttributeValue>> pooledTenants) {
        var cognito = fleet.tiers().cognito();
        int users = 0;
        for (var stack : fleet.tierStacks().values()) {
            String pool = stack.resources().userPoolId();
            List<UserType> listed = new ArrayList<>();
            cognito.listUsersPaginator(r -> r.userPoolId(pool)).users().forEach(listed::add);
            users += listed.size();
            for (UserType user : listed) {
                String tenantId = attribute(user, "custom:tenantId");
                var tenant = pooledTenants.get(tenantId);
                check(tenant != null && tenant.get("tier").s().equals(stack.tier().name())
                                && tenant.get("adminEmail").s().equals(attribute(user, "email")),
                        "user " + user.username() + " in " + pool + " belongs to no pooled tenant of its tier");
                var members = cognito.listUsersInGroup(r -> r.userPoolId(pool)
                        .groupName(TenantResources.groupName(tenantId))).users();
                check(members.size() == 1 && members.get(0).username().equals(user.username()),
                        "group of tenant " + tenantId + " holds " + members.size() + " users, expected its admin");
            }
        }
        check(users == pooledTenants.size(), "directory: " + users + " users, expected " + pooledTenants.size());
        return users;
    }

    // One API key per pooled tenant, named by it, the one its tenant item names, on its tier's usage plan.
    private Map<String, String> apiKeys(MotoFleet fleet, Map<String, Map<String, AttributeValue>> pooledTenants) {
        var apiGateway = fleet.tiers().apiGateway();
        Map<String, String> values = new HashMap<>();
        for (ApiKey key : apiGateway.getApiKeys(r -> r.includeValues(true).limit(500)).items()) {
            var tenant = pooledTenants.get(key.name());
            check(tenant != null && tenant.get("apiKeyId").s().equals(key.id()),
                    "API key " + key.id() + " named " + key.name() + " is not its pooled tenant's");
            check(values.put(key.name(), key.value()) == null, "tenant " + key.name() + " has more than one API key");
        }
        check(values.size() == pooledTenants.size(), "API keys: " + values.size() + ", expected "
                + pooledTenants.size());
        long onPlans = 0;
        for (var stack : fleet.tierStacks().values()) {
            onPlans += apiGateway.getUsagePlanKeys(r -> r.usagePlanId(stack.resources().usagePlanId()).limit(500))
                    .items().size();
        }
        check(onPlans == pooledTenants.size(), "usage plans hold " + onPlans + " keys, expected " + pooledTenants.size());
        return values;
    }

    // One enabled TenantApiKeys item per pooled tenant, in its tier's table, with its key's value.
    private long keyItems(MotoFleet fleet, Map<String, String> keyValues) {
        long items = 0;
        for (var stack : fleet.tierStacks().values()) {
            String table = stack.resources().tenantApiKeysTable();
            for (var item : fleet.tiers().dynamo().scanPaginator(r -> r.tableName(table).consistentRead(true)).items()) {
                items++;
                String tenantId = item.get("tenantId").s();
                check(item.get("apiKeyValue").s().equals(keyValues.get(tenantId))
                                && Boolean.TRUE.equals(item.get("enabled").bool()),
                        "TenantApiKeys item of " + tenantId + " in " + table + " is not its enabled key");
            }
        }
        check(items == keyValues.size(), "TenantApiKeys tables hold " + items + " items, expected " + keyValues.size());
        return items;
    }

    private static String attribute(UserType user, String name) {
        return user.attributes().stream().filter(a -> a.name().equals(name)).map(AttributeType::value).findFirst()
                .orElse(null);
    }

    private void check(boolean ok, String failure) {
        if (!ok && failures.size() < 50) {
            failures.add(failure);
        }
    }

    private static String describe(Object outcome) {
        return outcome instanceof Throwable t ? t.getClass().getSimpleName() + ": " + t.getMessage()
                : String.valueOf(outcome);
    }
}
