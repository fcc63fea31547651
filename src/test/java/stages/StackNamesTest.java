package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Stack names and logical ids are the contract with what is deployed: a rename would create a second stack
 * or replace a retained table. These pins fail on any accidental rename.
 */
class StackNamesTest {

    private final SynthesizedFleet fleet = SynthesizedFleet.shipped();

    @Test
    void stackIdsAndNamesDeriveFromTierTenantAndEnvOnly() {
        assertEquals("Baseline", fleet.stacks.baseline().getNode().getId());
        var basic = fleet.stacks.pooledTiers().get(0);
        assertEquals("PooledTier-basic-222222222222-us-east-1", basic.getNode().getId());
        assertEquals("saas-pooled-basic", basic.getStackName());
        var acme = fleet.stacks.siloTenants().get(0);
        assertEquals("SiloTenant-acme", acme.getNode().getId());
        assertEquals("saas-silo-acme", acme.getStackName());
    }

    @Test
    void controlPlaneRoleNamesAreTheContractWithLambdaSrc() {
        // functions.provisioning.StackAccess (lambda-src) pins the same strings.
        assertEquals("saas-pooled-basic-cp-us-east-1",
                StackNames.controlPlaneAccessRoleName("saas-pooled-basic", "us-east-1"));
        assertEquals("saas-silo-acme-cp-eu-west-1", StackNames.controlPlaneAccessRoleName("saas-silo-acme", "eu-west-1"));
        assertEquals("saas-baseline-TenantAdmin-us-east-1",
                StackNames.controlPlaneFunctionRoleName("TenantAdmin", "us-east-1"));
        assertEquals("arn:aws-cn:iam::111111111111:role/r",
                StackNames.roleArn(new app.AwsEnv("111111111111", "cn-north-1"), "r"));
        assertEquals("arn:aws-us-gov:iam::111111111111:role/r",
                StackNames.roleArn(new app.AwsEnv("111111111111", "us-gov-west-1"), "r"));
        // The longest: a UUID tenant id in a 14-character region stays within IAM's 64 characters.
        assertEquals(64, StackNames.controlPlaneAccessRoleName(
                "saas-silo-" + "0".repeat(8) + "-0000-0000-0000-" + "0".repeat(12), "ap-southeast-2").length());
    }

    @Test
    void tenantDataLogicalIdsAreStable() {
        var acme = fleet.stacks.siloTenants().get(0);
        assertEquals("ServicesProductTable823FCECD",
                TenantServicesTest.logicalId(acme, acme.services().productTable().table()));
        assertEquals("ServicesOrderTableC9D560F2",
                TenantServicesTest.logicalId(acme, acme.services().orderTable().table()));
        var baseline = fleet.stacks.baseline();
        assertEquals("TenantDetailsTable651542D7", TenantServicesTest.logicalId(baseline,
                baseline.tenantDetails().table()));
    }
}
