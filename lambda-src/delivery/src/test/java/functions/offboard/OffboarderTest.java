package functions.offboard;

import static functions.offboard.FleetStacks.fleetStack;
import static functions.offboard.FleetStacks.siloStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.offboard.FleetStacks.Deletion;
import functions.offboard.OffboardSummary.Failure;
import functions.offboard.OffboardSummary.StackRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The offboarding rules on the sample plan (two pipelines, five environments), on a fleet deployed in moto's
 * CloudFormation and reached through the real {@link CloudFormationStackDirectory} ({@link MotoFleet}). The rules
 * that read stack states moto never enters run on {@link OffboarderStackStatesTest}.
 */
class OffboarderTest {

    private final MotoFleet fleet = new MotoFleet();
    private final Env baseline = fleet.env("111111111111", "us-east-1");
    private final Env pooled = fleet.env("222222222222", "us-east-1");
    private final Env eu333 = fleet.env("333333333333", "eu-west-1");
    private final Env us333 = fleet.env("333333333333", "us-west-2");
    private final Env eu444 = fleet.env("444444444444", "eu-west-1");
    private final InMemoryEnvironmentMemory memory = new InMemoryEnvironmentMemory();
    /** TenantStackMapping as it is now: tenant id → where it places the stack; unreadable when {@code null}. */
    private Map<String, Env> catalogNow = new HashMap<>();
    private final CatalogCheck catalog = tenantId -> {
        if (catalogNow == null) {
            throw new IllegalStateException("ProvisionedThroughputExceededException");
        }
        return Optional.ofNullable(catalogNow.get(tenantId));
    };

    @AfterEach
    void stop() {
        fleet.close();
    }

    /** Every stack of the sample plan, deployed where the plan puts it. */
    private MotoFleet deployedAsPlanned() {
        return fleet.add(baseline, fleetStack("saas-baseline", null, "UPDATE_COMPLETE"))
                .add(pooled, fleetStack("saas-pooled-basic", null, "UPDATE_COMPLETE"),
                        fleetStack("saas-pooled-standard", null, "UPDATE_COMPLETE"),
                        fleetStack("saas-pooled-premium", null, "UPDATE_COMPLETE"))
                .add(eu333, siloStack("acme"), siloStack("hooli"))
                .add(us333, siloStack("globex"))
                .add(eu444, siloStack("initech"), siloStack("umbrella"));
    }

    private OffboardSummary offboard(int maxDeletions) {
        return offboard(fleet.sample(), maxDeletions);
    }

    /** One invocation: a directory of its own, closed at its end. */
    private OffboardSummary offboard(FleetPlan plan, int maxDeletions) {
        try (var directory = fleet.directory()) {
            return new Offboarder(directory, memory, catalog, maxDeletions).offboard(plan);
        }
    }

    private static StackRef ref(String stackName, Env env, String tenantId) {
        return new StackRef(stackName, env, tenantId);
    }

