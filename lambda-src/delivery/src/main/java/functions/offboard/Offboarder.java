package functions.offboard;

import functions.offboard.OffboardSummary.Failure;
import functions.offboard.OffboardSummary.StackRef;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The offboarding rules: which deployed stacks are orphaned silo tenant stacks, and deleting them within the
 * blast-radius limit. No Lambda or SDK types: this is what the tests exercise.
 *
 * <p>A stack is a candidate only when it is tagged {@code ManagedBy=<fleet>-fleet} (this offboarder's fleet, the
 * catalog's {@code fleetName}: another fleet's stacks in the same account are never touched) and carries a non-empty
 * {@code TenantId} tag (the tags {@code stages.FleetTags} puts on silo tenant stacks; pooled tiers and the
 * baseline have no {@code TenantId}), is a root stack, is not in the plan for its environment, and is not
 * already deleted or being deleted. Termination-protected candidates are reported, never deleted. An
 * environment that cannot be scanned fails the run but does not stop the others.
 *
 * <p>The environments scanned are the plan's and every one remembered from earlier plans ({@link
 * EnvironmentMemory}): the plan's are remembered before any scan, and a remembered environment is forgotten only
 * once a scan finds no stack of the fleet's tenants left in it.
 */
final class Offboarder {

    static final String MANAGED_BY = "ManagedBy";
    static final String TENANT_ID = "TenantId";
    static final String DELETE_IN_PROGRESS = "DELETE_IN_PROGRESS";
    static final String DELETE_COMPLETE = "DELETE_COMPLETE";
    static final String DELETE_FAILED = "DELETE_FAILED";

    private final FleetStackDirectory directory;
    private final EnvironmentMemory memory;
    private final CatalogCheck catalog;
    private final int maxDeletions;
    private final String managedBy;

    /** The default fleet's offboarder. */
    Offboarder(FleetStackDirectory directory, EnvironmentMemory memory, CatalogCheck catalog, int maxDeletions) {
        this(directory, memory, catalog, maxDeletions, functions.provisioning.StackAccess.DEFAULT_FLEET_NAME);
    }

    /** @param fleetName the catalog's fleet name: only stacks tagged {@code ManagedBy=<fleetName>-fleet} are seen */
    Offboarder(FleetStackDirectory directory, EnvironmentMemory memory, CatalogCheck catalog, int maxDeletions,
               String fleetName) {
        this.managedBy = managedByValue(fleetName);
        this.directory = directory;
        this.memory = memory;
        this.catalog = catalog;
        this.maxDeletions = maxDeletions;
    }

    OffboardSummary offboard(FleetPlan plan) {
        SortedSet<Env> remembered = new TreeSet<>(memory.recall());
        List<Env> newEnvironments = plan.environments().stream().filter(e -> !remembered.contains(e)).toList();
        memory.remember(newEnvironments);
        SortedSet<Env> environments = new TreeSet<>(remembered);
        environments.addAll(plan.environments());
        List<Env> retired = new ArrayList<>();
        List<Env> scanned = new ArrayList<>();
        List<StackRef> candidates = new ArrayList<>();
        List<StackRef> retrying = new ArrayList<>();
        List<StackRef> alreadyDeleting = new ArrayList<>();
        List<StackRef> protectedStacks = new ArrayList<>();
        List<StackRef> stillListed = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (Env env : environments) {
            List<DeployedStack> stacks;
            try {
                stacks = directory.list(env);
            } catch (RuntimeException e) {
                // Keep going: the other environments' orphans are still worth removing in this run.
                failures.add(new Failure(env, null, reason(e)));
                continue;
            }
            scanned.add(env);
            if (!plan.environments().contains(env) && stacks.stream().noneMatch(this::isTenantStack)) {
                memory.forget(env);
                retired.add(env);
            }
            for (DeployedStack stack : stacks) {
                if (!isOrphanedTenantStack(plan, env, stack)) {
                    continue;
                }
                var ref = new StackRef(stack.stackName(), env, stack.tag(TENANT_ID));
                if (stack.status().equals(DELETE_IN_PROGRESS)) {
                    alreadyDeleting.add(ref);
                } else if (stack.terminationProtected()) {
                    protectedStacks.add(ref);
                } else {
                    switch (catalogState(ref, failures)) {
                        case LISTED -> stillListed.add(ref);
                        case UNKNOWN -> { } // kept; the failure is recorded
                        case ABSENT -> {
                            candidates.add(ref);
                            if (stack.status().equals(DELETE_FAILED)) {
                                retrying.add(ref);
                            }
                        }
                    }
                }
            }
        }
        List<StackRef> deleting = new ArrayList<>();
        String blastRadius = null;
        if (candidates.size() > maxDeletions) {
            blastRadius = candidates.size() + " orphaned tenant stack(s) exceed MAX_DELETIONS=" + maxDeletions
                    + ", nothing deleted; check the list, then raise the offboarder function's MAX_DELETIONS"
                    + " environment variable (0..100) to at least " + candidates.size() + " and run again";
            for (StackRef candidate : candidates) {
                failures.add(new Failure(candidate.env(), candidate.stackName(),
                        "not deleted: over the blast-radius limit MAX_DELETIONS=" + maxDeletions));
            }
            retrying.clear();
        } else {
            for (StackRef candidate : candidates) {
                try {
                    directory.delete(candidate.env(), candidate.stackName());
                    deleting.add(candidate);
                } catch (RuntimeException e) {
                    failures.add(new Failure(candidate.env(), candidate.stackName(), reason(e)));
                    retrying.remove(candidate);
                }
            }
        }
        return new OffboardSummary(scanned, retired, plan.expectedStackCount(), deleting, retrying, alreadyDeleting,
                protectedStacks, stillListed, failures, blastRadius);
    }

    private enum CatalogState { LISTED, ABSENT, UNKNOWN }

    // LISTED when the catalog places the tenant in this environment now (a newer run deployed it after this run's
    // synth); UNKNOWN when the catalog cannot be read: the stack is kept and the run fails.
    private CatalogState catalogState(StackRef ref, List<Failure> failures) {
        try {
            return catalog.placement(ref.tenantId()).filter(ref.env()::equals).isPresent()
                    ? CatalogState.LISTED : CatalogState.ABSENT;
        } catch (RuntimeException e) {
            failures.add(new Failure(ref.env(), ref.stackName(), "not deleted: the catalog could not be checked: "
                    + reason(e)));
            return CatalogState.UNKNOWN;
        }
    }

    /** stages.StackNames.managedByValue: {@code <fleetName>-fleet}. */
    static String managedByValue(String fleetName) {
        return fleetName + "-fleet";
    }

    private boolean isOrphanedTenantStack(FleetPlan plan, Env env, DeployedStack stack) {
        return isTenantStack(stack) && !plan.expects(env, stack.stackName());
    }

    /** A live root stack of one of this fleet's silo tenants. */
    private boolean isTenantStack(DeployedStack stack) {
        String tenantId = stack.tag(TENANT_ID);
        return !stack.nested()
                && managedBy.equals(stack.tag(MANAGED_BY))
                && tenantId != null && !tenantId.isBlank()
                && !stack.status().equals(DELETE_COMPLETE);
    }

    static String reason(RuntimeException e) {
        // DirectoryException messages already name the operation and the AWS error code.
        return e instanceof DirectoryException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
