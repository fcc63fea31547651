package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.AwsEnv;
import app.SiloTenant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import stages.PlanCatalogs.Placement;

/**
 * Issue #15 item 4: an onboarding (or offboarding) must not change other tenants' place in the rollout, because every
 * change to a pipeline's structure makes CodePipeline fail its in-flight executions. Adding or removing one tenant
 * moves no other tenant's pipeline or wave unless a limit forces it; growing the fleet over more pipelines moves only
 * the overflowing pipeline's upper hash range.
 */
class WavePlannerStabilityTest {

    private static final List<SiloTenant> TENANTS = PlanCatalogs.spread(300, 3);
    private static FleetPlan before;
    private static Map<String, Placement> placed;

    @BeforeAll
    static void plan300Tenants() {
        before = WavePlanner.plan(PlanCatalogs.catalog(TENANTS));
        placed = PlanCatalogs.placements(before);
    }

    private static SiloTenant newcomer(int i) {
        return PlanCatalogs.silo(String.format("newcomer-%03d", i), new AwsEnv(PlanCatalogs.ACCOUNTS.get(i % 3),
                PlanCatalogs.REGIONS.get(i % 4)));
    }

    private static FleetPlan with(SiloTenant extra) {
        List<SiloTenant> tenants = new ArrayList<>(TENANTS);
        tenants.add(extra);
        return WavePlanner.plan(PlanCatalogs.catalog(tenants));
    }

    private static FleetPlan without(SiloTenant gone) {
        List<SiloTenant> tenants = new ArrayList<>(TENANTS);
        tenants.remove(gone);
        return WavePlanner.plan(PlanCatalogs.catalog(tenants));
    }

    private static Wave wave(FleetPlan plan, Placement placement) {
        return plan.pipelines().stream().filter(p -> p.name().equals(placement.pipeline())).findFirst().orElseThrow()
                .waves().stream().filter(w -> w.name().equals(placement.wave())).findFirst().orElseThrow();
    }

    private static int waveLimit(FleetPlan plan, String pipeline) {
        return WaveLimits.DEFAULT.maxStacksPerWave(plan.canaryPipeline().name().equals(pipeline));
    }

    @Test
    void addingOneTenantToA300TenantCatalogMovesNoOtherTenantsWaveOrPipeline() {
        FleetPlan after = with(newcomer(0));
        assertTrue(before.pipelines().size() >= 2, "the 300-tenant fleet spans pipelines");
        assertEquals(Map.of(), PlanCatalogs.moved(placed, PlanCatalogs.placements(after)));
        // Stronger: every pipeline but the newcomer's is unchanged, and in its pipeline only its wave changed, so only
        // that pipeline self-mutates and only by one stage.
        Placement home = PlanCatalogs.placements(after).get("newcomer-000");
        for (int i = 0; i < before.pipelines().size(); i++) {
            PipelinePlan old = before.pipelines().get(i);
            PipelinePlan now = after.pipelines().get(i);
            assertEquals(old.name(), now.name());
            if (!old.name().equals(home.pipeline())) {
                assertEquals(old, now, old.name() + " is untouched");
                continue;
            }
            List<Wave> others = now.waves().stream().filter(w -> !w.name().equals(home.wave())).toList();
            assertEquals(old.waves().stream().filter(w -> !w.name().equals(home.wave())).toList(), others);
            assertEquals(old.waves().size(), now.waves().size());
        }
    }

    @Test
    void removingOneTenantFromA300TenantCatalogMovesNoOtherTenantsWaveOrPipeline() {
        SiloTenant gone = TENANTS.get(150);
        FleetPlan after = without(gone);
        Map<String, Placement> now = PlanCatalogs.placements(after);
        assertEquals(Map.of(), PlanCatalogs.moved(placed, now));
        assertEquals(placed.size() - 1, now.size());
        assertTrue(!now.containsKey(gone.tenantId()));
    }

    @Test
    void anOnboardingMovesOthersOnlyWhenItsWaveWasFullAndThenOnlyThatWavesUpperHalfInTheSamePipeline() {
        int forced = 0;
        for (int i = 0; i < 200; i++) {
            FleetPlan after = with(newcomer(i));
            assertEquals(names(before), names(after), "no pipeline is created or retired");
            Map<String, Placement> moved = PlanCatalogs.moved(placed, PlanCatalogs.placements(after));
            if (moved.isEmpty()) {
                continue;
            }
            forced++;
            Set<Placement> from = new HashSet<>(moved.values());
            assertEquals(1, from.size(), "newcomer-" + i + " moved tenants of several waves: " + moved);
            Placement full = from.iterator().next();
            assertEquals(waveLimit(before, full.pipeline()), wave(before, full).stacks().size(),
                    "newcomer-" + i + " moved tenants out of " + full + ", which was not full");
            Map<String, Placement> now = PlanCatalogs.placements(after);
            moved.keySet().forEach(id -> assertEquals(full.pipeline(), now.get(id).pipeline(), id));
        }
        // The number README quotes: each of these split a full wave and moved about half of it.
        assertEquals(10, forced, forced + " of 200 onboardings moved other tenants");
    }

