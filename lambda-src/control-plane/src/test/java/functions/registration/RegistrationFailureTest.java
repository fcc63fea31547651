package functions.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contract.Tier;
import functions.shared.ConflictException;
import functions.shared.FailingRequests;
import functions.shared.SimulatedCrash;
import functions.tenants.ControlPlaneFixture;
import functions.tenants.Tenant;
import functions.tenants.TenantStatus;
import functions.users.DirectoryUser;
import functions.users.NewUser;
import contract.UserRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** A step fails, the saga undoes the earlier ones, and the same Idempotency-Key then succeeds. */
class RegistrationFailureTest {

    private static final String KEY = RegistrationServiceTest.KEY;

    private ControlPlaneFixture fixture;
    private RegistrationService service;
    private final AtomicBoolean failRequests = new AtomicBoolean(true);

    @BeforeEach
    void setUp() {
        fixture = new ControlPlaneFixture();
        service = RegistrationService.create(fixture.plane());
    }

    @Test
    void groupFailureLeavesAFailedTenantAndNoUserOrKey() {
        assertCompensatedThenRetried("BASIC", f -> f.directory.faults.failOn("ensureGroup"));
    }

    @Test
    void apiKeyFailureLeavesNoKeyBehind() {
        assertCompensatedThenRetried("STANDARD", f -> f.apiKeys.faults.failOn("createForTenant"));
    }

    @Test
    void userCreationFailureDeletesTheApiKey() {
        assertCompensatedThenRetried("PREMIUM", f -> f.directory.faults.failOn("createUser"));
    }

    @Test
    void groupMembershipFailureDeletesTheCreatedUserAndTheKey() {
        assertCompensatedThenRetried("BASIC", f -> f.directory.faults.failOn("addUserToGroup"));
    }

    @Test
    void userMappingWriteFailureDeletesTheUserAndTheKey() {
        service = serviceFailingPutsTo(fixture.config.tenantUserMappingTable());
        assertCompensatedThenRetried("BASIC", f -> { });
    }

    @Test
    void aFailedActivationLeavesNeitherTenantNorRegistrationActiveAndUndoesEverything() {
        service = serviceFailing(r -> r instanceof TransactWriteItemsRequest t
                && t.transactItems().get(0).update() != null
                && t.transactItems().get(0).update().tableName().equals(fixture.config.tenantDetailsTable()));
        assertCompensatedThenRetried("BASIC", f -> { });
    }

    @Test
    void aFailedTenantCreationLeavesNoTenantAndReleasesTheClaims() {
        service = serviceFailing(r -> r instanceof TransactWriteItemsRequest t
                && t.transactItems().get(0).put() != null
                && t.transactItems().get(0).put().tableName().equals(fixture.config.tenantDetailsTable()));

        assertThrows(RuntimeException.class, () -> service.register(KEY, acme("BASIC")));

        assertTrue(fixture.items(fixture.config.tenantDetailsTable()).isEmpty(), "no tenant without its registration");
        var registration = fixture.items(fixture.config.registrationsTable());
        assertEquals(1, registration.size(), "claims released, the request kept");
        assertEquals("FAILED", registration.get(0).get("status").s());
        failRequests.set(false);
        assertEquals("ACTIVE", service.register(KEY, acme("BASIC")).status());
        assertEquals(1, fixture.items(fixture.config.tenantDetailsTable()).size());
    }

    @Test
    void stackMappingWriteFailureLeavesNoCatalogRecord() {
        // The record is written in one transaction with the tenant's "still PROVISIONING" guard.
        service = serviceFailing(r -> r instanceof TransactWriteItemsRequest t && t.transactItems().stream()
                .anyMatch(i -> i.put() != null && i.put().tableName().equals(fixture.config.tenantStackMappingTable())));
        assertCompensatedThenRetried("PLATINUM", f -> { });
    }

    @Test
    void aMissingTierPlacementFailsTheRegistrationBeforeAnyTenantExists() {
        fixture = new ControlPlaneFixture("BASIC=222222222222/us-east-1,BASIC=555555555555/eu-west-1");
        service = RegistrationService.create(fixture.plane());

        var e = assertThrows(IllegalStateException.class, () -> service.register(KEY, acme("BASIC")));

        assertTrue(e.getMessage().contains("setting 'tier#BASIC' is missing"), e.getMessage());
        assertTrue(fixture.items(fixture.config.tenantDetailsTable()).isEmpty(), "placed before it is created");
        var registration = fixture.items(fixture.config.registrationsTable());
        assertEquals(1, registration.size(), "claims released, the request kept");
        assertEquals("FAILED", registration.get(0).get("status").s());
        fixture.putSetting("tier#BASIC", Map.of("account", AttributeValue.fromS("555555555555"),
                "region", AttributeValue.fromS("eu-west-1")));
        assertEquals("ACTIVE", service.register(KEY, acme("BASIC")).status());
    }

