package functions.tenants;

import static functions.tenants.ControlPlaneFixture.SYSTEM_ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.provisioning.TargetStack;
import contract.Tier;
import functions.users.DirectoryUser;
import functions.users.NewUser;
import contract.UserRole;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A 10,000-user tenant's deactivation, emulated: the job's status on TenantDetails and every page's message are on
 * moto (DynamoDB, SQS FIFO); the 10,000 users are {@link GeneratedUserBatches}; the directory calls go to moto
 * Cognito for a sample of the users and are recorded for the rest ({@link SampledUserDirectory}); the worker's
 * pacing runs on {@link PacedTime}, so the test checks what the job does, not how long it takes.
 */
class TenantAccessScaleTest {

    private static final int USERS = 10_000;
    private static final int PAGE = 200;
    private static final int SAMPLE_EVERY = 500;

    @Test
    void aTenThousandUserDeactivationCompletesWithItsStatusReadableAndEachUserDisabledAndSignedOutOnce() {
        ControlPlaneFixture fixture = new ControlPlaneFixture();
        String acme = RegistrationFixture.register(fixture, "BASIC");
        String pool = fixture.poolOf(Tier.BASIC);
        GeneratedUserBatches tenantUsers = new GeneratedUserBatches(acme, pool, "acme.example", USERS);
        Set<String> sample = new HashSet<>();
        for (int i = 0; i < USERS; i += SAMPLE_EVERY) {
            sample.add(tenantUsers.email(i));
            fixture.directory.seed(pool, new NewUser(tenantUsers.email(i), acme, UserRole.TENANT_USER, "BASIC"));
        }
        List<SampledUserDirectory.Call> recorded = SampledUserDirectory.recorder();
        ControlPlane plane = fixture.plane(null, stacks -> location -> sampled(stacks.at(location), sample, recorded));

        Tenant inactive = plane.tenantService().deactivate(SYSTEM_ADMIN, acme);
        AccessJob started = plane.tenantService().get(SYSTEM_ADMIN, acme).accessJob();
        assertEquals(TenantStatus.INACTIVE, inactive.status());
        assertEquals(new AccessJob(started.jobId(), AccessJob.Target.DISABLED, AccessJob.State.RUNNING, 0, 0, null,
                started.startedAt(), started.startedAt()), started, "readable from the call on");

        int delivered = fixture.runAccessJobs(plane.accessWorker(
                fixture.pacing.pacer(TenantAccessWorker.CALLS_PER_SECOND), PAGE, tenantUsers));

        AccessJob done = plane.tenantService().get(SYSTEM_ADMIN, acme).accessJob();
        // A full last page names a last user, as DynamoDB's Query does, so one more (empty) page ends the job.
        assertEquals(USERS / PAGE + 1, delivered);
        assertEquals(started.jobId(), done.jobId());
        assertEquals(AccessJob.State.DONE, done.state());
        assertEquals(USERS / PAGE + 1, done.pagesDone());
        assertEquals(USERS, done.usersDone());
        assertNull(done.lastError());
        assertEquals(0, fixture.queuedAccessPages());
        List<DirectoryUser> sampled = fixture.directory.users(pool).stream()
                .filter(u -> sample.contains(u.email())).toList();
        assertEquals(USERS / SAMPLE_EVERY, sampled.size());
        assertTrue(sampled.stream().noneMatch(DirectoryUser::enabled), "every sampled user is disabled on moto");
        assertEquals(sample.size(), fixture.directory.faults.count("disableUser"));
        assertEquals(sample.size(), fixture.directory.faults.count("signOut"));
        Map<String, Long> callsPerMethod = recorded.stream()
                .collect(Collectors.groupingBy(SampledUserDirectory.Call::method, Collectors.counting()));
        assertEquals(Map.of("disableUser", (long) USERS - sample.size(), "signOut", (long) USERS - sample.size()),
                callsPerMethod);
        assertEquals(recorded.size(), new HashSet<>(recorded).size(), "no user is called twice");
        // Two calls per user at the worker's pace: the job spreads them over at least (calls - 1) / rate.
        long calls = 2L * USERS;
        Duration least = Duration.ofMillis((long) ((calls - 1) * 1000 / TenantAccessWorker.CALLS_PER_SECOND));
        assertFalse(fixture.pacing.elapsed().compareTo(least) < 0, fixture.pacing.elapsed() + " < " + least);
    }

    private static TargetStack sampled(TargetStack stack, Set<String> sample, List<SampledUserDirectory.Call> calls) {
        return WrappedStack.directory(stack, real -> new SampledUserDirectory(real.directory(), sample, calls));
    }
}
