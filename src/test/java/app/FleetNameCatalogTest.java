package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional top-level {@code fleetName}: the identity two fleets sharing an account are told apart by. */
class FleetNameCatalogTest {

    @TempDir
    Path dir;

    private static String withFleetName(String json) {
        return Catalogs.valid().replaceFirst("\\{", "{\"fleetName\": " + json + ",");
    }

    @Test
    void aCatalogWithoutFleetNameIsTheSaasFleet() {
        assertEquals("saas", Catalogs.load(dir, Catalogs.valid()).fleetName());
    }

    @Test
    void fleetNameIsReadFromTheTopLevel() {
        assertEquals("acme-stg", Catalogs.load(dir, withFleetName("\"acme-stg\"")).fleetName());
    }

    @Test
    void aFleetNameOutsideTheNamePatternIsRejectedNamingTheField() {
        for (String bad : new String[] {"\"Acme\"", "\"ac\"", "\"1acme\"", "\"acme_stg\"", "\"a23456789012345678901x\"",
                "\"\""}) {
            var e = Catalogs.failure(dir, withFleetName(bad));
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith("catalog: field 'fleetName' must match [a-z][a-z0-9-]{2,20}"),
                    e.getMessage());
        }
    }

    @Test
    void aFleetNameWithAWordOfTheFleetsOwnNamesIsRejected() {
        // acme-silo's pooled role acme-silo-pooled-basic-cp-... would match fleet acme's acme-silo-*-cp-* pattern.
        for (String bad : new String[] {"acme-silo", "silo-acme", "acme-pooled-x", "acme-fleet", "fleet-01"}) {
            var e = Catalogs.failure(dir, withFleetName("\"" + bad + "\""));
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith("catalog: field 'fleetName' must not contain the word"),
                    e.getMessage());
        }
        for (String good : new String[] {"acme-silos", "fleetwood", "pooledco", "asilo"}) {
            assertEquals(good, Catalogs.load(dir, withFleetName("\"" + good + "\"")).fleetName());
        }
    }

    @Test
    void aFleetNameThatIsNotAStringIsRejectedNamingTheField() {
        var e = Catalogs.failure(dir, withFleetName("42"));
        assertEquals(java.util.List.of("catalog: field 'fleetName' must be a string, got number"), e.problems());
    }

    @Test
    void theLongestFleetNameIsAccepted() {
        assertEquals("a" + "0".repeat(20), Catalogs.load(dir, withFleetName("\"a" + "0".repeat(20) + "\"")).fleetName());
    }

    @Test
    void aFleetNameThatMakesASiloTenantsRoleNameTooLongForIamIsRejectedNamingTheTenant() {
        String tenantId = "t" + "0".repeat(31);
        String catalog = Catalogs.withTenants("[{\"tenantId\": \"" + tenantId + "\", \"tenantName\": \"Long\","
                + " \"tier\": \"PLATINUM\", \"account\": \"333333333333\", \"region\": \"ap-southeast-2\"}]");
        // saas-silo-<32>-cp-ap-southeast-2 is 60 characters: the default fleet fits.
        assertEquals(1, Catalogs.load(dir, catalog).tenants().size());

        var e = Catalogs.failure(dir, catalog.replaceFirst("\\{", "{\"fleetName\": \"acme-staging\","));

        assertEquals(java.util.List.of("catalog: field 'fleetName' 'acme-staging' makes tenant '" + tenantId
                + "''s control-plane role acme-staging-silo-" + tenantId + "-cp-ap-southeast-2 68 characters long,"
                + " over IAM's 64: use a shorter fleetName"), e.problems());
    }
}