    @Test
    void aKeyItemWriteFailureDeletesTheKeyAndWritesNoUser() {
        service = serviceFailingPutsTo(fixture.resources(ControlPlaneFixture.pooledStack(Tier.BASIC))
                .tenantApiKeysTable());
        assertCompensatedThenRetried("BASIC", f -> { });
    }

    @Test
    void aTierWithoutAPooledStackFailsTheRegistrationAsADeploymentFault() {
        fixture = new ControlPlaneFixture("BASIC=222222222222/us-east-1");
        service = RegistrationService.create(fixture.plane());

        var e = assertThrows(IllegalStateException.class, () -> service.register(KEY, acme("STANDARD")));

        assertEquals("tier STANDARD has no pooled stack in POOLED_TIER_STACKS", e.getMessage());
        assertEquals("FAILED", fixture.items(fixture.config.registrationsTable()).get(0).get("status").s());
    }

    @Test
    void aFailedRegistrationReleasesNameAndEmailForAnotherRequest() {
        fixture.directory.faults.failOn("createUser");
        assertThrows(IllegalStateException.class, () -> service.register(KEY, acme("BASIC")));

        RegistrationView other = service.register("0f1c9a2e-4b3d-4e5f-8a7b-9c0d1e2f3a4c", acme("BASIC"));

        assertEquals("ACTIVE", other.status());
        assertEquals(1, fixture.directory.userCount());
    }

    @Test
    void anAdminEmailThatIsAnotherTenantsUserIs409AndThatUserIsKept() {
        DirectoryUser someoneElse = fixture.directory.seed(fixture.poolOf(Tier.BASIC), new NewUser("admin@acme.example",
                "0123456789abcdef0123456789abcdef", UserRole.TENANT_USER, "BASIC"));

        var e = assertThrows(ConflictException.class, () -> service.register(KEY, acme("BASIC")));

        assertEquals("adminEmail", e.field());
        assertEquals(List.of(someoneElse), fixture.directory.users(fixture.poolOf(Tier.BASIC)));
        assertEquals(0, fixture.apiKeys.count());
        assertEquals(0, fixture.keyItemCount());
        assertEquals(TenantStatus.FAILED, tenantOf(KEY).status());
    }

    @Test
    void aFailingUndoIsRecordedInTheReason() {
        fixture.directory.faults.failOn("createUser");
        fixture.apiKeys.faults.failOn("delete");

        assertThrows(IllegalStateException.class, () -> service.register(KEY, acme("BASIC")));

        String reason = tenantOf(KEY).failureReason();
        assertTrue(reason.contains("injected failure in createUser"), reason);
        assertTrue(reason.contains("undo failed for apiKey"), reason);
    }

    @Test
    void aReplayWhileTheFirstAttemptRunsAnswersInProgressAndDuplicatesNothing() {
        AtomicReference<RegistrationView> concurrent = new AtomicReference<>();
        fixture.directory.faults.beforeNext("createUser",
                () -> concurrent.set(service.register(KEY, acme("BASIC"))));

        RegistrationView first = service.register(KEY, acme("BASIC"));

        assertEquals("ACTIVE", first.status());
        assertEquals("PROVISIONING", concurrent.get().status());
        assertEquals(first.tenantId(), concurrent.get().tenantId());
        assertEquals(1, fixture.directory.faults.count("createUser"));
        assertEquals(1, fixture.apiKeys.createdCount());
    }

    @Test
    void anAttemptThatOutlivedItsLeaseLeavesTheSagaToItsSuccessorAndUndoesNothing() {
        AtomicReference<RegistrationView> successor = new AtomicReference<>();
        fixture.directory.faults.beforeNext("createUser", () -> {
            fixture.clock.advance(RegistrationService.LEASE.plus(Duration.ofSeconds(1)));
            successor.set(service.register(KEY, acme("BASIC")));
        });

        RegistrationView late = service.register(KEY, acme("BASIC"));

        assertEquals("ACTIVE", successor.get().status());
        assertEquals(successor.get(), late, "the late attempt answers what its successor did");
        Tenant tenant = tenantOf(KEY);
        assertEquals(TenantStatus.ACTIVE, tenant.status());
        assertEquals(1, fixture.directory.userCount(), "the successor's user is kept");
        assertEquals(tenant.apiKeyId(), fixture.apiKeys.key(tenant.tenantId()).orElseThrow().id());
        assertEquals(3, fixture.items(fixture.config.registrationsTable()).size(), "claims kept");
    }

