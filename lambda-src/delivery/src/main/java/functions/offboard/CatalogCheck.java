package functions.offboard;

import java.util.Optional;

/**
 * The tenant catalog as it is now, asked just before a delete. The plan the offboarder was handed comes from its
 * own pipeline run's synth and may be older than the catalog: a tenant onboarded since may already be deployed by
 * a newer run (every catalog change starts every pipeline), and must not be taken for an orphan.
 */
interface CatalogCheck {

    /** Where the catalog places the tenant's stack now; empty when the tenant is not in it. Throws when unreadable. */
    Optional<Env> placement(String tenantId);
}
