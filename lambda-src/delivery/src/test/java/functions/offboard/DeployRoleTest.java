package functions.offboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The assumed role is CDK's bootstrap deploy role of the target environment, in the function's partition. */
class DeployRoleTest {

    @ParameterizedTest(name = "function in {0}")
    @CsvSource({
            "us-east-1, arn:aws:iam::333333333333:role/cdk-hnb659fds-deploy-role-333333333333-eu-west-1",
            "eu-central-1, arn:aws:iam::333333333333:role/cdk-hnb659fds-deploy-role-333333333333-eu-west-1",
            "cn-north-1, arn:aws-cn:iam::333333333333:role/cdk-hnb659fds-deploy-role-333333333333-eu-west-1",
            "us-gov-west-1, arn:aws-us-gov:iam::333333333333:role/cdk-hnb659fds-deploy-role-333333333333-eu-west-1",
    })
    void roleArnUsesThePartitionOfTheFunctionsRegion(String functionRegion, String expected) {
        assertEquals(expected, new DeployRole(functionRegion, "hnb659fds").arn(new Env("333333333333", "eu-west-1")));
    }

    @ParameterizedTest(name = "qualifier {0}")
    @CsvSource({"hnb659fds", "fleet2"})
    void roleArnCarriesTheBootstrapQualifier(String qualifier) {
        assertEquals("arn:aws:iam::444444444444:role/cdk-" + qualifier + "-deploy-role-444444444444-us-west-2",
                new DeployRole("us-east-1", qualifier).arn(new Env("444444444444", "us-west-2")));
    }
}
