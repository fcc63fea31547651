package functions.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import contract.Tier;
import org.junit.jupiter.api.Test;

/** The naming contract with the CDK side: a change here breaks every deployed stack's role. */
class StackAccessTest {

    @Test
    void theControlPlaneRoleOfAStackIsNamedAfterTheStackAndRegion() {
        assertEquals("saas-pooled-basic-cp-us-east-1", StackAccess.roleName("saas-pooled-basic", "us-east-1"));
        assertEquals("saas-silo-acme-cp-eu-west-1", StackAccess.roleName("saas-silo-acme", "eu-west-1"));
    }

    @Test
    void theRoleArnIsInTheStacksAccountAndTheRegionsPartition() {
        assertEquals("arn:aws:iam::222222222222:role/saas-pooled-basic-cp-us-east-1",
                StackAccess.roleArn("222222222222", "us-east-1", "saas-pooled-basic"));
        assertEquals("arn:aws:iam::333333333333:role/saas-silo-acme-cp-eu-west-1",
                StackAccess.roleArn("333333333333", "eu-west-1", "saas-silo-acme"));
        assertEquals("arn:aws-cn:iam::444444444444:role/saas-silo-acme-cp-cn-north-1",
                StackAccess.roleArn("444444444444", "cn-north-1", "saas-silo-acme"));
        assertEquals("arn:aws-us-gov:iam::444444444444:role/saas-pooled-premium-cp-us-gov-west-1",
                StackAccess.roleArn("444444444444", "us-gov-west-1", "saas-pooled-premium"));
    }

    @Test
    void stackNamesAreThoseThePipelineGives() {
        assertEquals("saas-pooled-basic", StackAccess.pooledStackName(Tier.BASIC));
        assertEquals("saas-pooled-standard", StackAccess.pooledStackName(Tier.STANDARD));
        assertEquals("saas-silo-acme", StackAccess.siloStackName("acme"));
        assertEquals(StackAccess.siloStackName("acme"), StackMappingRepository.stackName("acme"));
        assertThrows(IllegalArgumentException.class, () -> StackAccess.pooledStackName(Tier.PLATINUM));
        StackLocation silo = StackLocation.silo("acme", new AccountRegion("333333333333", "eu-west-1"));
        assertEquals("arn:aws:iam::333333333333:role/saas-silo-acme-cp-eu-west-1", silo.roleArn());
    }

    @Test
    void theLongestSiloRoleNameFitsIamsSixtyFourCharacters() {
        String longest = StackAccess.roleName(StackAccess.siloStackName("a".repeat(32)), "ap-southeast-2");
        assertEquals(60, longest.length(), longest);
    }
}
