package stages;

import app.AwsEnv;
import app.SiloTenant;
import app.Tier;

/**
 * Construct ids and CloudFormation stack names of the fleet. Both are part of the contract with deployed
 * stacks (a changed name is a new stack, a changed id a replaced resource), so they derive only from the
 * tenant id, the tier and the environment, and a test pins them.
 */
public final class StackNames {

    static final String PREFIX = "saas";

    private StackNames() {
    }

    public static String baselineId() {
        return "Baseline";
    }

    public static String baselineStackName() {
        return PREFIX + "-baseline";
    }

    /** A tier may be pooled in several environments, so the id carries the environment too. */
    public static String pooledTierId(Tier tier, AwsEnv env) {
        return "PooledTier-" + tier.id() + "-" + env.account() + "-" + env.region();
    }

    /** Unique within its account and region, where a tier is listed at most once. */
    public static String pooledTierStackName(Tier tier) {
        return PREFIX + "-pooled-" + tier.id();
    }

    /** The catalog table the pipeline's synth reads: one per fleet, found by name in the baseline env. */
    public static String tenantStackMappingTableName() {
        return PREFIX + "-fleet-TenantStackMapping";
    }

    public static String siloTenantId(SiloTenant tenant) {
        return "SiloTenant-" + tenant.tenantId();
    }

    public static String siloTenantStackName(SiloTenant tenant) {
        return PREFIX + "-silo-" + tenant.tenantId();
    }
}
