package stages;

import java.util.List;

import app.FleetCatalog;
import software.constructs.Construct;

/**
 * The stacks of a whole fleet, built from a catalog: one baseline, one stack per pooled tier entry and one per
 * silo tenant. The offline app and the pipeline stages both build through here.
 */
public record FleetStacks(BaselineStack baseline, List<PooledTierStack> pooledTiers,
                          List<SiloTenantStack> siloTenants) {

    public FleetStacks {
        pooledTiers = List.copyOf(pooledTiers);
        siloTenants = List.copyOf(siloTenants);
    }

    /** Adds every stack of the catalog's fleet to {@code scope} and applies the compliance checks to it. */
    public static FleetStacks addTo(Construct scope, FleetCatalog catalog, String functionJar) {
        var baseline = new BaselineStack(scope, StackNames.baselineId(), new BaselineStack.Props(catalog.baseline()));
        var pooled = catalog.pooledTiers().stream()
                .map(entry -> new PooledTierStack(scope, StackNames.pooledTierId(entry.tier(), entry.env()),
                        new PooledTierStack.Props(entry, functionJar)))
                .toList();
        var silos = catalog.tenants().stream()
                .map(tenant -> new SiloTenantStack(scope, StackNames.siloTenantId(tenant),
                        new SiloTenantStack.Props(tenant, functionJar)))
                .toList();
        FleetChecks.applyTo(scope);
        return new FleetStacks(baseline, pooled, silos);
    }
}
