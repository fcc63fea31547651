package functions.offboard;

import contract.CdkBootstrap;
import functions.shared.AwsSessions;

/**
 * The CDK bootstrap deploy role of a fleet environment, which the offboarder assumes: it may describe and delete
 * stacks there (AWSCloudFormationReadOnlyAccess and cloudformation:DeleteStack), and CloudFormation deletes each
 * stack with the stack's own service role.
 */
final class DeployRole {

    private final String partition;
    private final String qualifier;

    /** {@code functionRegion} decides the partition: the function can only assume roles in its own. */
    DeployRole(String functionRegion, String qualifier) {
        this.partition = AwsSessions.partitionOf(functionRegion);
        this.qualifier = qualifier;
    }

    /** {@code arn:<partition>:iam::<account>:role/cdk-<qualifier>-deploy-role-<account>-<region>}. */
    String arn(Env env) {
        return "arn:" + partition + ":iam::" + env.account() + ":role/"
                + CdkBootstrap.roleName(qualifier, CdkBootstrap.Role.DEPLOY, env.account(), env.region());
    }
}
