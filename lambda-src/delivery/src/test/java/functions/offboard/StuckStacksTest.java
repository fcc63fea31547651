package functions.offboard;

import static functions.offboard.FleetStacks.fleetStack;
import static functions.offboard.FleetStacks.siloStack;
import static functions.offboard.Plans.BASELINE;
import static functions.offboard.Plans.EU_333;
import static functions.offboard.Plans.EU_444;
import static functions.offboard.Plans.POOLED;
import static functions.offboard.Plans.US_333;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import functions.offboard.FleetStacks.Deletion;
import functions.offboard.OffboardSummary.StackRef;
import functions.shared.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A pipeline run clears the stacks a failed first create left in ROLLBACK_COMPLETE before its first wave, so one
 * tenant's failed onboarding cannot block its pipeline for good; states an operator must resolve are reported, never
 * touched. ROLLBACK_COMPLETE and a delete still in progress are states moto's CloudFormation never enters, hence
 * {@link InMemoryStackDirectory}.
 */
class StuckStacksTest {

    private final InMemoryStackDirectory fleet = new InMemoryStackDirectory();
    private final List<Duration> sleeps = new ArrayList<>();

    /** The sample plan deployed, acme's first create failed and rolled back. */
    private InMemoryStackDirectory acmeRolledBack() {
        return fleet.add(BASELINE, fleetStack("saas-baseline", null, "UPDATE_COMPLETE"))
                .add(POOLED, fleetStack("saas-pooled-basic", null, "UPDATE_COMPLETE"),
                        fleetStack("saas-pooled-standard", null, "UPDATE_COMPLETE"),
                        fleetStack("saas-pooled-premium", null, "UPDATE_COMPLETE"))
                .add(EU_333, fleetStack("saas-silo-acme", "acme", "ROLLBACK_COMPLETE"), siloStack("hooli"))
                .add(US_333, siloStack("globex"))
                .add(EU_444, siloStack("initech"), siloStack("umbrella"));
    }

    private StuckStacks.Summary clear(int maxDeletions, int polls) {
        return new StuckStacks(fleet, maxDeletions, "saas", sleeps::add, Duration.ofSeconds(5), polls)
                .clear(Plans.sample());
    }

    @Test
    void aPlannedStackLeftInRollbackCompleteIsDeletedByItsListedIdAndNothingElse() {
        acmeRolledBack();

        var summary = clear(5, 24);

        assertEquals(List.of(new Deletion(EU_333, "saas-silo-acme")), fleet.deletions());
        assertEquals(List.of(new StackRef("saas-silo-acme", EU_333, "acme")), summary.deleted());
        assertTrue(summary.succeeded(), summary.toString());
        assertEquals(List.of(), sleeps, "DELETE_COMPLETE at the first look: no wait");
    }

