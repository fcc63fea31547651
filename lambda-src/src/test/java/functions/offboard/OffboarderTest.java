package functions.offboard;

import static functions.offboard.FleetStacks.env;
import static functions.offboard.FleetStacks.fleetStack;
import static functions.offboard.FleetStacks.siloStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.offboard.FleetStacks.Deletion;
import functions.offboard.OffboardSummary.Failure;
import functions.offboard.OffboardSummary.StackRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offboarding rules on the sample plan (two pipelines, five environments) against an in-memory fleet. */
class OffboarderTest {

    private static final Env BASELINE = env("111111111111", "us-east-1");
    private static final Env POOLED = env("222222222222", "us-east-1");
    private static final Env EU_333 = env("333333333333", "eu-west-1");
    private static final Env US_333 = env("333333333333", "us-west-2");
    private static final Env EU_444 = env("444444444444", "eu-west-1");

    private final InMemoryStackDirectory fleet = new InMemoryStackDirectory();
    private final InMemoryEnvironmentMemory memory = new InMemoryEnvironmentMemory();
    /** TenantStackMapping as it is now: tenant id → where it places the stack; unreadable when {@code null}. */
    private java.util.Map<String, Env> catalogNow = new java.util.HashMap<>();
    private final CatalogCheck catalog = tenantId -> {
        if (catalogNow == null) {
            throw new IllegalStateException("ProvisionedThroughputExceededException");
        }
        return java.util.Optional.ofNullable(catalogNow.get(tenantId));
    };

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
        return new Offboarder(fleet, memory, catalog, maxDeletions).offboard(Plans.sample());
    }

    private static StackRef ref(String stackName, Env env, String tenantId) {
        return new StackRef(stackName, env, tenantId);
    }

    @Test
    void deletesExactlyTheOrphanedSiloStack() {
        deployedAsPlanned().add(EU_333, siloStack("wayne"));

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(new Deletion(EU_333, "saas-silo-wayne")), fleet.deletions());
        assertEquals(List.of(ref("saas-silo-wayne", EU_333, "wayne")), summary.deleting());
        assertTrue(summary.succeeded());
        assertEquals(9, summary.expectedStacks());
    }

    @Test
    void aFleetDeployedAsPlannedDeletesNothing() {
        deployedAsPlanned();

        OffboardSummary summary = offboard(0);

        assertEquals(List.of(), fleet.deletions());
        assertTrue(summary.succeeded());
        assertEquals(List.of(BASELINE, POOLED, EU_333, US_333, EU_444), summary.scannedEnvironments());
    }

    @Test
    void everyEnvironmentOfThePlanIsListedOnceInOrder() {
        offboard(5);

        assertEquals(List.of(BASELINE, POOLED, EU_333, US_333, EU_444), fleet.listed());
    }

    @Test
    void neverTouchesPooledBaselineUntaggedForeignOrNestedStacks() {
        deployedAsPlanned()
                // A retired pooled tier and an old baseline: fleet stacks, but without a TenantId tag.
                .add(POOLED, fleetStack("saas-pooled-gold", null, "CREATE_COMPLETE"))
                .add(BASELINE, fleetStack("saas-baseline-v1", null, "CREATE_COMPLETE"))
                // Another team's stacks, with a TenantId tag of their own.
                .add(EU_333, new DeployedStack("billing-tenant-wayne", "CREATE_COMPLETE",
                                Map.of("ManagedBy", "billing", "TenantId", "wayne"), false, false),
                        new DeployedStack("saas-silo-stark", "CREATE_COMPLETE", Map.of("TenantId", "stark"), false,
                                false),
                        new DeployedStack("CDKToolkit", "UPDATE_COMPLETE", Map.of(), false, false),
                        new DeployedStack("saas-silo-blank", "CREATE_COMPLETE",
                                Map.of("ManagedBy", "saas-fleet", "TenantId", " "), false, false))
                // A nested stack inherits its root's tags; it goes with its root, never on its own.
                .add(EU_444, new DeployedStack("saas-silo-initech-Nested-1ABC", "CREATE_COMPLETE",
                        Map.of("ManagedBy", "saas-fleet", "TenantId", "initech"), false, true));

        OffboardSummary summary = offboard(100);

        assertEquals(List.of(), fleet.deletions());
        assertTrue(summary.succeeded());
        assertEquals(List.of(), summary.protectedStacks());
        assertEquals(List.of(), summary.alreadyDeleting());
    }

    @Test
    void tenantWhoseStackMovedEnvironmentHasItsOldStackDeleted() {
        // initech moved from 333333333333 to 444444444444 (same stack name), the plan has the new place only.
        deployedAsPlanned().add(EU_333, siloStack("initech"));

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(new Deletion(EU_333, "saas-silo-initech")), fleet.deletions());
        assertEquals(List.of(ref("saas-silo-initech", EU_333, "initech")), summary.deleting());
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
    void terminationProtectedStackIsReportedNotDeletedAndNotAFailure() {
        deployedAsPlanned().add(EU_444, new DeployedStack("saas-silo-wayne", "CREATE_COMPLETE",
                Map.of("ManagedBy", "saas-fleet", "TenantId", "wayne"), true, false));

        OffboardSummary summary = offboard(0);

        assertEquals(List.of(), fleet.deletions());
        assertEquals(List.of(ref("saas-silo-wayne", EU_444, "wayne")), summary.protectedStacks());
        assertTrue(summary.succeeded());
    }

    @Test
    void moreCandidatesThanMaxDeletionsDeletesNothingAndListsThemAll() {
        deployedAsPlanned().add(EU_333, siloStack("wayne"))
                .add(EU_444, siloStack("stark"), fleetStack("saas-silo-osborn", "osborn", "DELETE_FAILED"));

        OffboardSummary summary = offboard(2);

        assertEquals(List.of(), fleet.deletions());
        assertFalse(summary.succeeded());
        assertEquals(List.of(), summary.deleting());
        assertEquals(List.of(), summary.retrying());
        assertEquals(List.of("saas-silo-wayne", "saas-silo-osborn", "saas-silo-stark"),
                summary.failures().stream().map(Failure::stackName).toList());
        assertTrue(summary.blastRadius().contains("3 orphaned tenant stack(s) exceed MAX_DELETIONS=2"));
        assertTrue(summary.blastRadius().contains("raise the offboarder function's MAX_DELETIONS environment"));
        assertTrue(summary.failures().get(0).reason().contains("MAX_DELETIONS=2"));
    }

    @Test
    void exactlyMaxDeletionsCandidatesAreAllDeleted() {
        deployedAsPlanned().add(EU_333, siloStack("wayne")).add(EU_444, siloStack("stark"));

        OffboardSummary summary = offboard(2);

        assertEquals(2, fleet.deletions().size());
        assertTrue(summary.succeeded());
        assertNull(summary.blastRadius());
    }

    @Test
    void environmentThatCannotBeScannedFailsTheRunButTheOthersAreStillProcessed() {
        deployedAsPlanned().add(EU_444, siloStack("stark")).failList(EU_333, "AccessDenied");

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(new Deletion(EU_444, "saas-silo-stark")), fleet.deletions());
        assertFalse(summary.succeeded());
        assertEquals(List.of(BASELINE, POOLED, US_333, EU_444), summary.scannedEnvironments());
        Failure failure = summary.failures().get(0);
        assertEquals(1, summary.failures().size());
        assertEquals(EU_333, failure.env());
        assertNull(failure.stackName());
        assertTrue(failure.reason().contains("AccessDenied"), failure.reason());
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

    @Test
    void withoutSiloTenantsInThePlanEveryTenantStackIsOrphanedAndTheLimitStillHolds() {
        var plan = FleetPlanReader.read(Plans.bytes(Plans.NO_SILO));
        fleet.add(POOLED, siloStack("acme"), siloStack("globex"), fleetStack("saas-pooled-basic", null,
                "UPDATE_COMPLETE"));

        OffboardSummary blocked = new Offboarder(fleet, memory, catalog, 1).offboard(plan);
        assertEquals(List.of(), fleet.deletions());
        assertFalse(blocked.succeeded());

        OffboardSummary allowed = new Offboarder(fleet, memory, catalog, 2).offboard(plan);
        assertEquals(List.of(new Deletion(POOLED, "saas-silo-acme"), new Deletion(POOLED, "saas-silo-globex")),
                fleet.deletions());
        assertTrue(allowed.succeeded());
    }

    @Test
    void aTenantThatHadAnAccountToItselfIsStillFoundThroughTheRememberedEnvironment() {
        var lonely = env("555555555555", "ap-southeast-2");
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
        var emptied = env("555555555555", "ap-southeast-2");
        deployedAsPlanned().add(emptied, fleetStack("saas-silo-stark", "stark", "DELETE_COMPLETE"),
                fleetStack("unrelated", null, "CREATE_COMPLETE"));
        memory.with(emptied, POOLED);

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(emptied), summary.retiredEnvironments());
        assertEquals(java.util.Set.of(BASELINE, POOLED, EU_333, US_333, EU_444), memory.environments);
    }

    @Test
    void planEnvironmentsAreRememberedEvenWhenTheirScanFails() {
        deployedAsPlanned().failList(EU_444, "AccessDenied");

        offboard(5);

        assertTrue(memory.environments.contains(EU_444), memory.environments.toString());
    }

    @Test
    void anUnreadableMemoryStopsTheRunBeforeAnyScanOrDelete() {
        deployedAsPlanned().add(EU_333, siloStack("wayne"));
        memory.unreadable = true;

        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> offboard(5));
        assertEquals(List.of(), fleet.listed());
        assertEquals(List.of(), fleet.deletions());
    }

    @Test
    void aTenantANewerRunDeployedAfterThisRunsSynthIsNotTakenForAnOrphan() {
        // This run's plan predates tenant 'wayne'; a newer run already deployed it where the catalog puts it now.
        deployedAsPlanned().add(EU_333, siloStack("wayne"), siloStack("gone"));
        catalogNow.put("wayne", EU_333);

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(new Deletion(EU_333, "saas-silo-gone")), fleet.deletions());
        assertEquals(List.of(ref("saas-silo-wayne", EU_333, "wayne")), summary.stillListed());
        assertTrue(summary.succeeded());
    }

    @Test
    void aTenantTheCatalogMovedElsewhereHasItsOldStackDeleted() {
        deployedAsPlanned().add(EU_333, siloStack("wayne"));
        catalogNow.put("wayne", EU_444);

        offboard(5);

        assertEquals(List.of(new Deletion(EU_333, "saas-silo-wayne")), fleet.deletions());
    }

    @Test
    void anUnreadableCatalogKeepsTheStackAndFailsTheRun() {
        deployedAsPlanned().add(EU_333, siloStack("wayne"));
        catalogNow = null;

        OffboardSummary summary = offboard(5);

        assertEquals(List.of(), fleet.deletions());
        assertFalse(summary.succeeded());
        assertTrue(summary.failures().get(0).reason().contains("the catalog could not be checked"),
                summary.failures().toString());
    }

    @Test
    void summaryJsonHasAFixedKeyOrderAndSortedLists() {
        deployedAsPlanned().add(EU_444, siloStack("zeta"), siloStack("alpha")).add(EU_333, siloStack("wayne"))
                .failList(US_333, "ExpiredToken");

        Map<String, Object> json = offboard(5).toJson();

        assertEquals(List.of("scannedEnvironments", "retiredEnvironments", "expectedStacks", "deleting", "retrying",
                "alreadyDeleting", "protected", "stillListed", "failures"), List.copyOf(json.keySet()));
        assertEquals(List.of("111111111111/us-east-1", "222222222222/us-east-1", "333333333333/eu-west-1",
                "444444444444/eu-west-1"), json.get("scannedEnvironments"));
        assertEquals(List.of(
                Map.of("stackName", "saas-silo-wayne", "account", "333333333333", "region", "eu-west-1",
                        "tenantId", "wayne"),
                Map.of("stackName", "saas-silo-alpha", "account", "444444444444", "region", "eu-west-1",
                        "tenantId", "alpha"),
                Map.of("stackName", "saas-silo-zeta", "account", "444444444444", "region", "eu-west-1",
                        "tenantId", "zeta")), json.get("deleting"));
        assertEquals(List.of(Map.of("account", "333333333333", "region", "us-west-2",
                "reason", "AssumeRole arn:aws:iam::333333333333:role/x failed: ExpiredToken: not authorized")),
                json.get("failures"));
    }
}
