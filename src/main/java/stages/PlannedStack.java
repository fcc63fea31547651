package stages;

import app.AwsEnv;
import app.PooledTierEntry;
import app.SiloTenant;
import contract.Tier;
import java.util.Objects;

/**
 * One fleet stack as the deployment plan places it: what it is, its construct id and stack name (both from
 * {@link StackNames}, so the plan and the synthesized app can never disagree), and where it deploys.
 *
 * @param tier     the pooled or silo tier; null for the baseline, which serves every tier
 * @param tenantId the silo tenant's id; null for the baseline and pooled tiers
 */
public record PlannedStack(Kind kind, String constructId, String stackName, AwsEnv env, Tier tier,
                           String tenantId) {

    /** What a stack deploys; a pipeline stage per stack either way. */
    public enum Kind { BASELINE, POOLED_TIER, SILO_TENANT }

    public PlannedStack {
        Objects.requireNonNull(kind, "PlannedStack: kind is required");
        Objects.requireNonNull(constructId, "PlannedStack: constructId is required");
        Objects.requireNonNull(stackName, "PlannedStack: stackName is required");
        Objects.requireNonNull(env, "PlannedStack: env is required");
        if ((kind == Kind.SILO_TENANT) != (tenantId != null)) {
            throw new IllegalArgumentException("PlannedStack " + stackName + ": tenantId is required for a "
                    + "SILO_TENANT and must be null for " + kind);
        }
        if ((kind == Kind.BASELINE) != (tier == null)) {
            throw new IllegalArgumentException("PlannedStack " + stackName + ": tier must be null only for BASELINE");
        }
    }

    /** The default fleet's baseline. */
    static PlannedStack baseline(AwsEnv env) {
        return baseline(StackNames.PREFIX, env);
    }

    static PlannedStack baseline(String fleet, AwsEnv env) {
        return new PlannedStack(Kind.BASELINE, StackNames.baselineId(), StackNames.baselineStackName(fleet), env,
                null, null);
    }

    static PlannedStack pooledTier(String fleet, PooledTierEntry entry) {
        return new PlannedStack(Kind.POOLED_TIER, StackNames.pooledTierId(entry.tier(), entry.env()),
                StackNames.pooledTierStackName(fleet, entry.tier()), entry.env(), entry.tier(), null);
    }

    static PlannedStack siloTenant(String fleet, SiloTenant tenant) {
        return new PlannedStack(Kind.SILO_TENANT, StackNames.siloTenantId(tenant),
                StackNames.siloTenantStackName(fleet, tenant), tenant.env(), tenant.tier(), tenant.tenantId());
    }
}
