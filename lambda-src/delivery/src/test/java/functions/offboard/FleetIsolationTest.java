package functions.offboard;

import static functions.offboard.FleetStacks.siloStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.offboard.FleetStacks.Deletion;
import functions.offboard.OffboardSummary.StackRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two fleets in one account (a staging fleet {@code acme-stg} beside the default {@code saas}), on moto through the
 * real directory: each offboarder deletes only stacks tagged {@code ManagedBy=<its fleet>-fleet}, and deletes them by
 * the stack id it listed, so a stack re-created under the same name in between is never the one deleted.
 */
class FleetIsolationTest {

    private final MotoFleet fleet = new MotoFleet();
    private final Env eu333 = fleet.env("333333333333", "eu-west-1");
    private final CloudFormationStackDirectory directory = fleet.directory();

    @AfterEach
    void stop() {
        directory.close();
        fleet.close();
    }

    private static DeployedStack stagingSiloStack(String tenantId) {
        return new DeployedStack("acme-stg-silo-" + tenantId, "CREATE_COMPLETE",
                Map.of("ManagedBy", "acme-stg-fleet", "TenantId", tenantId, "Tier", "PLATINUM"), false, false);
    }

    private OffboardSummary offboard(String fleetName) {
        return new Offboarder(directory, new InMemoryEnvironmentMemory(), tenantId -> Optional.empty(), 5, fleetName)
                .offboard(fleet.sample());
    }

    @Test
    void theDefaultFleetsOffboarderIgnoresAnotherFleetsStacksInTheSameAccount() {
        // wayne is in neither fleet's plan: an orphan of each, but each fleet's to delete only.
        fleet.add(eu333, siloStack("acme"), siloStack("wayne"), stagingSiloStack("wayne"), stagingSiloStack("stark"));

        OffboardSummary summary = offboard("saas");

        assertEquals(List.of(new StackRef("saas-silo-wayne", eu333, "wayne")), summary.deleting());
        assertEquals(List.of(new Deletion(eu333, "saas-silo-wayne")), fleet.deletions());
        assertEquals(List.of("acme-stg-silo-stark", "acme-stg-silo-wayne", "saas-silo-acme"), fleet.stackNames(eu333));
    }

    @Test
    void aNamedFleetsOffboarderDeletesOnlyStacksTaggedAsItsOwn() {
        fleet.add(eu333, siloStack("wayne"), stagingSiloStack("wayne"));

        OffboardSummary summary = offboard("acme-stg");

        assertEquals(List.of(new StackRef("acme-stg-silo-wayne", eu333, "wayne")), summary.deleting());
        assertEquals(List.of("saas-silo-wayne"), fleet.stackNames(eu333));
    }

    @Test
    void deleteStackNamesTheStackIdTheListingReturnedNotTheName() {
        fleet.add(eu333, siloStack("wayne"));
        String stackId = fleet.stackId(eu333, "saas-silo-wayne");
        assertTrue(stackId.startsWith("arn:aws:cloudformation:eu-west-1:" + eu333.account() + ":stack/saas-silo-wayne/"),
                stackId);

        offboard("saas");

        assertEquals(List.of(stackId), fleet.deletedStackIds());
        assertEquals(List.of(), fleet.stackNames(eu333));
    }

    @Test
    void aStackReCreatedUnderTheSameNameSinceTheListingIsNotDeleted() {
        fleet.add(eu333, siloStack("wayne"));
        String listedId = fleet.stackId(eu333, "saas-silo-wayne");
        directory.list(eu333);
        // The tenant came back between this run's listing and its delete: a new stack of the same name.
        fleet.deleted(eu333, "saas-silo-wayne").add(eu333, siloStack("wayne"));
        String newId = fleet.stackId(eu333, "saas-silo-wayne");
        assertNotEquals(listedId, newId);

        directory.delete(eu333, "saas-silo-wayne");

        assertEquals(List.of(listedId), fleet.deletedStackIds());
        assertEquals(newId, fleet.stackId(eu333, "saas-silo-wayne"));
    }

    @Test
    void aStackThisRunDidNotListIsNeverDeleted() {
        fleet.add(eu333, siloStack("wayne"));

        DirectoryException e = assertThrows(DirectoryException.class, () -> directory.delete(eu333, "saas-silo-wayne"));

        assertEquals("NotListed", e.errorCode());
        assertTrue(e.getMessage().startsWith("DeleteStack saas-silo-wayne in " + eu333.key() + " failed: NotListed"),
                e.getMessage());
        assertEquals(List.of(), fleet.deletedStackIds());
        assertEquals(List.of("saas-silo-wayne"), fleet.stackNames(eu333));
    }
}
