package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.AwsEnv;
import app.FleetCatalog;
import app.SiloTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 700 silo tenants exceed one pipeline's template budget: the fleet is sharded by a stable rule. */
class WavePlannerShardingTest {

    private static FleetCatalog catalog;
    private static FleetPlan plan;

    @BeforeAll
    static void planLargeFleet() {
        catalog = PlanCatalogs.catalog(PlanCatalogs.spread(700, 3));
        plan = WavePlanner.plan(catalog);
    }

    @Test
    void largeFleetIsShardedIntoPipelinesNamedByTheHashRangeTheyDeploy() {
        List<String> names = plan.pipelines().stream().map(PipelinePlan::name).toList();
        assertTrue(names.size() >= 3, names.toString());
        assertEquals("saas-fleet", names.get(0));
        names.stream().skip(1).forEach(name -> assertTrue(name.matches("saas-fleet-[0-9a-f]+"), name));
        assertKeysInTheirPipelinesRange(catalog, plan);
    }

    private static void assertKeysInTheirPipelinesRange(FleetCatalog catalog, FleetPlan plan) {
        List<String> names = plan.pipelines().stream().map(PipelinePlan::name).toList();
        List<Long> starts = names.stream().map(WavePlannerShardingTest::rangeStart).toList();
        for (int i = 0; i < names.size(); i++) {
            assertTrue(i == 0 || Long.compareUnsigned(starts.get(i - 1), starts.get(i)) < 0, "in key order: " + names);
            long start = starts.get(i);
            Long end = i + 1 < names.size() ? starts.get(i + 1) : null;
            String name = names.get(i);
            catalog.tenants().stream().filter(t -> !t.canary() && plan.pipelineOf(t.tenantId()).orElseThrow()
                    .equals(name)).forEach(t -> {
                        long key = FleetSharder.pipelineKey(t);
                        assertTrue(Long.compareUnsigned(key, start) >= 0
                                && (end == null || Long.compareUnsigned(key, end) < 0), t.tenantId() + " in " + name);
                    });
        }
    }

    /** {@code saas-fleet-8} deploys the keys from 0x8000000000000000; {@code saas-fleet} those from 0. */
    static long rangeStart(String pipeline) {
        String label = pipeline.equals("saas-fleet") ? "0" : pipeline.substring("saas-fleet-".length());
        return Long.parseUnsignedLong((label + "0".repeat(16)).substring(0, 16), 16);
    }

    @Test
    void everyPipelineStaysWithinActionStageAndTemplateByteLimits() {
        PlanCatalogs.assertWithinLimits(plan, WaveLimits.DEFAULT);
        plan.pipelines().forEach(p -> assertTrue(p.stackCount() <= WaveLimits.DEFAULT.maxStacksByTemplate(),
                p.name() + " holds " + p.stackCount()));
    }

    @Test
    void everyStackIsInExactlyOneWaveOfExactlyOnePipeline() {
        PlanCatalogs.assertEveryStackExactlyOnce(catalog, plan);
        catalog.tenants().forEach(t -> assertTrue(plan.pipelineOf(t.tenantId()).isPresent(), t.tenantId()));
    }

    @Test
    void onlyTheFirstPipelineHasTheBaselineAndPooledTiers() {
        assertEquals("Baseline", plan.pipelines().get(0).waves().get(0).name());
        assertTrue(plan.pipelines().get(0).waves().get(1).stacks().stream()
                .anyMatch(s -> s.kind() == PlannedStack.Kind.POOLED_TIER));
        plan.pipelines().stream().skip(1).flatMap(PipelinePlan::stacks)
                .forEach(s -> assertEquals(PlannedStack.Kind.SILO_TENANT, s.kind(), s.stackName()));
    }

