package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.AwsEnv;
import app.FleetCatalog;
import app.PipelineSettings;
import app.PooledTierEntry;
import app.SiloTenant;
import contract.Tier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Catalogs for the planner tests, built from the catalog records, and the checks every plan must pass. */
final class PlanCatalogs {

    static final AwsEnv PIPELINE_ENV = new AwsEnv("111111111111", "us-east-1");
    static final PipelineSettings PIPELINE = new PipelineSettings(PIPELINE_ENV,
            "arn:aws:codeconnections:us-east-1:111111111111:connection/5f2c9a8e-3b1d", "example-org/saas-fleet",
            "main");
    static final AwsEnv POOLED_ENV = new AwsEnv("222222222222", "us-east-1");
    static final List<PooledTierEntry> BASIC_ONLY = List.of(new PooledTierEntry(Tier.BASIC, POOLED_ENV));
    static final List<String> ACCOUNTS = List.of("333333333333", "444444444444", "555555555555");
    static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2");

    private PlanCatalogs() {
    }

    static FleetCatalog catalog(List<SiloTenant> tenants) {
        return catalog(BASIC_ONLY, tenants);
    }

    static FleetCatalog catalog(List<PooledTierEntry> pooled, List<SiloTenant> tenants) {
        return new FleetCatalog(PIPELINE, PIPELINE_ENV, pooled, tenants);
    }

    static SiloTenant silo(String id, AwsEnv env) {
        return new SiloTenant(id, "Tenant " + id, Tier.PLATINUM, env, false, null);
    }

    static SiloTenant canary(String id, AwsEnv env) {
        return new SiloTenant(id, "Tenant " + id, Tier.PLATINUM, env, true, null);
    }

    static SiloTenant pinned(String id, AwsEnv env, int wave) {
        return new SiloTenant(id, "Tenant " + id, Tier.PLATINUM, env, false, wave);
    }

    /** {@code n} tenants spread evenly over 3 accounts x 4 regions (as bench/synth-fleet.sh); the first few canary. */
    static List<SiloTenant> spread(int n, int canaries) {
        List<SiloTenant> tenants = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var env = new AwsEnv(ACCOUNTS.get(i % ACCOUNTS.size()), REGIONS.get((i / ACCOUNTS.size()) % REGIONS.size()));
            String id = String.format("tenant-%04d", i);
            tenants.add(i < canaries ? canary(id, env) : silo(id, env));
        }
        return tenants;
    }

    /**
     * Tenants as {@link #spread} makes them (ids {@code tenant-NNNN}, spread over accounts/regions), the first
     * {@code canaries} canaries, then the next ids taken while their pipeline key is in the lower half of the key
     * space until there are {@code low} of them, and in the upper half until {@code high}: so the canary pipeline
     * (range 0) holds exactly the canaries and {@code low} tenants once the fleet splits in two.
     */
    static List<SiloTenant> byKeyHalf(int canaries, int low, int high) {
        List<SiloTenant> pool = spread(canaries + 4 * (low + high) + 100, canaries);
        List<SiloTenant> tenants = new ArrayList<>(pool.subList(0, canaries));
        int lows = 0;
        int highs = 0;
        for (SiloTenant tenant : pool.subList(canaries, pool.size())) {
            boolean upper = FleetSharder.pipelineKey(tenant) < 0; // the top bit set: the upper half
            if (upper ? highs++ < high : lows++ < low) {
                tenants.add(tenant);
            }
        }
        assertEquals(canaries + low + high, tenants.size(), "enough ids in each half");
        return tenants;
    }

    /** Where a silo tenant deploys: its pipeline and its wave. */
    record Placement(String pipeline, String wave) {
    }

    /** Each silo tenant's placement in the plan, by tenant id. */
    static Map<String, Placement> placements(FleetPlan plan) {
        Map<String, Placement> placements = new HashMap<>();
        for (PipelinePlan pipeline : plan.pipelines()) {
            for (Wave wave : pipeline.waves()) {
                wave.stacks().stream().filter(s -> s.tenantId() != null).forEach(s -> {
                    var previous = placements.put(s.tenantId(), new Placement(pipeline.name(), wave.name()));
                    assertTrue(previous == null, s.tenantId() + " is placed twice");
                });
            }
        }
        return placements;
    }

    /** Tenants of {@code before} whose pipeline or wave differs in {@code after} (or that are gone from it). */
    static Map<String, Placement> moved(Map<String, Placement> before, Map<String, Placement> after) {
        Map<String, Placement> moved = new java.util.TreeMap<>();
        before.forEach((id, placement) -> {
            if (after.containsKey(id) && !placement.equals(after.get(id))) {
                moved.put(id, placement);
            }
        });
        return moved;
    }

    static Stream<PlannedStack> stacks(FleetPlan plan) {
        return plan.pipelines().stream().flatMap(PipelinePlan::stacks);
    }

    /** Each catalog stack (baseline, pooled tiers, silo tenants) is in exactly one wave of exactly one pipeline. */
    static void assertEveryStackExactlyOnce(FleetCatalog catalog, FleetPlan plan) {
        Map<String, Integer> seen = new HashMap<>();
        stacks(plan).forEach(s -> seen.merge(s.constructId(), 1, Integer::sum));
        List<String> expected = new ArrayList<>();
        expected.add(StackNames.baselineId());
        catalog.pooledTiers().forEach(p -> expected.add(StackNames.pooledTierId(p.tier(), p.env())));
        catalog.tenants().forEach(t -> expected.add(StackNames.siloTenantId(t)));
        assertEquals(expected.size(), seen.size(), "distinct stacks in the plan");
        expected.forEach(id -> assertEquals(1, seen.getOrDefault(id, 0), id + " appears once"));
    }

    /** Actions per stage, stages per pipeline and the template byte budget all hold. */
    static void assertWithinLimits(FleetPlan plan, WaveLimits limits) {
        for (PipelinePlan pipeline : plan.pipelines()) {
            assertTrue(pipeline.codePipelineStageCount() <= limits.maxStagesPerPipeline(),
                    pipeline.name() + " has " + pipeline.codePipelineStageCount() + " stages");
            assertTrue(limits.templateBytes(pipeline.stackCount()) <= limits.templateBudgetBytes(),
                    pipeline.name() + " template estimate " + limits.templateBytes(pipeline.stackCount()));
            for (Wave wave : pipeline.waves()) {
                assertTrue(wave.actionCount() <= limits.maxActionsPerStage(),
                        pipeline.name() + "/" + wave.name() + " has " + wave.actionCount() + " actions");
            }
        }
    }
}