    @Test
    void deletesExactlyTheOrphanedSiloStack() {
        deployedAsPlanned().add(eu333, siloStack("wayne"));

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(new Deletion(eu333, "saas-silo-wayne")), fleet.deletions());
        assertEquals(List.of(ref("saas-silo-wayne", eu333, "wayne")), summary.deleting());
        assertEquals(List.of("saas-silo-acme", "saas-silo-hooli"), fleet.stackNames(eu333));
        assertTrue(summary.succeeded());
        assertEquals(9, summary.expectedStacks());
    }

    @Test
    void aFleetDeployedAsPlannedDeletesNothing() {
        deployedAsPlanned();

        OffboardSummary summary = offboard(0);

        assertEquals(List.of(), fleet.deletions());
        assertTrue(summary.succeeded());
        assertEquals(List.of(baseline, pooled, eu333, us333, eu444), summary.scannedEnvironments());
    }

    @Test
    void everyEnvironmentOfThePlanIsListedOnceInOrder() {
        offboard(5);

        assertEquals(List.of(baseline, pooled, eu333, us333, eu444), fleet.assumed());
        assertEquals(List.of(baseline, pooled, eu333, us333, eu444), fleet.listed());
    }

    @Test
    void neverTouchesPooledBaselineUntaggedOrForeignStacks() {
        deployedAsPlanned()
                // A retired pooled tier and an old baseline: fleet stacks, but without a TenantId tag.
                .add(pooled, fleetStack("saas-pooled-gold", null, "CREATE_COMPLETE"))
                .add(baseline, fleetStack("saas-baseline-v1", null, "CREATE_COMPLETE"))
                // Another team's stacks, with a TenantId tag of their own.
                .add(eu333, new DeployedStack("billing-tenant-wayne", "CREATE_COMPLETE",
                                Map.of("ManagedBy", "billing", "TenantId", "wayne"), false, false),
                        new DeployedStack("saas-silo-stark", "CREATE_COMPLETE", Map.of("TenantId", "stark"), false,
                                false),
                        new DeployedStack("CDKToolkit", "UPDATE_COMPLETE", Map.of(), false, false),
                        new DeployedStack("saas-silo-blank", "CREATE_COMPLETE",
                                Map.of("ManagedBy", "saas-fleet", "TenantId", " "), false, false));

        OffboardSummary summary = offboard(100);

        assertEquals(List.of(), fleet.deletions());
        assertEquals(List.of("CDKToolkit", "billing-tenant-wayne", "saas-silo-acme", "saas-silo-blank",
                "saas-silo-hooli", "saas-silo-stark"), fleet.stackNames(eu333));
        assertTrue(summary.succeeded());
        assertEquals(List.of(), summary.protectedStacks());
        assertEquals(List.of(), summary.alreadyDeleting());
    }

    @Test
    void tenantWhoseStackMovedEnvironmentHasItsOldStackDeleted() {
        // initech moved from 333333333333 to 444444444444 (same stack name), the plan has the new place only.
        deployedAsPlanned().add(eu333, siloStack("initech"));

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(new Deletion(eu333, "saas-silo-initech")), fleet.deletions());
        assertEquals(List.of(ref("saas-silo-initech", eu333, "initech")), summary.deleting());
        assertEquals(List.of("saas-silo-initech", "saas-silo-umbrella"), fleet.stackNames(eu444));
    }

    @Test
    void terminationProtectedStackIsReportedNotDeletedAndNotAFailure() {
        deployedAsPlanned().add(eu444, new DeployedStack("saas-silo-wayne", "CREATE_COMPLETE",
                Map.of("ManagedBy", "saas-fleet", "TenantId", "wayne"), true, false));

        OffboardSummary summary = offboard(0);

        assertEquals(List.of(), fleet.deletions(), "not even tried");
        assertEquals(List.of(ref("saas-silo-wayne", eu444, "wayne")), summary.protectedStacks());
        assertTrue(fleet.stackNames(eu444).contains("saas-silo-wayne"));
        assertTrue(summary.succeeded());
    }

    @Test
    void moreCandidatesThanMaxDeletionsDeletesNothingAndListsThemAll() {
        deployedAsPlanned().add(eu333, siloStack("wayne")).add(eu444, siloStack("stark"), siloStack("osborn"));

        OffboardSummary summary = offboard(2);

        assertEquals(List.of(), fleet.deletions());
        assertFalse(summary.succeeded());
        assertEquals(List.of(), summary.deleting());
        assertEquals(List.of("saas-silo-wayne", "saas-silo-osborn", "saas-silo-stark"),
                summary.failures().stream().map(Failure::stackName).toList());
        assertTrue(summary.blastRadius().contains("3 orphaned tenant stack(s) exceed MAX_DELETIONS=2"));
        assertTrue(summary.blastRadius().contains("raise the offboarder function's MAX_DELETIONS environment"));
        assertTrue(summary.failures().get(0).reason().contains("MAX_DELETIONS=2"));
    }

    @Test
    void exactlyMaxDeletionsCandidatesAreAllDeleted() {
        deployedAsPlanned().add(eu333, siloStack("wayne")).add(eu444, siloStack("stark"));

        OffboardSummary summary = offboard(2);

        assertEquals(List.of(new Deletion(eu333, "saas-silo-wayne"), new Deletion(eu444, "saas-silo-stark")),
                fleet.deletions());
        assertTrue(summary.succeeded());
        assertNull(summary.blastRadius());
    }

    @Test
    void environmentThatCannotBeScannedFailsTheRunButTheOthersAreStillProcessed() {
        deployedAsPlanned().add(eu444, siloStack("stark")).deny(eu333);

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(new Deletion(eu444, "saas-silo-stark")), fleet.deletions());
        assertFalse(summary.succeeded());
        assertEquals(List.of(baseline, pooled, us333, eu444), summary.scannedEnvironments());
        Failure failure = summary.failures().get(0);
        assertEquals(1, summary.failures().size());
        assertEquals(eu333, failure.env());
        assertNull(failure.stackName());
        assertTrue(failure.reason().contains("AccessDenied"), failure.reason());
    }

    @Test
    void withoutSiloTenantsInThePlanEveryTenantStackIsOrphanedAndTheLimitStillHolds() {
        var plan = FleetPlanReader.read(fleet.plan(Plans.NO_SILO));
        fleet.add(pooled, siloStack("acme"), siloStack("globex"),
                fleetStack("saas-pooled-basic", null, "UPDATE_COMPLETE"));

        OffboardSummary blocked = offboard(plan, 1);
        assertEquals(List.of(), fleet.deletions());
        assertFalse(blocked.succeeded());

        OffboardSummary allowed = offboard(plan, 2);
        assertEquals(List.of(new Deletion(pooled, "saas-silo-acme"), new Deletion(pooled, "saas-silo-globex")),
                fleet.deletions());
        assertEquals(List.of("saas-pooled-basic"), fleet.stackNames(pooled));
        assertTrue(allowed.succeeded());
    }

    @Test
    void aTenantThatHadAnAccountToItselfIsStillFoundThroughTheRememberedEnvironment() {
        var lonely = fleet.env("555555555555", "ap-southeast-2");
        deployedAsPlanned().add(lonely, siloStack("stark"));
        memory.with(lonely);

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(new Deletion(lonely, "saas-silo-stark")), fleet.deletions());
        assertTrue(fleet.listed().contains(lonely), fleet.listed().toString());
        // Still remembered: the stack is only being deleted, and a failed delete must be retried next run.
        assertTrue(memory.environments.contains(lonely));
        assertEquals(List.of(), summary.retiredEnvironments());
        assertTrue(summary.succeeded());
    }

    @Test
    void aRememberedEnvironmentWithoutTenantStacksIsForgottenAndThePlansAreRemembered() {
        var emptied = fleet.env("555555555555", "ap-southeast-2");
        // stark's stack is deleted (DescribeStacks no longer lists it); an unrelated fleet stack stays.
        deployedAsPlanned().add(emptied, siloStack("stark"), fleetStack("unrelated", null, "CREATE_COMPLETE"))
                .deleted(emptied, "saas-silo-stark");
        memory.with(emptied, pooled);

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(emptied), summary.retiredEnvironments());
        assertEquals(Set.of(baseline, pooled, eu333, us333, eu444), memory.environments);
    }

    @Test
    void planEnvironmentsAreRememberedEvenWhenTheirScanFails() {
        deployedAsPlanned().deny(eu444);

        offboard(5);

        assertTrue(memory.environments.contains(eu444), memory.environments.toString());
    }

    @Test
    void anUnreadableMemoryStopsTheRunBeforeAnyScanOrDelete() {
        deployedAsPlanned().add(eu333, siloStack("wayne"));
        memory.unreadable = true;

        assertThrows(IllegalStateException.class, () -> offboard(5));
        assertEquals(List.of(), fleet.assumed());
        assertEquals(List.of(), fleet.deletions());
        assertTrue(fleet.stackNames(eu333).contains("saas-silo-wayne"));
    }

    @Test
    void aTenantANewerRunDeployedAfterThisRunsSynthIsNotTakenForAnOrphan() {
        // This run's plan predates tenant 'wayne'; a newer run already deployed it where the catalog puts it now.
        deployedAsPlanned().add(eu333, siloStack("wayne"), siloStack("gone"));
        catalogNow.put("wayne", eu333);

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(new Deletion(eu333, "saas-silo-gone")), fleet.deletions());
        assertEquals(List.of(ref("saas-silo-wayne", eu333, "wayne")), summary.stillListed());
        assertTrue(summary.succeeded());
    }

    @Test
    void aTenantTheCatalogMovedElsewhereHasItsOldStackDeleted() {
        deployedAsPlanned().add(eu333, siloStack("wayne"));
        catalogNow.put("wayne", eu444);

        offboard(5);

        assertEquals(List.of(new Deletion(eu333, "saas-silo-wayne")), fleet.deletions());
    }

    @Test
    void anUnreadableCatalogKeepsTheStackAndFailsTheRun() {
        deployedAsPlanned().add(eu333, siloStack("wayne"));
        catalogNow = null;

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(), fleet.deletions());
        assertTrue(fleet.stackNames(eu333).contains("saas-silo-wayne"));
        assertFalse(summary.succeeded());
        assertTrue(summary.failures().get(0).reason().contains("the catalog could not be checked"),
                summary.failures().toString());
    }

    @Test
    void summaryJsonHasAFixedKeyOrderAndSortedLists() {
        deployedAsPlanned().add(eu444, siloStack("zeta"), siloStack("alpha")).add(eu333, siloStack("wayne"))
                .deny(us333);

        Map<String, Object> json = offboard(5).toJson();

        assertEquals(List.of("scannedEnvironments", "retiredEnvironments", "expectedStacks", "deleting", "retrying",
                "alreadyDeleting", "protected", "stillListed", "failures"), List.copyOf(json.keySet()));
        assertEquals(List.of(baseline.key(), pooled.key(), eu333.key(), eu444.key()), json.get("scannedEnvironments"));
        assertEquals(List.of(
                Map.of("stackName", "saas-silo-wayne", "account", eu333.account(), "region", "eu-west-1",
                        "tenantId", "wayne"),
                Map.of("stackName", "saas-silo-alpha", "account", eu444.account(), "region", "eu-west-1",
                        "tenantId", "alpha"),
                Map.of("stackName", "saas-silo-zeta", "account", eu444.account(), "region", "eu-west-1",
                        "tenantId", "zeta")), json.get("deleting"));
        String role = fleet.roleArn(us333);
        assertEquals(List.of(Map.of("account", us333.account(), "region", "us-west-2",
                "reason", "AssumeRole " + role + " failed: AccessDenied: User: arn:aws:sts::999999999999:"
                        + "assumed-role/control-plane-fn/control-plane-fn is not authorized to perform: sts:AssumeRole"
                        + " on resource: " + role)), json.get("failures"));
    }
}
