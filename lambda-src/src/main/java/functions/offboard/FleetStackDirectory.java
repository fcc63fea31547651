package functions.offboard;

import java.util.List;

/**
 * The fleet's deployed stacks, one environment at a time; the seam between the offboarding rules and
 * CloudFormation. One instance serves one invocation and may cache per-environment clients until closed.
 */
interface FleetStackDirectory extends AutoCloseable {

    /** Every stack in the environment (all pages); throws {@link DirectoryException} when it cannot list. */
    List<DeployedStack> list(Env env);

    /** Starts deleting the stack and returns without waiting; throws {@link DirectoryException} on refusal. */
    void delete(Env env, String stackName);

    @Override
    default void close() {
    }
}
