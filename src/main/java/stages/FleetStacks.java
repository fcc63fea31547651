package stages;

import java.util.List;
import java.util.stream.Stream;

import app.AwsEnv;
import app.FleetCatalog;
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

    static BaselineStack baseline(Construct scope, FleetCatalog catalog, String functionsDir,
                                  List<String> pipelineNames) {
        return new BaselineStack(scope, StackNames.baselineId(), BaselineStack.Props.builder()
                .env(catalog.baseline()).functionsDir(functionsDir).pipelineNames(pipelineNames)
                .pooledTiers(catalog.pooledTiers()).stackAccounts(stackAccounts(catalog)).fleet(catalog.fleetName())
                .mail(catalog.mail()).settings(catalog.settings()).operators(catalog.operators()).build());
    }

    /** The accounts of the catalog's pooled tier and silo tenant stacks, sorted, each once. */
    static List<String> stackAccounts(FleetCatalog catalog) {
        return Stream.concat(catalog.pooledTiers().stream().map(t -> t.env().account()),
                        catalog.tenants().stream().map(t -> t.env().account()))
                .sorted().distinct().toList();
    }

    /**
     * @param pipelineNames every pipeline of the fleet: their ValidateCanary roles may probe the canary tier (the
     *                      catalog's first pooled tier entry, the one in the Canary wave)
     */
    static PooledTierStack pooledTier(Construct scope, PooledTierEntry entry, String functionsDir,
                                      FleetCatalog catalog, List<String> pipelineNames) {
        var pipelineEnv = catalog.pipeline().env();
        var probeCallers = isCanaryTier(catalog, entry)
                ? validationRoles(pipelineEnv, pipelineNames)
                : List.<String>of();
        return new PooledTierStack(scope, StackNames.pooledTierId(entry.tier(), entry.env()),
                PooledTierStack.Props.builder().entry(entry).functionsDir(functionsDir)
                        .controlPlane(catalog.baseline()).fleet(catalog.fleetName()).mail(catalog.mail())
                        .probeCallers(probeCallers).pipelineAccount(pipelineEnv.account()).build());
    }

    /** The pooled tier the fleet's Canary wave holds, and probes: the catalog's first entry (WavePlanner). */
    static boolean isCanaryTier(FleetCatalog catalog, PooledTierEntry entry) {
        return !catalog.pooledTiers().isEmpty() && catalog.pooledTiers().get(0).equals(entry);
    }

    private static List<String> validationRoles(AwsEnv pipelineEnv, List<String> pipelineNames) {
        return pipelineNames.stream()
                .map(name -> StackNames.roleArn(pipelineEnv, StackNames.canaryValidationRoleName(name)))
                .toList();
    }

    /** @param pipelineNames every pipeline of the fleet: their ValidateCanary roles may probe a canary tenant */
    static SiloTenantStack siloTenant(Construct scope, SiloTenant tenant, String functionsDir, FleetCatalog catalog,
                                      List<String> pipelineNames) {
        var pipelineEnv = catalog.pipeline().env();
        var probeCallers = tenant.canary() ? validationRoles(pipelineEnv, pipelineNames) : List.<String>of();
        return new SiloTenantStack(scope, StackNames.siloTenantId(tenant), SiloTenantStack.Props.builder()
                .tenant(tenant).functionsDir(functionsDir).controlPlane(catalog.baseline()).fleet(catalog.fleetName())
                .probeCallers(probeCallers).pipelineAccount(pipelineEnv.account()).mail(catalog.mail()).build());
    }
}
