package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional top-level {@code settings} (the control plane's placements) and {@code operators} (the first users of
 * the operations pool), which the baseline's custom resources write: validated like every other field, a bad entry
 * stops the catalog naming its record, and no catalog comes out of a failed load.
 */
class BootstrapCatalogTest {

    // Catalogs.valid(): BASIC and STANDARD in 222222222222/us-east-1; silo tenants in 333333333333 eu-west-1, us-west-2.
    private static final String SETTINGS = """
            {"siloPlacement": {"account": "333333333333", "region": "eu-west-1", "wave": 2},
             "tierPlacements": {"BASIC": {"account": "222222222222", "region": "us-east-1"}}}""";

    @TempDir
    Path dir;

    private static String with(String key, String json) {
        return Catalogs.valid().replaceFirst("\\{", "{\"" + key + "\": " + json + ",");
    }

    private static String withOperators(String entries) {
        return with("operators", "[" + entries + "]");
    }

    private CatalogException failure(String catalog) {
        return Catalogs.failure(dir, catalog);
    }

    @Test
    void aCatalogWithoutSettingsOrOperatorsSeedsNothing() {
        var catalog = Catalogs.load(dir, Catalogs.valid());

        assertEquals(Optional.empty(), catalog.settings());
        assertEquals(List.of(), catalog.operators());
    }

    @Test
    void settingsAndOperatorsAreReadWithEmailsLowercased() {
        var catalog = Catalogs.load(dir, with("settings", SETTINGS).replaceFirst("\\{", "{\"operators\": ["
                + "{\"email\": \"Ops@Example.com\", \"role\": \"SystemAdmin\"},"
                + "{\"email\": \"help@example.com\", \"role\": \"CustomerSupport\"}],"));

        assertEquals(new FleetSettings(new AwsEnv("333333333333", "eu-west-1"), Optional.of(2),
                Map.of(Tier.BASIC, new AwsEnv("222222222222", "us-east-1"))), catalog.settings().orElseThrow());
        assertEquals(List.of(new OperatorEntry("ops@example.com", "SystemAdmin"),
                new OperatorEntry("help@example.com", "CustomerSupport")), catalog.operators());
    }

    @Test
    void theShippedCatalogSeedsASiloPlacementAndOneSystemAdmin() {
        var catalog = new JsonFileCatalogSource(Path.of("tenants.json")).load();

        var silo = catalog.settings().orElseThrow().siloPlacement();
        assertTrue(catalog.tenants().stream().anyMatch(t -> t.env().equals(silo)), "an environment it already uses");
        assertEquals(List.of(new OperatorEntry("ops@example.com", "SystemAdmin")), catalog.operators());
    }

    @Test
    void aBadOperatorStopsTheCatalogNamingTheRecordAndField() {
        var e = failure(withOperators("""
                {"email": "ops@example.com", "role": "SystemAdmin"},
                {"email": "help@example.com", "role": "TenantAdmin"},
                {"email": "not-an-email", "role": "CustomerSupport"},
                {"email": "OPS@example.com", "role": "CustomerSupport"},
                {"email": "x@example.com", "role": "SystemAdmin", "mfa": true}"""));

        assertEquals(List.of(
                "operators[1]: field 'role' must be one of SystemAdmin, CustomerSupport, got 'TenantAdmin'",
                "operators[2]: field 'email' must be an email address like no-reply@example.com, got 'not-an-email'",
                "operators[3]: field 'email' 'OPS@example.com' is already listed by operators[0]",
                "operators[4]: unknown field 'mfa'; allowed: email, role"), e.problems());
    }

    @Test
    void aRoleTypoGetsAHint() {
        var e = failure(withOperators("{\"email\": \"ops@example.com\", \"role\": \"SystemAdmn\"}"));

        assertEquals(List.of("operators[0]: field 'role' must be one of SystemAdmin, CustomerSupport, got"
                + " 'SystemAdmn' (did you mean 'SystemAdmin'?)"), e.problems());
    }

    @Test
    void operatorsMustBeAnArray() {
        var e = failure(with("operators", "{\"email\": \"ops@example.com\"}"));

        assertEquals(List.of("catalog: field 'operators' must be an array, got object"), e.problems());
    }

    @Test
    void aBadPlacementStopsTheCatalogNamingTheRecord() {
        var e = failure(with("settings", """
                {"siloPlacement": {"account": "33333333333", "region": "eu-west-9", "wave": 0, "tier": "X"},
                 "tierPlacements": {"PREMIUM": {"account": "222222222222", "region": "us-east-1"},
                                    "STANDARD": {"account": "222222222222", "region": "eu-west-1"}},
                 "silo": {}}"""));

        var problems = e.problems();
        assertEquals(7, problems.size(), e.getMessage());
        assertEquals("settings: unknown field 'silo'; allowed: siloPlacement, tierPlacements", problems.get(0));
        assertEquals("settings.siloPlacement: unknown field 'tier'; allowed: account, region, wave", problems.get(1));
        assertTrue(problems.get(2).startsWith("settings.siloPlacement: field 'account' must be exactly 12 digits"),
                problems.get(2));
        assertTrue(problems.get(3).startsWith("settings.siloPlacement: field 'region' has unknown AWS region"),
                problems.get(3));
        assertEquals("settings.siloPlacement: field 'wave' must be an integer >= 1, got 0", problems.get(4));
        assertEquals("settings.tierPlacements: unknown tier 'PREMIUM'; allowed: BASIC, STANDARD", problems.get(5));
        assertEquals("settings.tierPlacements.STANDARD: 222222222222/eu-west-1 is not one of STANDARD's pooledTiers"
                + " environments: 222222222222/us-east-1", problems.get(6));
    }

    @Test
    void theSiloPlacementMustBeAnEnvironmentTheCatalogDeploysTo() {
        var e = failure(with("settings", "{\"siloPlacement\": {\"account\": \"555555555555\", \"region\": \"eu-west-1\"}}"));

        assertEquals(List.of("settings.siloPlacement: 555555555555/eu-west-1 is not an environment the catalog deploys"
                + " to (a pooled tier's or a silo tenant's, so CDK-bootstrapped and trusted by the pipeline); one of:"
                + " 222222222222/us-east-1, 333333333333/eu-west-1, 333333333333/us-west-2"), e.problems());
    }

    @Test
    void aTierInSeveralEnvironmentsNeedsAPlacement() {
        String pooled = """
                [{"tier": "BASIC", "account": "222222222222", "region": "us-east-1"},
                 {"tier": "BASIC", "account": "222222222222", "region": "eu-west-1"}]""";
        String catalog = Catalogs.withPooledTiers(pooled).replaceFirst("\\{", "{\"settings\": {\"siloPlacement\":"
                + " {\"account\": \"222222222222\", \"region\": \"us-east-1\"}},");

        var e = failure(catalog);

        assertEquals(List.of("settings.tierPlacements: tier BASIC has 2 environments in pooledTiers, so it needs a"
                + " placement naming the one that takes new tenants"), e.problems());
    }
}
