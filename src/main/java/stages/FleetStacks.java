package stages;

import java.util.List;

import app.AwsEnv;
import app.PooledTierEntry;
import app.SiloTenant;
import software.constructs.Construct;

/**
 * Builds each kind of fleet stack (baseline, pooled tier, silo tenant) with its stable id: the one place a
 * fleet stack is made, used by every {@link TenantStage} of the pipelines.
 */
final class FleetStacks {

    private FleetStacks() {
    }

    static BaselineStack baseline(Construct scope, AwsEnv env, String functionJar, List<String> pipelineNames,
                                  List<PooledTierEntry> pooledTiers) {
        return new BaselineStack(scope, StackNames.baselineId(),
                new BaselineStack.Props(env, functionJar, pipelineNames, pooledTiers));
    }

    static PooledTierStack pooledTier(Construct scope, PooledTierEntry entry, String functionJar,
                                      AwsEnv controlPlane) {
        return new PooledTierStack(scope, StackNames.pooledTierId(entry.tier(), entry.env()),
                new PooledTierStack.Props(entry, functionJar, controlPlane));
    }

    static SiloTenantStack siloTenant(Construct scope, SiloTenant tenant, String functionJar, AwsEnv controlPlane) {
        return new SiloTenantStack(scope, StackNames.siloTenantId(tenant),
                new SiloTenantStack.Props(tenant, functionJar, controlPlane));
    }
}
