package functions.provisioning;

import functions.shared.AwsSessions;
import java.util.Locale;

/**
 * The naming contract between the control plane and the fleet stacks, in one place (the CDK side builds the same
 * names): stack names, and the role every pooled tier and silo stack gives the control plane to assume,
 * {@code <stackName>-cp-<region>} in the stack's account.
 */
public final class StackAccess {

    private StackAccess() {
    }

    /** {@code saas-pooled-<tier lowercase>}: stages.StackNames.pooledTierStackName. */
    public static String pooledStackName(Tier tier) {
        if (!tier.pooled()) {
            throw new IllegalArgumentException(tier + " is not a pooled tier");
        }
        return "saas-pooled-" + tier.name().toLowerCase(Locale.ROOT);
    }

    /** {@code saas-silo-<tenantId>}: stages.StackNames.siloTenantStackName. */
    public static String siloStackName(String tenantId) {
        return "saas-silo-" + tenantId;
    }

    /** The region is in the name because a tier's stack of one name may exist in several regions of an account. */
    public static String roleName(String stackName, String region) {
        return stackName + "-cp-" + region;
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
