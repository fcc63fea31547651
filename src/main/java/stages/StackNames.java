package stages;

import app.AwsEnv;
import app.FleetCatalog;
import app.SiloTenant;
import contract.Tier;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;

/**
 * Construct ids and CloudFormation stack names of the fleet. Both are part of the contract with deployed
 * stacks (a changed name is a new stack, a changed id a replaced resource), so they derive only from the
 * tenant id, the tier and the environment, and a test pins them. Every name starts with the catalog's fleet name
 * ({@code app.FleetCatalog#fleetName}), so two fleets can share an account; the overloads without a fleet name
 * give the default fleet's ({@value #PREFIX}) names, byte-identical to the names before fleets were named.
 */
public final class StackNames {

    static final String PREFIX = FleetCatalog.DEFAULT_FLEET_NAME;

    private StackNames() {
    }

    public static String baselineId() {
        return "Baseline";
    }

    public static String baselineStackName() {
        return baselineStackName(PREFIX);
    }

    public static String baselineStackName(String fleet) {
        return contract.Names.baselineStack(fleet);
    }

    /** The fleet's pipeline; shards are {@code <fleet>-fleet-01}, {@code <fleet>-fleet-02}, ... */
    public static String pipelineName(String fleet) {
        return fleet + "-fleet";
    }

    /** The value of every fleet stack's {@code ManagedBy} tag: the offboarder deletes only its own fleet's stacks. */
    public static String managedByValue(String fleet) {
        return fleet + "-fleet";
    }

    /** A tier may be pooled in several environments, so the id carries the environment too. */
    public static String pooledTierId(Tier tier, AwsEnv env) {
        return "PooledTier-" + tier.id() + "-" + env.account() + "-" + env.region();
    }

    /** Unique within its account and region, where a tier is listed at most once. */
    public static String pooledTierStackName(Tier tier) {
        return pooledTierStackName(PREFIX, tier);
    }

    public static String pooledTierStackName(String fleet, Tier tier) {
        return contract.Names.pooledStack(fleet, tier);
    }

    /** The catalog table the pipeline's synth reads: one per fleet, found by name in the baseline env. */
    public static String tenantStackMappingTableName() {
        return tenantStackMappingTableName(PREFIX);
    }

    public static String tenantStackMappingTableName(String fleet) {
        return contract.Names.tenantStackMappingTable(fleet);
    }

    /**
     * A pipeline's offboarder environments table (its memory of every account and region it has scanned), named so
     * that the pipeline's synth can read it ({@code app.OffboarderMemory}).
     */
    public static String offboarderEnvironmentsTableName(String pipelineName) {
        return pipelineName + "-offboard-environments";
    }

    public static String siloTenantId(SiloTenant tenant) {
        return "SiloTenant-" + tenant.tenantId();
    }

    public static String siloTenantStackName(SiloTenant tenant) {
        return siloTenantStackName(PREFIX, tenant);
    }

    public static String siloTenantStackName(String fleet, SiloTenant tenant) {
        return contract.Names.siloStack(fleet, tenant.tenantId());
    }

    /**
     * The role in a pooled tier or silo stack that the control plane assumes to provision tenants there
     * ({@code <stackName>-cp-<region>}: role names are per account, and a tier may be pooled in several regions
     * of one account). {@code lambda-src}'s {@code functions.provisioning.StackAccess} builds the same name; both
     * sides pin it in a test. At most 64 characters: a 36-character tenant id and a 14-character region fit.
     */
    public static String controlPlaneAccessRoleName(String stackName, String region) {
        return contract.Names.controlPlaneAccessRole(stackName, region);
    }

    /**
     * The name of a baseline control-plane function's role ({@code <fleet>-baseline-<function>-<region>}): fixed,
     * so that the access roles of other accounts can trust exactly these roles.
     */
    public static String controlPlaneFunctionRoleName(String function, String region) {
        return controlPlaneFunctionRoleName(PREFIX, function, region);
    }

    public static String controlPlaneFunctionRoleName(String fleet, String function, String region) {
        return contract.Names.controlPlaneFunctionRole(fleet, function, region);
    }

    /**
     * The role of a pipeline's ActivateSilos step ({@code <pipelineName>-activate-silos}): fixed, so that the
     * control plane accepts the internal route's calls from exactly these roles ({@code INTERNAL_CALLER_ROLES}).
     */
    public static String activateSilosRoleName(String pipelineName) {
        return pipelineName + "-activate-silos";
    }

    /**
     * The fleet's onboard CodeBuild project ({@code <fleet>-fleet-onboard}, in the first pipeline's stack), which the
     * onboarding trigger starts for each new silo tenant (README "Onboarding latency").
     */
    public static String onboardProjectName(String fleet) {
        return pipelineName(fleet) + "-onboard";
    }

    /**
     * The onboard project's role ({@code <fleet>-fleet-onboard}): fixed, so that the control plane accepts its calls
     * of the internal route ({@code INTERNAL_CALLER_ROLES}).
     */
    public static String onboardRoleName(String fleet) {
        return pipelineName(fleet) + "-onboard";
    }

    /**
     * The role of a pipeline's ValidateCanary step ({@code <pipelineName>-validate-canary}): fixed, so that the canary
     * stacks' probe roles trust exactly these roles.
     */
    public static String canaryValidationRoleName(String pipelineName) {
        return pipelineName + "-validate-canary";
    }

    /**
     * The probe role of a canary tenant stack ({@code <stackName>-pr-<region>}), which the ValidateCanary step assumes
     * to sign the canary's probe user in: fixed, so that the step's policy names exactly these roles. At most 64
     * characters, as {@link #controlPlaneAccessRoleName}.
     */
    /**
     * The canary probe tenant of a pooled tier, made by the control plane when the pipeline's ActivateCanaries step
     * asks for it (functions.tenants.ProbeTenants; the catalog refuses the prefix for silo tenants).
     */
    public static String probeTenantId(contract.Tier tier) {
        return "canary-probe-" + tier.name().toLowerCase(java.util.Locale.ROOT);
    }

    public static String canaryProbeRoleName(String stackName, String region) {
        return stackName + "-pr-" + region;
    }

    /** The ARN of a role named {@code roleName} in {@code env}, in the partition of the env's region. */
    public static String roleArn(AwsEnv env, String roleName) {
        return Arn.format(ArnComponents.builder().partition(partition(env.region())).service("iam").region("")
                .account(env.account()).resource("role").resourceName(roleName).build());
    }

    /**
     * {@code arn:<partition>:<service>:<region>:<account>:<resource>[/<resourceName>]} of a resource in {@code env},
     * which may be another account and region than the stack's: {@code partition} is explicit, either
     * {@link #partition} of the env's region or the stack's own ({@code Aws.PARTITION}).
     *
     * @param resourceName the part after {@code resource/}; null for an ARN that ends in {@code resource}
     */
    public static String arn(String partition, String service, AwsEnv env, String resource, String resourceName) {
        return Arn.format(ArnComponents.builder().partition(partition).service(service).region(env.region())
                .account(env.account()).resource(resource).resourceName(resourceName).build());
    }

    /** The AWS partition of a region: explicit, because a cross-account ARN cannot use this stack's token. */
    public static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
