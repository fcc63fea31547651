package stages;

import java.util.List;

import app.AwsEnv;
import app.FleetCatalog;
import app.PooledTierEntry;
import app.SiloTenant;
import software.constructs.Construct;

/**
 * The stacks of a whole fleet, built from a catalog: one baseline, one stack per pooled tier entry and one per
 * silo tenant. The offline app and the pipeline's stages both build each stack through here, so a stack is the
 * same wherever it is synthesized.
 */
public record FleetStacks(BaselineStack baseline, List<PooledTierStack> pooledTiers,
                          List<SiloTenantStack> siloTenants) {

    public FleetStacks {
        pooledTiers = List.copyOf(pooledTiers);
        siloTenants = List.copyOf(siloTenants);
    }

    /** Adds every stack of the catalog's fleet to {@code scope} and applies the compliance checks to it. */
    public static FleetStacks addTo(Construct scope, FleetCatalog catalog, String functionJar) {
        var pipelineNames = WavePlanner.plan(catalog).pipelines().stream().map(PipelinePlan::name).toList();
        var baseline = baseline(scope, catalog.baseline(), functionJar, pipelineNames);
        var pooled = catalog.pooledTiers().stream().map(entry -> pooledTier(scope, entry, functionJar)).toList();
        var silos = catalog.tenants().stream().map(tenant -> siloTenant(scope, tenant, functionJar)).toList();
        FleetChecks.applyTo(scope);
        return new FleetStacks(baseline, pooled, silos);
    }

    static BaselineStack baseline(Construct scope, AwsEnv env, String functionJar, List<String> pipelineNames) {
        return new BaselineStack(scope, StackNames.baselineId(),
                new BaselineStack.Props(env, functionJar, pipelineNames));
    }

    static PooledTierStack pooledTier(Construct scope, PooledTierEntry entry, String functionJar) {
        return new PooledTierStack(scope, StackNames.pooledTierId(entry.tier(), entry.env()),
                new PooledTierStack.Props(entry, functionJar));
    }

    static SiloTenantStack siloTenant(Construct scope, SiloTenant tenant, String functionJar) {
        return new SiloTenantStack(scope, StackNames.siloTenantId(tenant),
                new SiloTenantStack.Props(tenant, functionJar));
    }
}
