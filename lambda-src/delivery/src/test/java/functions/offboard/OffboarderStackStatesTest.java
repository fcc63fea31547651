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
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.offboard.FleetStacks.Deletion;
import functions.offboard.OffboardSummary.Failure;
import functions.offboard.OffboardSummary.StackRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The offboarding rules that read what moto's CloudFormation never shows (see {@link InMemoryStackDirectory}):
 * stacks whose deletion failed or is under way, a listed DELETE_COMPLETE stack, a failed rollback, a nested stack,
 * and a DeleteStack that fails. Everything else runs on moto in {@link OffboarderTest}.
 */
class OffboarderStackStatesTest {

    private final InMemoryStackDirectory fleet = new InMemoryStackDirectory();

    /** Every stack of the sample plan, deployed where the plan puts it. */
    private InMemoryStackDirectory deployedAsPlanned() {
        return fleet.add(BASELINE, fleetStack("saas-baseline", null, "UPDATE_COMPLETE"))
                .add(POOLED, fleetStack("saas-pooled-basic", null, "UPDATE_COMPLETE"),
                        fleetStack("saas-pooled-standard", null, "UPDATE_COMPLETE"),
                        fleetStack("saas-pooled-premium", null, "UPDATE_COMPLETE"))
                .add(EU_333, siloStack("acme"), siloStack("hooli"))
                .add(US_333, siloStack("globex"))
                .add(EU_444, siloStack("initech"), siloStack("umbrella"));
    }

    private OffboardSummary offboard(int maxDeletions) {
        return new Offboarder(fleet, new InMemoryEnvironmentMemory(), tenantId -> Optional.empty(), maxDeletions)
                .offboard(Plans.sample());
    }

    private static StackRef ref(String stackName, Env env, String tenantId) {
        return new StackRef(stackName, env, tenantId);
    }

    @Test
    void stackInThePlanIsKeptWhateverItsStatus() {
        fleet.add(EU_333, fleetStack("saas-silo-acme", "acme", "DELETE_FAILED"),
                fleetStack("saas-silo-hooli", "hooli", "UPDATE_ROLLBACK_FAILED"));

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(), fleet.deletions());
        assertEquals(List.of(), summary.retrying());
        assertTrue(summary.succeeded());
    }

    @Test
    void deleteFailedStackIsRetriedAndReported() {
        deployedAsPlanned().add(US_333, fleetStack("saas-silo-wayne", "wayne", "DELETE_FAILED"));

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(new Deletion(US_333, "saas-silo-wayne")), fleet.deletions());
        assertEquals(List.of(ref("saas-silo-wayne", US_333, "wayne")), summary.deleting());
        assertEquals(List.of(ref("saas-silo-wayne", US_333, "wayne")), summary.retrying());
        assertTrue(summary.succeeded());
    }

    @Test
    void stackBeingDeletedIsReportedAndOneDeletedIsIgnored() {
        deployedAsPlanned().add(EU_444, fleetStack("saas-silo-wayne", "wayne", "DELETE_IN_PROGRESS"),
                fleetStack("saas-silo-stark", "stark", "DELETE_COMPLETE"));

        OffboardSummary summary = offboard(0);

        assertEquals(List.of(), fleet.deletions());
        assertEquals(List.of(ref("saas-silo-wayne", EU_444, "wayne")), summary.alreadyDeleting());
        assertEquals(List.of(), summary.deleting());
        assertTrue(summary.succeeded());
    }

    @Test
    void aNestedStackWithItsRootsTagsIsNeverDeletedOnItsOwn() {
        // A nested stack inherits its root's tags; it goes with its root, never on its own.
        deployedAsPlanned().add(EU_444, new DeployedStack("saas-silo-initech-Nested-1ABC", "CREATE_COMPLETE",
                Map.of("ManagedBy", "saas-fleet", "TenantId", "initech"), false, true),
                new DeployedStack("saas-silo-wayne-Nested-1ABC", "CREATE_COMPLETE",
                        Map.of("ManagedBy", "saas-fleet", "TenantId", "wayne"), false, true));

        OffboardSummary summary = offboard(100);

        assertEquals(List.of(), fleet.deletions());
        assertTrue(summary.succeeded());
    }

    @Test
    void aDeleteFailedStackOverTheBlastRadiusLimitIsNeitherDeletedNorRetried() {
        deployedAsPlanned().add(EU_333, siloStack("wayne"))
                .add(EU_444, siloStack("stark"), fleetStack("saas-silo-osborn", "osborn", "DELETE_FAILED"));

        OffboardSummary summary = offboard(2);

        assertEquals(List.of(), fleet.deletions());
        assertEquals(List.of(), summary.retrying());
        assertEquals(List.of("saas-silo-wayne", "saas-silo-osborn", "saas-silo-stark"),
                summary.failures().stream().map(Failure::stackName).toList());
        assertFalse(summary.succeeded());
    }

    @Test
    void deleteThatFailsIsReportedWithItsStackAndTheRestGoOn() {
        deployedAsPlanned().add(EU_333, siloStack("wayne"))
                .add(EU_444, fleetStack("saas-silo-stark", "stark", "DELETE_FAILED"))
                .failDelete("saas-silo-stark", "ValidationError");

        OffboardSummary summary = offboard(5);

        assertEquals(2, fleet.deletions().size());
        assertEquals(List.of(ref("saas-silo-wayne", EU_333, "wayne")), summary.deleting());
        assertEquals(List.of(), summary.retrying());
        assertEquals(List.of(new Failure(EU_444, "saas-silo-stark",
                "DeleteStack saas-silo-stark failed: ValidationError: refused")), summary.failures());
        assertFalse(summary.succeeded());
    }
}
