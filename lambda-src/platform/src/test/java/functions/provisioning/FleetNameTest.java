package functions.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contract.Tier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The functions build stack names from FLEET_NAME, which the CDK app sets to the catalog's fleetName. */
class FleetNameTest {

    @Test
    void anUnsetFleetNameIsTheDefaultSaasFleet() {
        assertEquals("saas", StackAccess.fleetName(Map.of()));
        assertEquals("saas", StackAccess.fleetName(Map.of("FLEET_NAME", "")));
    }

    @Test
    void aNamedFleetsStacksAndRolesStartWithItsName() {
        String fleet = StackAccess.fleetName(Map.of("FLEET_NAME", "acme-stg"));
        assertEquals("acme-stg-pooled-basic", StackAccess.pooledStackName(fleet, Tier.BASIC));
        assertEquals("acme-stg-silo-wayne", StackAccess.siloStackName(fleet, "wayne"));
        assertEquals("acme-stg-silo-wayne-cp-eu-west-1",
                StackAccess.roleName(StackAccess.siloStackName(fleet, "wayne"), "eu-west-1"));
    }

    @Test
    void aMalformedFleetNameFailsTheColdStartNamingTheVariable() {
        var e = assertThrows(IllegalStateException.class, () -> StackAccess.fleetName(Map.of("FLEET_NAME", "Acme")));
        assertTrue(e.getMessage().startsWith("FLEET_NAME must match [a-z][a-z0-9-]{2,20}"), e.getMessage());
    }

    @Test
    void thisTestJvmsFunctionsAreTheDefaultFleet() {
        // The test JVM sets no FLEET_NAME: the names StackAccessTest pins are the default fleet's.
        assertEquals("saas-silo-acme", StackAccess.siloStackName("acme"));
    }
}
