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
        assertEquals(23, limits.maxCanaryStacks()); // (50 - activation, validation, approval) / 2
        // Pipelines other than the canary pipeline keep an action per wave and a stage for the canary gate.
        assertEquals(24, limits.maxStacksPerGatedWave());
        assertEquals(44, limits.maxWavesPerPipeline()); // 50 stages less 6 reserved (Preflight included)
        assertEquals(42, limits.maxRegularWaves(true));
        assertEquals(43, limits.maxRegularWaves(false));
        assertEquals(900_000, limits.templateBudgetBytes());
        // (900,000 - 51,000) / 3,300 = 257.3: the template, not the stage count, bounds a pipeline.
        assertEquals(257, limits.maxStacksByTemplate());
        assertEquals(257, limits.maxStacksPerPipeline(true));
        assertEquals(257, limits.maxStacksPerPipeline(false));
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
            assertEquals(2 * wave.stacks().size() + (wave.canary() ? WaveLimits.CANARY_VALIDATION_ACTIONS : 0),
                    wave.actionCount(), wave.name());
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
    void wavesAreHashRangesInKeyOrderAtMostTwiceTheFewestTheActionLimitAllows() {
        // Baseline, Canary (BASIC + 3 canaries), then 147 silo tenants: at least ceil(147 / 25) = 6 waves. Hash waves
        // split only where one would exceed 25 stacks, so they are fuller than half on average, not full.
        List<Wave> waves = plan.pipelines().get(0).waves();
        assertEquals(List.of("Baseline", "Canary", "Wave-x0", "Wave-x2", "Wave-x4", "Wave-x6", "Wave-x8", "Wave-xa",
                "Wave-xc", "Wave-xe"), waves.stream().map(Wave::name).toList());
        assertEquals(4, waves.get(1).stacks().size());
        assertTrue(waves.size() - 2 <= 2 * 6, waves.size() + " waves");
        List<Wave> hashed = waves.subList(2, waves.size());
        for (int i = 0; i < hashed.size(); i++) {
            Wave wave = hashed.get(i);
            long start = rangeStart(wave);
            Long end = i + 1 < hashed.size() ? rangeStart(hashed.get(i + 1)) : null;
            wave.stacks().forEach(s -> {
                long key = PipelineWaves.waveKey(s);
                assertTrue(Long.compareUnsigned(key, start) >= 0 && (end == null || Long.compareUnsigned(key, end) < 0),
                        s.stackName() + " key is in " + wave.name() + "'s range");
            });
        }
    }

    /** {@code Wave-x8} starts at 0x8000000000000000: the label is the range start's hex, trailing zeros trimmed. */
    private static long rangeStart(Wave wave) {
        return Long.parseUnsignedLong((wave.name().substring("Wave-x".length()) + "0".repeat(16)).substring(0, 16), 16);
    }

    @Test
    void wavesMixAccountRegionsSoNoneDominatesAWave() {
        // Placement by hash of the tenant id spreads each account/region over the waves at random: with 12
        // accounts/regions, none holds more than a third of a wave, and a wave of 12 or more spans at least half.
        for (Wave wave : plan.pipelines().get(0).waves()) {
            Map<AwsEnv, Long> perEnv = wave.stacks().stream()
                    .collect(Collectors.groupingBy(PlannedStack::env, Collectors.counting()));
            if (wave.stacks().size() < 12) {
                continue;
            }
            assertTrue(perEnv.size() >= 6, wave.name() + " spans " + perEnv.size() + " accounts/regions");
            perEnv.forEach((env, count) -> assertTrue(count * 3 <= wave.stacks().size(),
                    wave.name() + ": " + env.key() + " holds " + count + " of " + wave.stacks().size()));
        }
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

    /** {@code n} tenants, each in an account of its own in {@code region}; the first {@code canaries} are canaries. */
    private static List<app.SiloTenant> ownAccounts(int n, int canaries, String region) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> {
            var env = new AwsEnv(String.format("8%011d", i), region);
            String id = String.format("solo-%03d", i);
            return i < canaries ? PlanCatalogs.canary(id, env) : PlanCatalogs.silo(id, env);
        }).toList();
    }

    @Test
    void noPipelineDeploysToMoreAccountsInOneRegionThanItsBucketPoliciesCanName() {
        var fleet = WavePlanner.plan(PlanCatalogs.catalog(ownAccounts(100, 0, "us-west-2")));
        assertTrue(fleet.pipelines().size() >= 3, "100 accounts need at least 3 pipelines of 42");
        for (PipelinePlan pipeline : fleet.pipelines()) {
            Map<String, java.util.Set<String>> accounts = pipeline.waves().stream()
                    .flatMap(w -> w.stacks().stream())
                    .collect(Collectors.groupingBy(s -> s.env().region(),
                            Collectors.mapping(s -> s.env().account(), Collectors.toSet())));
            accounts.forEach((region, set) -> assertTrue(set.size() <= WaveLimits.MAX_ACCOUNTS_PER_REGION,
                    pipeline.name() + " deploys to " + set.size() + " accounts in " + region));
        }
        assertEquals(100, fleet.pipelines().stream().flatMap(p -> p.waves().stream())
                .flatMap(w -> w.stacks().stream()).filter(s -> s.tenantId() != null).count());
    }

    @Test
    void canariesInMoreAccountsOfOneRegionThanOnePipelineCanNameStopThePlanNamingTheRegion() {
        var tooMany = PlanCatalogs.catalog(ownAccounts(WaveLimits.MAX_ACCOUNTS_PER_REGION + 1,
                WaveLimits.MAX_ACCOUNTS_PER_REGION + 1, "eu-west-1"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> WavePlanner.plan(tooMany, new WaveLimits(200, 50, 900_000, 51_000, 3_300)));
        assertTrue(e.getMessage().contains("eu-west-1") && e.getMessage().contains("42 accounts"), e.getMessage());
    }
}
