package functions.offboard;

import java.util.List;

/**
 * The fleet's deployed stacks, one environment at a time; the seam between the offboarding rules and
 * CloudFormation. One instance serves one invocation and may cache per-environment clients until closed.
 */
interface FleetStackDirectory extends AutoCloseable {

    /** Every stack in the environment (all pages); throws {@link DirectoryException} when it cannot list. */
    List<DeployedStack> list(Env env);

    /**
     * Starts deleting the stack of that name as this directory last listed it, and returns without waiting; throws
     * {@link DirectoryException} on refusal, or when the stack was not listed in {@code env}: the stack is deleted by
     * the id it was listed with, never by its name alone (a stack deleted and re-created under the same name since
     * the listing is a different stack, and not the one the offboarding rules chose).
     */
    void delete(Env env, String stackName);

    /**
     * The status of a stack this directory listed in {@code env}, looked up by the id it was listed with (a deleted
     * stack still answers, {@code DELETE_COMPLETE}); throws {@link DirectoryException} when it cannot tell.
     */
    String status(Env env, String stackName);

    @Override
    default void close() {
    }
}