    @Test
    void anOffboardingMovesOthersOnlyWhenTwoSiblingWavesFitTogetherAgain() {
        for (SiloTenant gone : TENANTS) {
            FleetPlan after = without(gone);
            Map<String, Placement> now = PlanCatalogs.placements(after);
            Map<String, Placement> moved = PlanCatalogs.moved(placed, now);
            if (moved.isEmpty()) {
                continue;
            }
            Set<Placement> from = new HashSet<>(moved.values());
            assertEquals(1, from.size(), gone.tenantId() + " moved tenants of several waves: " + moved);
            Set<Placement> to = moved.keySet().stream().map(now::get).collect(Collectors.toSet());
            assertEquals(1, to.size(), gone.tenantId() + " scattered tenants: " + moved);
            Placement merged = to.iterator().next();
            assertEquals(from.iterator().next().pipeline(), merged.pipeline());
            Placement goneFrom = placed.get(gone.tenantId());
            assertTrue(goneFrom.equals(from.iterator().next()) || goneFrom.equals(merged),
                    gone.tenantId() + " left " + goneFrom + " but " + moved + " moved");
            assertTrue(wave(after, merged).stacks().size() <= waveLimit(after, merged.pipeline()));
        }
    }

    @Test
    void growingFromOneToThreePipelinesMovesOnlyTheUpperHalfOfTheOverflowingPipeline() {
        List<SiloTenant> fleet = PlanCatalogs.spread(600, 3);
        FleetPlan previous = WavePlanner.plan(PlanCatalogs.catalog(fleet.subList(0, 3)));
        List<String> growth = new ArrayList<>();
        for (int n = 4; n <= fleet.size() && previous.pipelines().size() < 3; n++) {
            FleetPlan next = WavePlanner.plan(PlanCatalogs.catalog(fleet.subList(0, n)));
            Map<String, Placement> was = PlanCatalogs.placements(previous);
            Map<String, Placement> is = PlanCatalogs.placements(next);
            assertEquals(n, is.size(), "every tenant in exactly one pipeline at " + n);
            Map<String, Placement> otherPipeline = was.entrySet().stream()
                    .filter(e -> !e.getValue().pipeline().equals(is.get(e.getKey()).pipeline()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (names(next).equals(names(previous))) {
                assertEquals(Map.of(), otherPipeline, "no pipeline move without a new pipeline, at " + n);
            } else {
                Set<String> created = new HashSet<>(names(next));
                created.removeAll(names(previous));
                assertEquals(1, created.size(), "one pipeline at a time: " + names(next));
                assertTrue(names(next).containsAll(names(previous)), "no pipeline retired on growth");
                String split = otherPipeline.values().iterator().next().pipeline();
                otherPipeline.forEach((id, p) -> {
                    assertEquals(split, p.pipeline(), id + " came from the overflowing pipeline");
                    assertEquals(created.iterator().next(), is.get(id).pipeline(), id + " went to the new one");
                });
                int splitSize = (int) was.values().stream().filter(p -> p.pipeline().equals(split)).count();
                growth.add(previous.pipelines().size() + " -> " + next.pipelines().size() + " at " + n + " tenants: "
                        + otherPipeline.size() + " of " + splitSize + " moved from " + split + " to " + created);
                assertTrue(otherPipeline.size() * 10 <= splitSize * 6,
                        "about half of the overflowing pipeline moves: " + growth);
            }
            previous = next;
        }
        assertEquals(3, previous.pipelines().size(), String.join("\n", growth));
        assertEquals(2, growth.size(), String.join("\n", growth));
        // The numbers README quotes ("How the fleet rolls"); a change to the rule shows here first.
        assertEquals(List.of("1 -> 2 at 256 tenants: 114 of 255 moved from saas-fleet to [saas-fleet-8]",
                "2 -> 3 at 482 tenants: 129 of 255 moved from saas-fleet to [saas-fleet-4]"), growth);
    }

    @Test
    void thePipelineNamesOfASmallerFleetAreKeptWhenItGrows() {
        FleetPlan small = WavePlanner.plan(PlanCatalogs.catalog(PlanCatalogs.spread(300, 3)));
        FleetPlan large = WavePlanner.plan(PlanCatalogs.catalog(PlanCatalogs.spread(700, 3)));
        assertTrue(names(large).containsAll(names(small)), names(small) + " within " + names(large));
        assertNotEquals(names(small), names(large));
        assertEquals("saas-fleet", large.canaryPipeline().name());
    }

    private static List<String> names(FleetPlan plan) {
        return plan.pipelines().stream().map(PipelinePlan::name).toList();
    }
}
