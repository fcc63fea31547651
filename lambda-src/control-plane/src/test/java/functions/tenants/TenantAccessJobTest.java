package functions.tenants;

import static functions.tenants.ControlPlaneFixture.SYSTEM_ADMIN;
import static functions.tenants.ControlPlaneFixture.adminOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contract.Tier;
import functions.users.DirectoryUser;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-user state across tenant deactivation and activation, and the asynchronous access jobs that carry them out,
 * on moto (DynamoDB, Cognito, SQS FIFO): the tenant's switch and each user's own switch are separate.
 */
class TenantAccessJobTest {

    private ControlPlaneFixture fixture;
    private TenantService tenants;
    private TenantUserService users;
    private String acme;
    private String pool;

    @BeforeEach
    void setUp() {
        fixture = new ControlPlaneFixture();
        tenants = fixture.plane().tenantService();
        users = fixture.plane().tenantUserService();
        acme = RegistrationFixture.register(fixture, "BASIC");
        pool = fixture.poolOf(Tier.BASIC);
        users.create(adminOf(acme), acme, new UserInput("bob@acme.example", "TenantUser"));
        users.create(adminOf(acme), acme, new UserInput("jane@acme.example", "TenantUser"));
    }

    @Test
    void reactivationKeepsAUserItsAdminDisabledDisabledAndEnablesTheOthers() {
        users.disable(adminOf(acme), acme, "jane@acme.example");

        tenants.deactivate(SYSTEM_ADMIN, acme);
        fixture.runAccessJobs();
        assertEquals(Map.of("admin@acme-basic.example", false, "bob@acme.example", false, "jane@acme.example", false),
                enabledByEmail());
        tenants.activate(SYSTEM_ADMIN, acme);
        fixture.runAccessJobs();

        assertEquals(Map.of("admin@acme-basic.example", true, "bob@acme.example", true, "jane@acme.example", false),
                enabledByEmail());
    }

    @Test
    void activatingAnActiveTenantKeepsADisabledUserDisabled() {
        users.disable(adminOf(acme), acme, "jane@acme.example");

        tenants.activate(SYSTEM_ADMIN, acme);
        fixture.runAccessJobs();

        assertEquals(Map.of("admin@acme-basic.example", true, "bob@acme.example", true, "jane@acme.example", false),
                enabledByEmail());
    }

    @Test
    void aUserEnabledByItsAdminWhileTheTenantIsInactiveStaysDisabledUntilTheTenantIsActivated() {
        users.disable(adminOf(acme), acme, "jane@acme.example");
        tenants.deactivate(SYSTEM_ADMIN, acme);
        fixture.runAccessJobs();

        assertEquals(Boolean.FALSE, users.enable(SYSTEM_ADMIN, acme, "jane@acme.example").enabled(),
                "the tenant is INACTIVE: its switch wins");
        tenants.activate(SYSTEM_ADMIN, acme);
        fixture.runAccessJobs();

        assertTrue(enabledByEmail().get("jane@acme.example"), "its own switch is on again");
        assertEquals(Boolean.FALSE, users.disable(adminOf(acme), acme, "jane@acme.example").enabled());
        assertEquals(Boolean.TRUE, users.enable(adminOf(acme), acme, "jane@acme.example").enabled(),
                "in an ACTIVE tenant enabling acts at once");
    }

    @Test
    void aUserDisabledWhileAnActivationEnablesItsPageEndsDisabled() {
        tenants.deactivate(SYSTEM_ADMIN, acme);
        fixture.runAccessJobs();
        tenants.activate(SYSTEM_ADMIN, acme);
        // The admin disables jane after the worker read the page (jane's switch on) and before it enables jane.
        fixture.directory.faults.beforeNext("enableUser",
                () -> users.disable(adminOf(acme), acme, "jane@acme.example"));

        fixture.runAccessJobs();

        assertFalse(enabledByEmail().get("jane@acme.example"));
        assertTrue(enabledByEmail().get("bob@acme.example"));
    }

    @Test
    void disablingAUserRevokesItsRefreshTokens() {
        long before = fixture.directory.faults.count("signOut");

        users.disable(adminOf(acme), acme, "jane@acme.example");

        assertEquals(before + 1, fixture.directory.faults.count("signOut"), "AdminUserGlobalSignOut on disable");
    }

    @Test
    void aRedeliveredPageCountsOnceAndALaterJobReplacesAnEarlierOne() {
        // Three users, a page of two: the deactivation job has two pages.
        ControlPlane plane = fixture.plane();
        TenantAccessWorker worker = plane.accessWorker(fixture.pacing.pacer(TenantAccessWorker.CALLS_PER_SECOND), 2);
        AccessJob deactivation = tenants.deactivate(SYSTEM_ADMIN, acme).accessJob();
        AccessPage first = AccessPage.first(acme, deactivation.jobId(), AccessJob.Target.DISABLED);

        assertEquals(TenantAccessWorker.Outcome.APPLIED, worker.process(first));
        assertEquals(TenantAccessWorker.Outcome.RESENT, worker.process(first), "a redelivery only re-sends page 2");
        AccessJob afterRedelivery = tenants.get(SYSTEM_ADMIN, acme).accessJob();
        assertEquals(1, afterRedelivery.pagesDone());
        assertEquals(2, afterRedelivery.usersDone());
        assertEquals(AccessJob.State.RUNNING, afterRedelivery.state());

        AccessJob activation = tenants.activate(SYSTEM_ADMIN, acme).accessJob();
        assertEquals(TenantAccessWorker.Outcome.DROPPED, worker.process(first), "the deactivation was replaced");
        fixture.runAccessJobs(plane, 2);

        AccessJob done = tenants.get(SYSTEM_ADMIN, acme).accessJob();
        assertEquals(activation.jobId(), done.jobId());
        assertEquals(AccessJob.Target.ENABLED, done.target());
        assertEquals(AccessJob.State.DONE, done.state());
        assertEquals(2, done.pagesDone());
        assertEquals(3, done.usersDone());
        assertNull(done.lastError());
        assertTrue(enabledByEmail().values().stream().allMatch(enabled -> enabled), enabledByEmail().toString());
    }

    @Test
    void aFailedPageIsRetriedAndItsErrorIsReadableUntilThen() {
        AccessJob job = tenants.deactivate(SYSTEM_ADMIN, acme).accessJob();
        fixture.directory.faults.failOn("disableUser");

        var failure = assertThrows(IllegalStateException.class,
                fixture::runAccessJobs);

        AccessJob failed = tenants.get(SYSTEM_ADMIN, acme).accessJob();
        assertEquals(job.jobId(), failed.jobId());
        assertEquals(AccessJob.State.RUNNING, failed.state());
        assertEquals(0, failed.pagesDone());
        assertTrue(failed.lastError().contains(failure.getMessage()), failed.lastError());
        fixture.runAccessJobs();
        AccessJob done = tenants.get(SYSTEM_ADMIN, acme).accessJob();
        assertEquals(AccessJob.State.DONE, done.state());
        assertNull(done.lastError());
        assertTrue(enabledByEmail().values().stream().noneMatch(enabled -> enabled));
    }

    private Map<String, Boolean> enabledByEmail() {
        return fixture.directory.users(pool).stream()
                .filter(u -> acme.equals(u.tenantId()))
                .collect(Collectors.toMap(DirectoryUser::email, DirectoryUser::enabled));
    }
}
