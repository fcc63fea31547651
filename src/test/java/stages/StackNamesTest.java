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
