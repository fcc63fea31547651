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
    void aFleetNameThatIsNotAStringIsRejectedNamingTheField() {
        var e = Catalogs.failure(dir, withFleetName("42"));
        assertEquals(java.util.List.of("catalog: field 'fleetName' must be a string, got number"), e.problems());
    }

    @Test
    void theLongestFleetNameIsAccepted() {
        assertEquals("a" + "0".repeat(20), Catalogs.load(dir, withFleetName("\"a" + "0".repeat(20) + "\"")).fleetName());
    }
}
