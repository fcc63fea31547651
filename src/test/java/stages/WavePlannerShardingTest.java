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
import java.util.zip.CRC32;
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
    void largeFleetIsShardedIntoAtLeastThreeNumberedPipelines() {
        List<String> names = plan.pipelines().stream().map(PipelinePlan::name).toList();
        assertTrue(names.size() >= 3, names.toString());
        for (int i = 0; i < names.size(); i++) {
            assertEquals(String.format("saas-fleet-%02d", i + 1), names.get(i));
        }
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
    void eachAccountRegionIsDeployedByOnePipelineWhenItFits() {
        Map<AwsEnv, Set<String>> pipelinesPerEnv = catalog.tenants().stream().collect(Collectors.groupingBy(
                SiloTenant::env, Collectors.mapping(t -> plan.pipelineOf(t.tenantId()).orElseThrow(),
                        Collectors.toSet())));
        pipelinesPerEnv.forEach((env, pipelines) -> assertEquals(1, pipelines.size(), env.key()));
    }

    @Test
    void everyPipelineValidatesACanaryFirstEvenWithoutCanaryTenants() {
        FleetPlan oneCanary = WavePlanner.plan(PlanCatalogs.catalog(PlanCatalogs.spread(700, 1)));
        for (PipelinePlan pipeline : oneCanary.pipelines()) {
            Wave canary = pipeline.waves().stream().filter(Wave::canary).findFirst().orElseThrow();
            assertEquals("Canary", canary.name());
            assertEquals(pipeline.waves().get(pipeline.name().endsWith("-01") ? 1 : 0), canary);
            assertTrue(!canary.stacks().isEmpty());
        }
        // Pipelines after the first have no canary tenant: each picks its first stack in plan order.
        oneCanary.pipelines().stream().skip(1).forEach(p ->
                assertEquals(1, p.waves().get(0).stacks().size(), p.name()));
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
    void accountRegionLargerThanAPipelineIsSplitByCrc32OfTheTenantId() {
        // 5 stacks per wave, 6 wave stages: 26 stacks per pipeline (22 in the first, which also has Baseline).
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
        List<PipelinePlan> withTenants = split.pipelines().stream()
                .filter(p -> p.stacks().anyMatch(s -> s.tenantId() != null)).toList();
        int buckets = withTenants.size();
        assertTrue(buckets >= 3, "60 tenants need at least 3 pipelines of 26, got " + buckets);
        for (PipelinePlan pipeline : withTenants) {
            Set<Long> bucketsHere = pipeline.stacks().filter(s -> s.tenantId() != null)
                    .map(s -> crc32(s.tenantId()) % buckets).collect(Collectors.toSet());
            assertEquals(1, bucketsHere.size(), pipeline.name() + " holds one CRC32 bucket");
        }
        assertEquals(split, WavePlanner.plan(big, limits));
    }

    private static long crc32(String text) {
        var crc = new CRC32();
        crc.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