    @Test
    void theRunReturnsOnlyOnceTheStackIsGoneSoItsWaveCanCreateItAfresh() {
        acmeRolledBack().afterDelete("saas-silo-acme", "DELETE_IN_PROGRESS", "DELETE_IN_PROGRESS", "DELETE_COMPLETE");

        var summary = clear(5, 24);

        assertEquals(List.of(new StackRef("saas-silo-acme", EU_333, "acme")), summary.deleted());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)), sleeps);
    }

    @Test
    void aStackStillDeletingAfterEveryLookFailsTheRunNamingIt() {
        acmeRolledBack().afterDelete("saas-silo-acme", "DELETE_IN_PROGRESS");

        var summary = clear(5, 3);

        assertFalse(summary.succeeded());
        assertEquals(List.of(), summary.deleted());
        assertEquals(1, summary.failures().size(), summary.toString());
        assertTrue(summary.failures().get(0).reason().startsWith("still deleting after 3 looks"), summary.toString());
        assertEquals(2, sleeps.size());
    }

    @Test
    void aDeleteThatEndsInDeleteFailedFailsTheRun() {
        acmeRolledBack().afterDelete("saas-silo-acme", "DELETE_FAILED");

        var summary = clear(5, 24);

        assertFalse(summary.succeeded());
        assertTrue(summary.failures().get(0).reason().contains("DELETE_FAILED"), summary.toString());
    }

    @Test
    void stacksOutsideThePlanOrOfAnotherFleetAreNeverTouched() {
        // An orphan is the offboarder's (after the last wave, with its catalog check); another fleet's stack of a
        // planned name is not this fleet's; a nested stack goes with its root.
        fleet.add(EU_333, fleetStack("saas-silo-gone", "gone", "ROLLBACK_COMPLETE"),
                        new DeployedStack("saas-silo-hooli", "ROLLBACK_COMPLETE",
                                Map.of("ManagedBy", "acme-stg-fleet", "TenantId", "hooli"), false, false),
                        new DeployedStack("saas-silo-acme", "ROLLBACK_COMPLETE",
                                Map.of("ManagedBy", "saas-fleet", "TenantId", "acme"), false, true))
                .add(EU_444, siloStack("initech"), siloStack("umbrella"));

        var summary = clear(5, 24);

        assertEquals(List.of(), fleet.deletions());
        assertTrue(summary.succeeded(), summary.toString());
    }

    @Test
    void statesAnOperatorMustResolveAreReportedWithTheFixNeverTouched() {
        fleet.add(EU_333, fleetStack("saas-silo-acme", "acme", "UPDATE_ROLLBACK_FAILED"),
                        fleetStack("saas-silo-hooli", "hooli", "ROLLBACK_FAILED"))
                .add(US_333, fleetStack("saas-silo-globex", "globex", "DELETE_FAILED"));

        var summary = clear(5, 24);

        assertEquals(List.of(), fleet.deletions());
        assertTrue(summary.succeeded(), "the other waves may still deploy");
        var fixes = new HashMap<String, String>();
        summary.needsOperator().forEach((ref, fix) -> fixes.put(ref.stackName(), fix));
        assertEquals(3, fixes.size(), fixes.toString());
        assertTrue(fixes.get("saas-silo-acme").startsWith("UPDATE_ROLLBACK_FAILED: continue the rollback"), fixes.toString());
        assertTrue(fixes.get("saas-silo-hooli").startsWith("ROLLBACK_FAILED: delete it"), fixes.toString());
        assertTrue(fixes.get("saas-silo-globex").startsWith("DELETE_FAILED: "), fixes.toString());
    }

    @Test
    void moreStuckStacksThanTheBlastRadiusDeleteNone() {
        acmeRolledBack().add(US_333, fleetStack("saas-silo-globex", "globex", "ROLLBACK_COMPLETE"));

        var summary = clear(1, 24);

        assertEquals(List.of(), fleet.deletions());
        assertFalse(summary.succeeded());
        assertEquals(2, summary.failures().size(), summary.toString());
    }

    @Test
    void theHandlerClearsStuckStacksWhenThePipelineAsksAndOffboardsOtherwise() throws Exception {
        acmeRolledBack();
        var clearStuck = Plans.edited(root -> root.put("mode", "clear-stuck"));
        var output = new ByteArrayOutputStream();
        handler(1).handleRequest(new ByteArrayInputStream(clearStuck), output, new TestContext());
        var result = new ObjectMapper().readTree(output.toByteArray());
        assertEquals("saas-silo-acme", result.get("deleted").get(0).get("stackName").asText(), result.toString());
        assertEquals(List.of(new Deletion(EU_333, "saas-silo-acme")), fleet.deletions());
    }

    @Test
    void anUnknownModeIsRefusedBeforeAnythingIsListed() {
        var payload = Plans.edited(root -> root.put("mode", "delete-everything"));
        var error = assertThrows(PlanException.class, () -> handler(5).handleRequest(
                new ByteArrayInputStream(payload), new ByteArrayOutputStream(), new TestContext()));
        assertTrue(error.getMessage().contains("'mode' must be"), error.getMessage());
        assertEquals(List.of(), fleet.deletions());
    }

    private OffboardHandler handler(int maxDeletions) {
        return new OffboardHandler(() -> fleet, new InMemoryEnvironmentMemory(), tenantId -> Optional.empty(),
                maxDeletions, "saas", sleeps::add);
    }
}
