package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.AwsEnv;
import constructs.BootstrapRoles;
import contract.CdkBootstrap;
import org.junit.jupiter.api.Test;

/**
 * ARNs of resources in other accounts and regions, built with {@code Arn.format} from an explicit partition: plain
 * strings when every part is known (no stack, no synthesis).
 */
class ArnsTest {

    @Test
    void bootstrapRoleArnCarriesTheTargetRegionsPartitionAndCdksRoleName() {
        assertEquals("arn:aws-cn:iam::333333333333:role/cdk-hnb659fds-lookup-role-333333333333-cn-north-1",
                BootstrapRoles.FLEET.arn(StackNames.partition("cn-north-1"), CdkBootstrap.Role.LOOKUP,
                        "333333333333", "cn-north-1"));
        assertEquals("arn:aws-us-gov:iam::444444444444:role/cdk-fleet2-file-publishing-role-444444444444-us-gov-west-1",
                new BootstrapRoles("fleet2").arn(StackNames.partition("us-gov-west-1"),
                        CdkBootstrap.Role.FILE_PUBLISHING, "444444444444", "us-gov-west-1"));
    }

    @Test
    void bootstrapRolePatternNamesTheAccountInEveryRegion() {
        assertEquals("arn:aws:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-*",
                BootstrapRoles.FLEET.arnInAnyRegion("aws", CdkBootstrap.Role.DEPLOY, "111111111111"));
    }

    @Test
    void resourceArnsInAnEnvKeepTheirResourceShape() {
        var env = new AwsEnv("111111111111", "eu-west-1");
        assertEquals("arn:aws:codepipeline:eu-west-1:111111111111:saas-fleet",
                StackNames.arn("aws", "codepipeline", env, "saas-fleet", null));
        assertEquals("arn:aws:cloudformation:eu-west-1:111111111111:stack/saas-baseline/*",
                StackNames.arn("aws", "cloudformation", env, "stack", "saas-baseline/*"));
        assertEquals("arn:aws:execute-api:eu-west-1:111111111111:*/prod/POST/internal/tenants/*/activate",
                StackNames.arn("aws", "execute-api", env, "*", "prod/POST/internal/tenants/*/activate"));
        assertEquals("arn:aws-cn:iam::111111111111:role/r", StackNames.roleArn(new AwsEnv("111111111111",
                "cn-northwest-1"), "r"));
    }
}
