package stages;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import software.amazon.awscdk.AspectOptions;
import software.amazon.awscdk.AspectPriority;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.iam.CfnManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.IConstruct;

/**
 * The compliance rule packs every fleet stack is checked against. Aspects do not cross Stage boundaries, so
 * this is applied to the App and again to every Stage that holds fleet stacks.
 */
public final class FleetChecks {

    /** Where cdk-nag keeps a resource's suppressions ({@code NagSuppressions} writes it). */
    private static final String NAG_METADATA = "cdk_nag";

    /** Which stacks of a fleet app carry the rule packs. */
    enum Coverage {
        /** The pipeline stacks and every stack in every stage: what the app always synthesizes. */
        EVERY_STACK,
        /**
         * The pipeline stacks and CodePipeline's support stacks only, not the stacks in the stages. For tests of a
         * large fleet, whose stage stacks repeat the shapes that FleetComplianceTest checks one by one on the
         * shipped fleet; package-private, so the app itself cannot leave a stack unchecked.
         */
        PIPELINE_STACKS
    }

    private FleetChecks() {
    }

    /**
     * A role whose statements do not fit its inline policy gets managed policies CDK creates at synth
     * ({@code <Role>/OverflowPolicyN}), after the role's owner added its reasoned suppressions to the role and its
     * children; the same grants moved there carry the same reasons. Runs before the rule packs (mutating priority).
     */
    private static void carryRoleSuppressionsToOverflowPolicies(IConstruct node) {
        if (!(node instanceof CfnManagedPolicy policy) || policy.getNode().getScope() == null) {
            return;
        }
        var overflow = policy.getNode().getScope();
        var role = overflow.getNode().getScope();
        if (!overflow.getNode().getId().startsWith("OverflowPolicy") || !(role instanceof Role)
                || !(role.getNode().getDefaultChild() instanceof CfnResource cfnRole)) {
            return;
        }
        var suppressions = cfnRole.getMetadata(NAG_METADATA);
        if (suppressions != null && policy.getMetadata(NAG_METADATA) == null) {
            policy.addMetadata(NAG_METADATA, suppressions);
        }
    }

    public static void applyTo(IConstruct scope) {
        Aspects.of(scope).add(FleetChecks::carryRoleSuppressionsToOverflowPolicies,
                AspectOptions.builder().priority(AspectPriority.MUTATING).build());
        var props = NagPackProps.builder().verbose(true).build();
        Aspects.of(scope).add(new AwsSolutionsChecks(props));
        Aspects.of(scope).add(new ServerlessChecks(props));
    }
}
