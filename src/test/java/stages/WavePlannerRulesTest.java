package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.AwsEnv;
import app.SiloTenant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Canaries, pinned waves and what happens when either breaks a limit. */
class WavePlannerRulesTest {

    private static final AwsEnv EU = new AwsEnv("333333333333", "eu-west-1");
    private static final AwsEnv US = new AwsEnv("333333333333", "us-west-2");

    private static Wave wave(FleetPlan plan, String name) {
        return plan.pipelines().get(0).waves().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> tenantIds(Wave wave) {
        return wave.stacks().stream().map(PlannedStack::tenantId).toList();
    }

    @Test
    void pinnedTenantDeploysInItsOwnWaveAsTheKthRegularWaveOrLastWhenThereAreFewer() {
        FleetPlan plan = WavePlanner.plan(PlanCatalogs.catalog(List.of(
                PlanCatalogs.canary("acme", EU), PlanCatalogs.pinned("globex", US, 3), PlanCatalogs.silo("initech", EU))));
        // One hash wave only, so the wave pinned to 3 comes second, last.
        assertEquals(List.of("Baseline", "Canary", "Wave-x0", "Wave-03"),
                plan.pipelines().get(0).waves().stream().map(Wave::name).toList());
        assertEquals(List.of("initech"), tenantIds(wave(plan, "Wave-x0")));
        assertEquals(List.of("globex"), tenantIds(wave(plan, "Wave-03")));
    }

    @Test
    void pinnedWavesHoldOnlyTheirPinsSoAPinNeverMovesAnUnpinnedTenant() {
        var limits = new WaveLimits(6, 50, 1_000_000, 0, 1_000); // 3 stacks per wave
        List<SiloTenant> tenants = new ArrayList<>(List.of(PlanCatalogs.pinned("pin-a", US, 1),
                PlanCatalogs.pinned("pin-b", US, 1)));
        for (int i = 0; i < 4; i++) {
            tenants.add(PlanCatalogs.silo("free-" + i, EU));
        }
        FleetPlan plan = WavePlanner.plan(PlanCatalogs.catalog(tenants), limits);
        List<Wave> waves = plan.pipelines().get(0).waves();
        // Canary: BASIC only. Wave-01 (pinned to 1: the first regular wave) holds only its pins; the 4 free tenants
        // are in hash waves of at most 3.
        assertEquals("Wave-01", waves.get(2).name());
        assertEquals(List.of("pin-a", "pin-b"), tenantIds(waves.get(2)));
        List<Wave> hashed = waves.subList(3, waves.size());
        assertTrue(hashed.size() >= 2 && hashed.stream().allMatch(w -> w.name().startsWith("Wave-x")
                && w.stacks().size() <= 3), hashed.toString());
        assertEquals(4, hashed.stream().mapToInt(w -> w.stacks().size()).sum());
        // Without the pins the free tenants keep their waves.
        FleetPlan unpinned = WavePlanner.plan(PlanCatalogs.catalog(tenants.subList(2, tenants.size())), limits);
        assertEquals(hashed, unpinned.pipelines().get(0).waves().subList(2, unpinned.pipelines().get(0).waves().size()));
    }

    @Test
    void pinnedWaveOverflowFailsNamingTheTenantsAndTheWave() {
        List<SiloTenant> tenants = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            tenants.add(PlanCatalogs.pinned(String.format("pinned-%02d", i), i % 2 == 0 ? EU : US, 2));
        }
        var e = assertThrows(IllegalStateException.class, () -> WavePlanner.plan(PlanCatalogs.catalog(tenants)));
        assertTrue(e.getMessage().contains("Wave-02"), e.getMessage());
        assertTrue(e.getMessage().contains("26 tenants pinned"), e.getMessage());
        assertTrue(e.getMessage().contains("at most 25 stacks"), e.getMessage());
        assertTrue(e.getMessage().contains("pinned-00") && e.getMessage().contains("pinned-25"), e.getMessage());
    }

    @Test
    void pinBeyondThePipelinesStageBudgetFailsNamingTheTenant() {
        // 50 stages - 6 reserved (Preflight included) - Baseline - Canary leave 42 regular waves.
        var e = assertThrows(IllegalStateException.class, () -> WavePlanner.plan(PlanCatalogs.catalog(List.of(
                PlanCatalogs.pinned("late", EU, 43)))));
        assertTrue(e.getMessage().contains("late") && e.getMessage().contains("wave 43")
                && e.getMessage().contains("room for 42 waves"), e.getMessage());
    }

    @Test
    void tooManyCanariesFailNamingTheCountAndTheActionLimit() {
        List<SiloTenant> tenants = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            tenants.add(PlanCatalogs.canary(String.format("canary-%02d", i), EU));
        }
        // BASIC + 23 canaries = 24 stacks = 51 actions with the activation, validation and approval steps.
        var e = assertThrows(IllegalStateException.class, () -> WavePlanner.plan(PlanCatalogs.catalog(tenants)));
        assertTrue(e.getMessage().contains("has 24 stacks = 51 CodePipeline actions"), e.getMessage());
        assertTrue(e.getMessage().contains("at most 23 canary stacks"), e.getMessage());

        tenants.remove(0);
        Wave canary = wave(WavePlanner.plan(PlanCatalogs.catalog(tenants)), "Canary");
        assertEquals(23, canary.stacks().size());
        assertEquals(49, canary.actionCount());
    }

    @Test
    void tenantBothCanaryAndPinnedFailsRatherThanDroppingThePin() {
        var both = new SiloTenant("acme", "Acme", contract.Tier.PLATINUM, EU, true, 2);
        var e = assertThrows(IllegalStateException.class, () -> WavePlanner.plan(PlanCatalogs.catalog(List.of(both))));
        assertTrue(e.getMessage().contains("acme (wave 2)"), e.getMessage());
    }

    @Test
    void withoutCanaryTenantsTheCanaryWaveHoldsTheFirstPooledTier() {
        FleetPlan plan = WavePlanner.plan(PlanCatalogs.catalog(List.of(PlanCatalogs.silo("initech", EU))));
        Wave canary = wave(plan, "Canary");
        assertEquals(List.of("saas-pooled-basic"), canary.stacks().stream().map(PlannedStack::stackName).toList());
        assertEquals(List.of("initech"), tenantIds(wave(plan, "Wave-x0")));
    }

    @Test
    void waveNamesAreZeroPaddedValidStageNames() {
        assertEquals("Wave-01", PipelineWaves.waveName(1));
        assertEquals("Wave-12", PipelineWaves.waveName(12));
        assertThrows(IllegalArgumentException.class, () -> new Wave("Wave 1", false,
                List.of(PlannedStack.baseline(EU))));
    }
}
