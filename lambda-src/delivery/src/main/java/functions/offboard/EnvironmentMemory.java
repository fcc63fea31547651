package functions.offboard;

import java.util.Collection;
import java.util.Set;

/**
 * Every environment the fleet has deployed to, kept across runs. The plan names only the environments that still
 * hold a stack of the fleet: when a tenant had an account or region to itself (one account per silo tenant is
 * common), its environment leaves the plan with it, and the orphaned stack would never be scanned again.
 */
interface EnvironmentMemory {

    /** Every remembered environment; throws when the memory cannot be read (the run must not guess). */
    Set<Env> recall();

    /** Adds environments; remembering one twice is harmless. */
    void remember(Collection<Env> environments);

    /** Drops an environment that no longer holds any stack of the fleet. */
    void forget(Env environment);
}