    @Test
    void onlyTheFirstPipelineHasACanaryWaveAndItHoldsEveryCanaryTenantWhereverItsKeyFalls() {
        FleetPlan canaries = WavePlanner.plan(PlanCatalogs.catalog(PlanCatalogs.spread(700, 12)));
        assertEquals(canaries.pipelines().get(0), canaries.canaryPipeline());
        Wave canary = canaries.canaryWave().orElseThrow();
        assertEquals(canary, canaries.canaryPipeline().waves().get(1));
        List<String> expected = new ArrayList<>(List.of("saas-pooled-basic"));
        PlanCatalogs.spread(12, 12).forEach(t -> expected.add("saas-silo-" + t.tenantId()));
        assertEquals(expected, canary.stacks().stream().map(PlannedStack::stackName).toList());
        // Not vacuous: some canaries' keys fall in other pipelines' ranges, and they still deploy in this wave.
        long secondRange = rangeStart(canaries.pipelines().get(1).name());
        assertTrue(PlanCatalogs.spread(12, 12).stream()
                .anyMatch(t -> Long.compareUnsigned(FleetSharder.pipelineKey(t), secondRange) >= 0));
        // The other pipelines have no canary wave and pick no tenant as a canary by position: their first wave is a
        // hash wave like the rest, and waits for the fleet canary (WaveLimits.CANARY_GATE_ACTIONS).
        assertEquals(canaries.pipelines().size() - 1, canaries.gatedPipelines().size());
        for (PipelinePlan pipeline : canaries.gatedPipelines()) {
            assertTrue(pipeline.canaryWave().isEmpty(), pipeline.name());
            pipeline.waves().forEach(w -> {
                assertTrue(w.name().startsWith("Wave-"), pipeline.name() + "/" + w.name());
                assertTrue(w.stacks().size() <= WaveLimits.DEFAULT.maxStacksPerGatedWave(), w.name());
                assertTrue(w.actionCount() + WaveLimits.CANARY_GATE_ACTIONS <= 50, w.name());
            });
        }
    }

    @Test
    void addingATenantInANewAccountRegionMovesNoExistingTenant() {
        for (String account : List.of("100000000000", "999999999999")) {
            List<SiloTenant> tenants = new ArrayList<>(catalog.tenants());
            tenants.add(PlanCatalogs.silo("newcomer", new AwsEnv(account, "eu-central-1")));
            FleetPlan grown = WavePlanner.plan(PlanCatalogs.catalog(tenants));
            catalog.tenants().forEach(t -> assertEquals(plan.pipelineOf(t.tenantId()),
                    grown.pipelineOf(t.tenantId()), t.tenantId() + " with a new env in account " + account));
            assertTrue(grown.pipelineOf("newcomer").isPresent());
        }
    }

    @Test
    void removingATenantRemovesOnlyIt() {
        List<SiloTenant> tenants = new ArrayList<>(catalog.tenants());
        SiloTenant removed = tenants.remove(350);
        FleetPlan shrunk = WavePlanner.plan(PlanCatalogs.catalog(tenants));
        assertTrue(shrunk.pipelineOf(removed.tenantId()).isEmpty());
        assertEquals(plan.pipelines().stream().map(PipelinePlan::name).toList(),
                shrunk.pipelines().stream().map(PipelinePlan::name).toList());
        tenants.forEach(t -> assertEquals(plan.pipelineOf(t.tenantId()), shrunk.pipelineOf(t.tenantId()),
                t.tenantId()));
        assertEquals(plan.pipelines().stream().mapToInt(PipelinePlan::stackCount).sum() - 1,
                shrunk.pipelines().stream().mapToInt(PipelinePlan::stackCount).sum());
    }

    @Test
    void pipelineOverItsLimitsSplitsIntoKeyRangesThatHoldExactlyTheirTenants() {
        // 5 stacks per wave (4 outside the canary pipeline), 3 regular waves in the canary pipeline: small pipelines.
        var limits = new WaveLimits(10, 10, 100_000, 0, 1_000);
        var env = new AwsEnv("333333333333", "eu-west-1");
        List<SiloTenant> tenants = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            tenants.add(PlanCatalogs.silo(String.format("big-%03d", i), env));
        }
        FleetCatalog big = PlanCatalogs.catalog(tenants);
        FleetPlan split = WavePlanner.plan(big, limits);

        PlanCatalogs.assertEveryStackExactlyOnce(big, split);
        PlanCatalogs.assertWithinLimits(split, limits);
        assertTrue(split.pipelines().size() >= 3, split.pipelines().size() + " pipelines");
        // Every tenant's key lies in its pipeline's range [its start, the next pipeline's start).
        assertKeysInTheirPipelinesRange(big, split);
        assertEquals(split, WavePlanner.plan(big, limits));
    }
}
