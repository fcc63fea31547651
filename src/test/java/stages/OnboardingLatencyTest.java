package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.AwsEnv;
import app.SiloTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #15 item 3: the time for a new silo tenant to become ACTIVE in the 700-tenant plan, from the durations
 * {@link OnboardingLatency} states. The numbers asserted here are the ones README quotes.
 */
class OnboardingLatencyTest {

    private static final Duration GOAL = Duration.ofMinutes(30);
    private static FleetPlan plan;

    @BeforeAll
    static void plan700TenantsAndANewcomer() {
        List<SiloTenant> tenants = new ArrayList<>(PlanCatalogs.spread(700, 3));
        tenants.add(PlanCatalogs.silo("newcomer", new AwsEnv("333333333333", "eu-west-1")));
        plan = WavePlanner.plan(PlanCatalogs.catalog(tenants));
    }

    private static List<OnboardingLatency.Estimate> everyNonCanaryTenant() {
        var canaries = plan.canaryWave().orElseThrow().stacks();
        return plan.pipelines().stream().flatMap(PipelinePlan::stacks)
                .filter(s -> s.tenantId() != null && !canaries.contains(s))
                .map(s -> OnboardingLatency.forNewSiloTenant(plan, s.tenantId())).toList();
    }

    @Test
    void estimateIsTheReadmeFormulaOverTheTenantsPipeline() {
        var estimate = OnboardingLatency.forNewSiloTenant(plan, "newcomer");
        PipelinePlan pipeline = plan.pipelines().stream().filter(p -> p.name().equals(estimate.pipeline()))
                .findFirst().orElseThrow();
        assertTrue(!pipeline.name().equals(plan.canaryPipeline().name()), "newcomer is in a gated pipeline");
        int n = plan.pipelines().stream().mapToInt(PipelinePlan::stackCount).sum();
        Duration start = OnboardingLatency.CODEBUILD_START;
        Duration synth = start.plus(OnboardingLatency.INSTALL_AND_BUILD)
                .plus(OnboardingLatency.SYNTH_PER_STACK.multipliedBy(n));
        Duration reached = OnboardingLatency.TRIGGER.plus(OnboardingLatency.SOURCE.plus(synth).multipliedBy(2))
                .plus(start.plus(OnboardingLatency.SELF_MUTATION_CHANGED))
                .plus(start.plus(OnboardingLatency.SELF_MUTATION_UNCHANGED))
                .plus(start.plus(OnboardingLatency.ASSETS));
        Duration validation = start.plus(Duration.ofMinutes(10)).plus(OnboardingLatency.VALIDATION_CHECKS);
        Duration canaryValidated = OnboardingLatency.TRIGGER.plus(OnboardingLatency.SOURCE).plus(synth)
                .plus(start.plus(OnboardingLatency.SELF_MUTATION_UNCHANGED)).plus(start.plus(OnboardingLatency.ASSETS))
                .plus(OnboardingLatency.EMPTY_WAVE.multipliedBy(2)).plus(validation);
        Duration gate = canaryValidated.compareTo(reached) > 0 ? canaryValidated.minus(reached) : Duration.ZERO;
        int waves = pipeline.waves().size();
        Duration expected = reached.plus(gate).plus(OnboardingLatency.EMPTY_WAVE.multipliedBy(waves - 1))
                .plus(OnboardingLatency.CREATE_SILO_STACK).plus(start.plus(OnboardingLatency.ACTIVATE));
        assertEquals(expected, estimate.active());
        assertEquals(pipeline.waves().stream().filter(w -> w.name().equals(estimate.wave())).count(), 1);
    }

    @Test
    void newSiloTenantIn700TenantFleetIsActiveWithin50To65MinutesWhichMissesTheThirtyMinuteGoal() {
        var estimates = everyNonCanaryTenant();
        Duration worst = estimates.stream().map(OnboardingLatency.Estimate::active).max(Comparator.naturalOrder())
                .orElseThrow();
        Duration best = estimates.stream().map(OnboardingLatency.Estimate::active).min(Comparator.naturalOrder())
                .orElseThrow();
        assertEquals(Duration.parse("PT1H4M48.6S"), worst);
        assertEquals(Duration.parse("PT50M16.8S"), best);
        assertTrue(best.compareTo(GOAL) > 0);
    }

    @Test
    void noWavePlacementCreatesANewTenantsStackWithinThirtyMinutes() {
        // Trigger, two syntheses of the whole fleet (the self-mutation restarts the execution), UpdatePipeline twice,
        // Assets and the fleet canary's validation come before any tenant wave: a tenant in the first wave of a gated
        // pipeline has its stack after 36:47, before any activation.
        Duration earliest = everyNonCanaryTenant().stream().map(OnboardingLatency.Estimate::deployed)
                .min(Comparator.naturalOrder()).orElseThrow();
        assertEquals(Duration.parse("PT36M46.8S"), earliest);
        assertTrue(earliest.compareTo(GOAL) > 0);
    }

    @Test
    void theFastLaneHasEveryNewSiloTenantOf700ActiveWithinThirtyMinutesWhereverItIsPlanned() {
        var fastLanes = plan.pipelines().stream().flatMap(PipelinePlan::stacks)
                .filter(s -> s.tenantId() != null)
                .map(s -> OnboardingLatency.fastLane(plan, s.tenantId())).toList();
        assertEquals(701, fastLanes.size(), "every silo tenant, the 700 and the newcomer, canaries included");
        var newcomer = OnboardingLatency.fastLane(plan, "newcomer");

        // trigger 30 s + CodeBuild start 60 s + source 15 s + npm ci and build 90 s + one-stack synth 30 s + stack
        // check 10 s + assets 30 s + create 8 min + activate 30 s
        assertEquals(Duration.parse("PT12M55S"), newcomer.active());
        assertTrue(newcomer.active().compareTo(GOAL) <= 0);
        assertTrue(fastLanes.stream().allMatch(e -> e.active().equals(newcomer.active())),
                "independent of the tenant's pipeline and wave");
        assertEquals(newcomer.active().minus(OnboardingLatency.ACTIVATE), newcomer.deployed());
        assertEquals(OnboardingLatency.forNewSiloTenant(plan, "newcomer").pipeline(), newcomer.pipeline());
    }

    @Test
    void theFastLaneHasCreatedTheStackBeforeAnyPipelineWaveCouldStartCreatingItSoThePipelineAdoptsIt() {
        // The pipeline's earliest create of a new tenant's stack starts at (deployed - createSiloStack) = 28:47.
        Duration pipelineStartsCreating = everyNonCanaryTenant().stream().map(OnboardingLatency.Estimate::deployed)
                .min(Comparator.naturalOrder()).orElseThrow().minus(OnboardingLatency.CREATE_SILO_STACK);
        Duration fastLaneCreated = OnboardingLatency.fastLane(plan, "newcomer").deployed();

        assertEquals(Duration.parse("PT28M46.8S"), pipelineStartsCreating);
        assertEquals(Duration.parse("PT12M25S"), fastLaneCreated);
        assertTrue(fastLaneCreated.compareTo(pipelineStartsCreating) < 0);
    }

    @Test
    void aCanaryIsNotANewTenantsPath() {
        assertThrows(IllegalArgumentException.class, () -> OnboardingLatency.forNewSiloTenant(plan, "tenant-0000"));
        assertThrows(IllegalArgumentException.class, () -> OnboardingLatency.forNewSiloTenant(plan, "nobody"));
    }
}
