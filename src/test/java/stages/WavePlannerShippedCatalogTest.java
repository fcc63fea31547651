package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.FleetCatalog;
import app.JsonFileCatalogSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WavePlannerShippedCatalogTest {

    private static FleetCatalog catalog;
    private static FleetPlan plan;

    @BeforeAll
    static void planShippedCatalog() {
        catalog = new JsonFileCatalogSource(Path.of("tenants.json")).load();
        plan = WavePlanner.plan(catalog);
    }

    @Test
    void shippedFleetFitsOnePipelineNamedSaasFleet() {
        assertEquals(List.of("saas-fleet"), plan.pipelines().stream().map(PipelinePlan::name).toList());
        PlanCatalogs.assertWithinLimits(plan, WaveLimits.DEFAULT);
    }

    @Test
    void baselineDeploysFirstAloneInItsOwnWave() {
        Wave first = plan.pipelines().get(0).waves().get(0);
        assertEquals("Baseline", first.name());
        assertEquals(List.of("saas-baseline"), first.stacks().stream().map(PlannedStack::stackName).toList());
        assertEquals(PlannedStack.Kind.BASELINE, first.stacks().get(0).kind());
    }

    @Test
    void canaryWaveHoldsTheFirstPooledTierAndAcmeAndCountsItsValidationAction() {
        Wave canary = plan.pipelines().get(0).waves().get(1);
        assertEquals("Canary", canary.name());
        assertEquals(true, canary.canary());
        assertEquals(List.of("saas-pooled-basic", "saas-silo-acme"),
                canary.stacks().stream().map(PlannedStack::stackName).toList());
        assertEquals(7, canary.actionCount()); // 2 stacks x 2 + activation, validation, approval
    }

    @Test
    void remainingStacksFollowInOneHashWavePooledTiersFirstThenTenantsById() {
        List<Wave> waves = plan.pipelines().get(0).waves();
        assertEquals(List.of("Baseline", "Canary", "Wave-x0"), waves.stream().map(Wave::name).toList());
        assertEquals(List.of("saas-pooled-standard", "saas-pooled-premium", "saas-silo-globex", "saas-silo-initech"),
                waves.get(2).stacks().stream().map(PlannedStack::stackName).toList());
    }

    @Test
    void everyShippedStackAppearsExactlyOnce() {
        PlanCatalogs.assertEveryStackExactlyOnce(catalog, plan);
    }

    @Test
    void plannedIdsAndNamesAreTheOnesTheStacksUse() {
        PlannedStack acme = PlanCatalogs.stacks(plan).filter(s -> "acme".equals(s.tenantId())).findFirst().orElseThrow();
        assertEquals("SiloTenant-acme", acme.constructId());
        assertEquals("saas-silo-acme", acme.stackName());
        assertEquals("333333333333", acme.env().account());
        assertEquals("eu-west-1", acme.env().region());
    }
}
