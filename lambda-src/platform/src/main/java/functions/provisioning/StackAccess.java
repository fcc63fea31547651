package functions.provisioning;

import contract.Tier;
import functions.shared.AwsSessions;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The naming contract between the control plane and the fleet stacks, in one place (the CDK side builds the same
 * names): stack names, and the role every pooled tier and silo stack gives the control plane to assume,
 * {@code <stackName>-cp-<region>} in the stack's account.
 */
public final class StackAccess {

    /**
     * The variable the CDK app sets on the functions to the catalog's {@code fleetName} (stages'
     * constructs.StackOffboarder.FLEET_NAME): every stack name starts with it.
     */
    public static final String FLEET_NAME_VARIABLE = contract.Env.FLEET_NAME.variable();
    /** The fleet of a catalog without {@code fleetName} (app.FleetCatalog.DEFAULT_FLEET_NAME). */
    public static final String DEFAULT_FLEET_NAME = "saas";
    // The catalog's rule for fleetName (app.AwsRules.fleetNameIssue).
    private static final Pattern FLEET_NAME_RULE = Pattern.compile("[a-z][a-z0-9-]{2,20}");

    /** This function's fleet, read once from {@value #FLEET_NAME_VARIABLE}; a bad value fails the cold start. */
    static final String FLEET = fleetName(System.getenv());

    private StackAccess() {
    }

    /** {@value #FLEET_NAME_VARIABLE}, or {@value #DEFAULT_FLEET_NAME} when unset; IllegalStateException if malformed. */
    public static String fleetName(Map<String, String> env) {
        String value = env.get(FLEET_NAME_VARIABLE);
        if (value == null || value.isEmpty()) {
            return DEFAULT_FLEET_NAME;
        }
        if (!FLEET_NAME_RULE.matcher(value).matches()) {
            throw new IllegalStateException(FLEET_NAME_VARIABLE + " must match " + FLEET_NAME_RULE.pattern()
                    + " (the catalog's fleetName), got '" + value + "'");
        }
        return value;
    }

    /** {@code <fleet>-pooled-<tier lowercase>} of this function's fleet: stages.StackNames.pooledTierStackName. */
    public static String pooledStackName(Tier tier) {
        return pooledStackName(FLEET, tier);
    }

    public static String pooledStackName(String fleet, Tier tier) {
        if (!tier.pooled()) {
            throw new IllegalArgumentException(tier + " is not a pooled tier");
        }
        return contract.Names.pooledStack(fleet, tier);
    }

    /** {@code <fleet>-silo-<tenantId>} of this function's fleet: stages.StackNames.siloTenantStackName. */
    public static String siloStackName(String tenantId) {
        return siloStackName(FLEET, tenantId);
    }

    public static String siloStackName(String fleet, String tenantId) {
        return contract.Names.siloStack(fleet, tenantId);
    }

    /** The region is in the name because a tier's stack of one name may exist in several regions of an account. */
    public static String roleName(String stackName, String region) {
        return contract.Names.controlPlaneAccessRole(stackName, region);
    }

    /**
     * The tag every tenant API key carries from its creation, valued with its stack's name: the stack's
     * control-plane role may read, update and delete only keys with its own stack's tag, and create keys only with
     * it (stages' constructs.ControlPlaneAccess.API_KEY_STACK_TAG, pinned on both sides).
     */
    public static final String API_KEY_STACK_TAG = "saas-fleet:stack";

    public static String roleArn(String account, String region, String stackName) {
        return "arn:" + AwsSessions.partitionOf(region) + ":iam::" + account + ":role/" + roleName(stackName, region);
    }
}