    @Test
    void anAttemptThatDiedIsResumedAfterItsLeaseWithTheSameTenant() {
        fixture.directory.faults.crashOn("addUserToGroup");
        assertThrows(SimulatedCrash.class, () -> service.register(KEY, acme("BASIC")));
        String tenantId = tenantOf(KEY).tenantId();

        RegistrationView early = service.register(KEY, acme("BASIC"));
        assertEquals("PROVISIONING", early.status(), "the lease still holds: no second saga");
        assertEquals(1, fixture.directory.faults.count("createUser"));

        fixture.clock.advance(RegistrationService.LEASE.plus(Duration.ofSeconds(1)));
        RegistrationView resumed = service.register(KEY, acme("BASIC"));

        assertEquals("ACTIVE", resumed.status());
        assertEquals(tenantId, resumed.tenantId());
        assertEquals(1, fixture.items(fixture.config.tenantDetailsTable()).size());
        assertEquals(1, fixture.directory.userCount(), "the user of the dead attempt is adopted, not duplicated");
        assertTrue(fixture.directory.inGroup(fixture.poolOf(Tier.BASIC), "tenant-" + tenantId, "admin@acme.example"));
        assertEquals(1, fixture.apiKeys.createdCount());
        assertEquals(1, fixture.items(fixture.config.tenantUserMappingTable()).size());
    }

    private void assertCompensatedThenRetried(String tier, Consumer<ControlPlaneFixture> inject) {
        inject.accept(fixture);

        assertThrows(RuntimeException.class, () -> service.register(KEY, acme(tier)));

        Tenant failed = tenantOf(KEY);
        assertEquals(TenantStatus.FAILED, failed.status());
        assertTrue(failed.failureReason() != null && !failed.failureReason().isBlank());
        assertNothingLeftBehind(failed);
        var registration = fixture.items(fixture.config.registrationsTable());
        assertEquals(1, registration.size(), "claims released, the request kept");
        assertEquals("FAILED", registration.get(0).get("status").s());

        failRequests.set(false);
        RegistrationView retried = service.register(KEY, acme(tier));

        assertEquals(failed.tenantId(), retried.tenantId());
        assertEquals(Tier.valueOf(tier).pooled() ? "ACTIVE" : "PROVISIONING", retried.status());
        assertEquals(1, fixture.items(fixture.config.tenantDetailsTable()).size());
        assertEquals(Tier.valueOf(tier).pooled() ? 1 : 0, fixture.directory.userCount());
        assertEquals(Tier.valueOf(tier).pooled() ? 1 : 0, fixture.apiKeys.count());
        assertEquals(Tier.valueOf(tier).pooled() ? 1 : 0, fixture.keyItemCount());
        assertEquals(Tier.valueOf(tier).pooled() ? 0 : 1, fixture.items(fixture.config.tenantStackMappingTable()).size());
        assertEquals(3, fixture.items(fixture.config.registrationsTable()).size(), "claims taken again");
    }

    private void assertNothingLeftBehind(Tenant failed) {
        assertEquals(TenantStatus.FAILED, failed.status());
        assertEquals(0, fixture.directory.userCount(), "no orphan user");
        assertEquals(0, fixture.directory.groupCount(), "no orphan group");
        assertEquals(0, fixture.apiKeys.count(), "no orphan API key");
        assertEquals(0, fixture.keyItemCount(), "no orphan TenantApiKeys item");
        assertTrue(fixture.items(fixture.config.tenantUserMappingTable()).isEmpty(), "no orphan user mapping");
        assertTrue(fixture.items(fixture.config.tenantStackMappingTable()).isEmpty(), "no orphan stack record");
    }

    private Tenant tenantOf(String requestId) {
        return fixture.items(fixture.config.tenantDetailsTable()).stream()
                .filter(i -> requestId.equals(i.get("registrationId").s()))
                .map(i -> fixture.plane().tenants().find(i.get("tenantId").s()).orElseThrow())
                .findFirst().orElseThrow();
    }

    private RegistrationService serviceFailingPutsTo(String table) {
        return serviceFailing(r -> r instanceof PutItemRequest put && put.tableName().equals(table));
    }

    // Fails the matching requests until failRequests is cleared.
    private RegistrationService serviceFailing(Predicate<SdkRequest> requests) {
        var failing = new FailingRequests(r -> failRequests.get() && requests.test(r));
        return RegistrationService.create(fixture.plane(failing));
    }

    private static RegistrationInput acme(String tier) {
        return RegistrationServiceTest.acme(tier);
    }
}
