package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contract.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules about the file as a whole: presence, emptiness, JSON syntax and top-level shape. */
class CatalogFileTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsReportedWithItsPath() {
        Path missing = dir.resolve("nope.json");
        var e = assertThrows(CatalogException.class, () -> new JsonFileCatalogSource(missing).load());
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).contains(missing.toString()), e.getMessage());
        assertTrue(e.problems().get(0).contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Invalid tenant catalog file " + missing.toAbsolutePath()),
                e.getMessage());
    }

    @Test
    void directoryInsteadOfFileIsRejected() {
        var e = assertThrows(CatalogException.class, () -> new JsonFileCatalogSource(dir).load());
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void emptyFileIsRejectedWithItsPath() {
        var e = Catalogs.failure(dir, "");
        assertTrue(e.getMessage().contains(dir.resolve("tenants.json") + " is empty"), e.getMessage());
    }

    @Test
    void whitespaceOnlyFileIsRejectedAsEmpty() {
        var e = Catalogs.failure(dir, "  \n\t \n");
        assertTrue(e.getMessage().contains("is empty (only whitespace)"), e.getMessage());
    }

    @Test
    void malformedJsonReportsLineAndColumn() {
        String text = """
                {"pipeline": {"account": "111111111111",
                  "region" "us-east-1"}}
                """;
        var e = Catalogs.failure(dir, text);
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("malformed JSON at line 2, column 12: "), e.getMessage());
    }

    @Test
    void duplicateKeyInsideOneObjectIsMalformed() {
        String text = Catalogs.withOneTenant("""
                "tenantId": "acme", "tenantName": "Acme", "tier": "PLATINUM",
                "account": "333333333333", "region": "eu-west-1", "canary": true, "canary": false""");
        var e = Catalogs.failure(dir, text);
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("malformed JSON at line "), problem);
        assertTrue(problem.contains("canary"), problem);
    }

    @Test
    void trailingContentAfterTheDocumentIsMalformed() {
        var e = Catalogs.failure(dir, Catalogs.valid() + "\n{}");
        assertTrue(e.problems().get(0).startsWith("malformed JSON at line "), e.getMessage());
    }

    @Test
    void byteOrderMarkIsTolerated() throws Exception {
        Path file = dir.resolve("bom.json");
        Files.writeString(file, "\uFEFF" + Catalogs.valid());
        assertEquals(2, new JsonFileCatalogSource(file).load().tenants().size());
    }

    @Test
    void rootMustBeAnObject() {
        var e = Catalogs.failure(dir, "[]");
        assertTrue(e.problems().get(0).startsWith("catalog: must be a JSON object"), e.getMessage());
    }

    @Test
    void unknownTopLevelKeyIsNamed() {
        String text = Catalogs.valid().replaceFirst("\\{", "{\"tennants\": [],");
        var e = Catalogs.failure(dir, text);
        assertEquals(1, e.problems().size(), e.getMessage());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("catalog: unknown top-level key 'tennants'"), problem);
        assertTrue(problem.contains("did you mean 'tenants'"), problem);
    }

    @Test
    void missingSectionsAreEachReported() {
        var e = Catalogs.failure(dir, "{}");
        assertEquals(4, e.problems().size(), e.getMessage());
        for (String section : CatalogValidator.TOP_LEVEL) {
            assertTrue(e.problems().contains("catalog: field '" + section + "' is missing"), e.getMessage());
        }
    }

    @Test
    void emptyPooledTiersIsRejected() {
        var e = Catalogs.failure(dir, Catalogs.withPooledTiers("[]"));
        assertEquals("catalog: field 'pooledTiers' must list at least one pooled tier", e.problems().get(0));
    }

    @Test
    void emptyTenantsIsAValidFleet() {
        FleetCatalog catalog = Catalogs.load(dir, Catalogs.withTenants("[]"));
        assertTrue(catalog.tenants().isEmpty());
        assertEquals(2, catalog.pooledTiers().size());
    }

    @Test
    void sectionOfWrongTypeIsReported() {
        var e = Catalogs.failure(dir, Catalogs.withTenants("{}"));
        assertEquals("catalog: field 'tenants' must be an array, got object", e.problems().get(0));
    }

    @Test
    void validCatalogLoadsInFileOrderAndIsImmutable() {
        FleetCatalog catalog = Catalogs.load(dir, Catalogs.valid());
        assertEquals("acme", catalog.tenants().get(0).tenantId());
        assertEquals("globex", catalog.tenants().get(1).tenantId());
        assertTrue(catalog.tenants().get(0).canary());
        assertEquals(null, catalog.tenants().get(0).wave());
        assertEquals(2, catalog.tenants().get(1).wave());
        assertEquals(Tier.BASIC, catalog.pooledTiers().get(0).tier());
        assertEquals(new AwsEnv("111111111111", "us-east-1"), catalog.baseline());
        assertEquals("example-org/saas-fleet", catalog.pipeline().repository());
        assertThrows(UnsupportedOperationException.class, () -> catalog.tenants().clear());
        assertThrows(UnsupportedOperationException.class, () -> catalog.pooledTiers().clear());
    }
}
