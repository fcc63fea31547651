package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.AwsEnv;
import app.FleetCatalog;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 150 silo tenants over 3 accounts x 4 regions, 3 of them canaries: one pipeline within every AWS limit. */
class WavePlannerLimitsTest {

    private static FleetCatalog catalog;
    private static FleetPlan plan;

    @BeforeAll
    static void planMidSizeFleet() {
        catalog = PlanCatalogs.catalog(PlanCatalogs.spread(150, 3));
        plan = WavePlanner.plan(catalog);
    }

    @Test
    void defaultLimitsAreDerivedFromAwsQuotasAndMeasuredTemplateBytes() {
        WaveLimits limits = WaveLimits.DEFAULT;
        assertEquals(25, limits.maxStacksPerWave());
        assertEquals(24, limits.maxCanaryStacks());
        assertEquals(44, limits.maxWavesPerPipeline()); // 50 stages less 6 reserved (Preflight included)
        assertEquals(900_000, limits.templateBudgetBytes());
        // (900,000 - 51,000) / 3,300 = 257.3: the template, not the stage count, bounds a pipeline.
        assertEquals(257, limits.maxStacksByTemplate());
        assertEquals(257, limits.maxStacksPerPipeline(true));
    }

    @Test
    void midSizeFleetFitsOnePipeline() {
        assertEquals(List.of("saas-fleet"), plan.pipelines().stream().map(PipelinePlan::name).toList());
    }

    @Test
    void everyWaveHasAtMostFiftyActionsCountingTheCanaryValidation() {
        PlanCatalogs.assertWithinLimits(plan, WaveLimits.DEFAULT);
        for (Wave wave : plan.pipelines().get(0).waves()) {
            assertTrue(wave.stacks().size() <= (wave.canary() ? 24 : 25), wave.name());
            assertEquals(2 * wave.stacks().size() + (wave.canary() ? 1 : 0), wave.actionCount(), wave.name());
        }
    }

    @Test
    void pipelineUsesAtMostFiftyStagesWithSixReserved() {
        PipelinePlan pipeline = plan.pipelines().get(0);
        // Source, Build, UpdatePipeline, Assets, Preflight before the waves; Offboard after them.
        assertEquals(pipeline.waves().size() + 6, pipeline.codePipelineStageCount());
        assertTrue(pipeline.codePipelineStageCount() <= 50);
    }

    @Test
    void waveCountIsTheMinimumTheActionLimitAllows() {
        // Baseline, Canary (BASIC + 3 canaries), then 147 silo tenants in ceil(147 / 25) = 6 waves.
        assertEquals(List.of("Baseline", "Canary", "Wave-01", "Wave-02", "Wave-03", "Wave-04", "Wave-05", "Wave-06"),
                plan.pipelines().get(0).waves().stream().map(Wave::name).toList());
        assertEquals(4, plan.pipelines().get(0).waves().get(1).stacks().size());
    }

    @Test
    void noWaveHammersOneAccountRegion() {
        for (Wave wave : plan.pipelines().get(0).waves()) {
            Map<AwsEnv, Long> perEnv = wave.stacks().stream()
                    .collect(Collectors.groupingBy(PlannedStack::env, Collectors.counting()));
            if (perEnv.size() < 2) {
                continue;
            }
            long bound = (wave.stacks().size() + perEnv.size() - 1) / perEnv.size() + 1;
            perEnv.forEach((env, count) -> assertTrue(count <= bound,
                    wave.name() + ": " + env.key() + " holds " + count + " of " + wave.stacks().size()
                            + " stacks, bound " + bound));
        }
    }

    @Test
    void fullWavesTouchEveryAccountRegion() {
        plan.pipelines().get(0).waves().stream().filter(w -> w.stacks().size() == 25).forEach(wave ->
                assertEquals(12, wave.stacks().stream().map(PlannedStack::env).distinct().count(), wave.name()));
    }

    @Test
    void everyStackAppearsExactlyOnce() {
        PlanCatalogs.assertEveryStackExactlyOnce(catalog, plan);
    }

    @Test
    void planDoesNotDependOnTheCatalogsTenantOrder() {
        var reversed = new java.util.ArrayList<>(catalog.tenants());
        java.util.Collections.reverse(reversed);
        assertEquals(plan, WavePlanner.plan(PlanCatalogs.catalog(reversed)));
    }
}
