package functions.tenants;

import functions.provisioning.StackNotDeployedException;
import functions.provisioning.TargetStack;
import functions.provisioning.TargetStacks;
import functions.users.UserDirectory;
import functions.users.UserNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs one page of a tenant's access job ({@link AccessJob}): disables, or enables, up to {@code pageSize} users of
 * the tenant in its stack's directory, records the page on the job and enqueues the next page. No Lambda types
 * ({@link TenantAccessHandler} is the entry point).
 *
 * <p>Each message is safe to deliver again: a page is applied only while the job has recorded exactly the pages
 * before it, the record is conditional on that count (so a page counts once), and a page already recorded only
 * re-sends its successor (in case the worker stopped between recording and sending; the queue deduplicates it).
 * A page of a job that is no longer the tenant's (a later deactivation or activation replaced it) is dropped.
 *
 * <p>Enabling skips users disabled in their own right ({@link UserMapping#userDisabled}) and, after the page, reads
 * the page's switches again and disables any that an admin turned off meanwhile: whichever of the admin's disable
 * and the worker's enable comes last, the user ends disabled.
 *
 * <p>Cognito's AdminDisableUser, AdminEnableUser and AdminUserGlobalSignOut are in the UserUpdate category of
 * request rate quotas, shared by every pool of the account and Region
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html); the worker paces its calls
 * ({@link #CALLS_PER_SECOND}) and the queue's event source runs at most two workers at once, so access jobs use at
 * most 20 requests per second and leave the rest for user management and registration.
 */
public final class TenantAccessWorker {

    /** Users per message: at two directory calls each and {@link #CALLS_PER_SECOND}, about 10 s of work. */
    public static final int PAGE_SIZE = 50;
    /** Directory calls per second of one worker. */
    public static final double CALLS_PER_SECOND = 10;

    /** What became of one message. */
    public enum Outcome {
        /** The page's users were changed and the page recorded. */
        APPLIED,
        /** The page was recorded before; its successor was enqueued again. */
        RESENT,
        /** The page belongs to a job the tenant no longer has, or was handled already; nothing done. */
        DROPPED
    }

    private final TenantRepository tenants;
    private final AccessJobs jobs;
    private final UserBatches mappings;
    private final TargetStacks stacks;
    private final AccessQueue queue;
    private final Pacer pacer;
    private final int pageSize;
    private final Clock clock;

    TenantAccessWorker(TenantRepository tenants, AccessJobs jobs, UserBatches mappings, TargetStacks stacks,
                       AccessQueue queue, Pacer pacer, int pageSize, Clock clock) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.mappings = Objects.requireNonNull(mappings, "mappings");
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be >= 1, got " + pageSize);
        }
        this.pageSize = pageSize;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Outcome process(AccessPage page) {
        Optional<Tenant> found = tenants.find(page.tenantId());
        AccessJob job = found.map(Tenant::accessJob).orElse(null);
        if (job == null || !job.jobId().equals(page.jobId()) || job.pagesDone() < page.page()
                || job.pagesDone() > page.page() + 1) {
            return Outcome.DROPPED;
        }
        Tenant tenant = found.get();
        UserMappingRepository.UserBatch batch = mappings.after(page.tenantId(), page.after(), pageSize);
        if (job.pagesDone() == page.page() + 1) {
            return sendNext(page, batch) ? Outcome.RESENT : Outcome.DROPPED;
        }
        try {
            apply(tenant, page, batch);
        } catch (RuntimeException e) {
            jobs.recordError(page.tenantId(), page.jobId(), e.getClass().getSimpleName() + ": " + e.getMessage(), now());
            throw e;
        }
        jobs.recordPage(page.tenantId(), page.jobId(), page.page(), batch.users().size(),
                batch.lastUserName() == null, now());
        sendNext(page, batch);
        return Outcome.APPLIED;
    }

    private boolean sendNext(AccessPage page, UserMappingRepository.UserBatch batch) {
        if (batch.lastUserName() == null) {
            return false;
        }
        queue.send(page.next(batch.lastUserName()));
        return true;
    }

    private void apply(Tenant tenant, AccessPage page, UserMappingRepository.UserBatch batch) {
        if (batch.users().isEmpty()) {
            return;
        }
        TargetStack stack = stacks.at(tenant.location().orElseThrow(() -> new IllegalStateException("tenant "
                + tenant.tenantId() + " has an access job but its record names no stack")));
        if (!tenant.tier().pooled() && !deployed(stack)) {
            // The pipeline deleted the silo stack (offboarding): its pool and users went with it.
            return;
        }
        UserDirectory directory = stack.directory();
        if (page.target() == AccessJob.Target.DISABLED) {
            batch.users().forEach(user -> disable(directory, user));
            return;
        }
        List<UserMapping> enabled = batch.users().stream().filter(u -> !u.userDisabled()).toList();
        enabled.forEach(user -> call(() -> directory.enableUser(user.userPoolId(), user.userName())));
        Set<String> enabledNames = enabled.stream().map(UserMapping::userName).collect(Collectors.toSet());
        mappings.after(page.tenantId(), page.after(), pageSize).users().stream()
                .filter(u -> u.userDisabled() && enabledNames.contains(u.userName()))
                .forEach(user -> disable(directory, user));
    }

    // Signed out first, then disabled: whether Cognito signs out a user already disabled is not documented, and a
    // refusal there would fail the page on every retry.
    private void disable(UserDirectory directory, UserMapping user) {
        call(() -> directory.signOut(user.userPoolId(), user.userName()));
        call(() -> directory.disableUser(user.userPoolId(), user.userName()));
    }

    private void call(Runnable directoryCall) {
        pacer.acquire();
        try {
            directoryCall.run();
        } catch (UserNotFoundException gone) {
            // Deleted from the directory: nothing left to enable, disable or sign out.
        }
    }

    private static boolean deployed(TargetStack stack) {
        try {
            stack.resources();
            return true;
        } catch (StackNotDeployedException gone) {
            return false;
        }
    }

    private String now() {
        return Instant.now(clock).toString();
    }
}
