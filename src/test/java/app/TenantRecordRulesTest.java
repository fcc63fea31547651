package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contract.Tier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules on {@code tenants[i]}: every problem line names the index, the tenant id and the field. */
class TenantRecordRulesTest {

    private static final String OK_REST = """
            "tenantName": "Acme Corp", "tier": "PLATINUM", "account": "333333333333", "region": "eu-west-1\"""";

    @TempDir
    Path dir;

    /** The single problem of a one-tenant catalog whose tenant is {@code members}. */
    private String onlyProblem(String members) {
        var e = Catalogs.failure(dir, Catalogs.withOneTenant(members));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().endsWith(e.problems().get(0)), e.getMessage());
        return e.problems().get(0);
    }

    private static void assertNames(String problem, String... parts) {
        for (String part : parts) {
            assertTrue(problem.contains(part), () -> "expected '" + part + "' in: " + problem);
        }
    }

    @Test
    void duplicateTenantIdNamesBothRecords() {
        String tenants = """
                [{"tenantId": "acme", %1$s},
                 {"tenantId": "globex", %1$s},
                 {"tenantId": "acme", %1$s}]""".formatted(OK_REST);
        var e = Catalogs.failure(dir, Catalogs.withTenants(tenants));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertNames(e.problems().get(0), "tenants[2] (tenantId 'acme')", "field 'tenantId'", "tenants[0]");
    }

    @Test
    void tenantIdNotMatchingPatternIsRejected() {
        String problem = onlyProblem("\"tenantId\": \"Acme_Corp\", " + OK_REST);
        assertNames(problem, "tenants[0] (tenantId 'Acme_Corp')", "field 'tenantId'", "[a-z0-9][a-z0-9-]{2,31}");
    }

    @Test
    void tenantIdTooShortOrLeadingDashIsRejected() {
        assertNames(onlyProblem("\"tenantId\": \"ab\", " + OK_REST), "field 'tenantId' must match");
        assertNames(onlyProblem("\"tenantId\": \"-abc\", " + OK_REST), "field 'tenantId' must match");
        assertNames(onlyProblem("\"tenantId\": \"" + "a".repeat(33) + "\", " + OK_REST), "field 'tenantId' must match");
    }

    @Test
    void tenantNameLongerThan100CharactersIsRejected() {
        String members = """
                "tenantId": "acme", "tenantName": "%s", "tier": "PLATINUM", "account": "333333333333",
                "region": "eu-west-1\"""".formatted("x".repeat(101));
        assertNames(onlyProblem(members), "tenants[0] (tenantId 'acme')", "field 'tenantName'", "at most 100");
    }

    @Test
    void tenantNameWithControlCharacterIsRejected() {
        String members = """
                "tenantId": "acme", "tenantName": "Acme\\u0007Corp", "tier": "PLATINUM", "account": "333333333333",
                "region": "eu-west-1\"""";
        assertNames(onlyProblem(members), "tenants[0] (tenantId 'acme')", "field 'tenantName'",
                "control characters", "Acme\\u0007Corp");
    }

    @Test
    void accountThatIsNotTwelveDigitsIsRejected() {
        String members = """
                "tenantId": "acme", "tenantName": "Acme", "tier": "PLATINUM", "account": "33333333333",
                "region": "eu-west-1\"""";
        assertNames(onlyProblem(members), "tenants[0] (tenantId 'acme')", "field 'account'", "exactly 12 digits",
                "'33333333333'");
    }

    @Test
    void unknownRegionIsRejectedWithSuggestion() {
        String members = """
                "tenantId": "acme", "tenantName": "Acme", "tier": "PLATINUM", "account": "333333333333",
                "region": "eu-west-9\"""";
        assertNames(onlyProblem(members), "tenants[0] (tenantId 'acme')", "field 'region'",
                "unknown AWS region 'eu-west-9'", "did you mean");
    }

    @Test
    void unknownTierIsRejected() {
        String members = """
                "tenantId": "acme", "tenantName": "Acme", "tier": "GOLD", "account": "333333333333",
                "region": "eu-west-1\"""";
        assertNames(onlyProblem(members), "tenants[0] (tenantId 'acme')", "field 'tier'", "unknown tier 'GOLD'",
                "BASIC, STANDARD, PREMIUM, PLATINUM");
    }

    @Test
    void lowercaseTierNameIsUnknownWithSuggestion() {
        String members = """
                "tenantId": "acme", "tenantName": "Acme", "tier": "platinum", "account": "333333333333",
                "region": "eu-west-1\"""";
        assertNames(onlyProblem(members), "tenants[0] (tenantId 'acme')", "field 'tier'",
                "unknown tier 'platinum' (did you mean 'PLATINUM'?)");
    }

    @Test
    void pooledTierInTenantsIsRejectedBecausePooledTenantsNeedNoStack() {
        String members = """
                "tenantId": "acme", "tenantName": "Acme", "tier": "STANDARD", "account": "333333333333",
                "region": "eu-west-1\"""";
        assertNames(onlyProblem(members), "tenants[0] (tenantId 'acme')", "field 'tier'", "STANDARD",
                "pooled tenants are onboarded at run time and need no stack");
    }

    @Test
    void missingRequiredFieldIsNamed() {
        String members = """
                "tenantId": "acme", "tenantName": "Acme", "tier": "PLATINUM", "region": "eu-west-1\"""";
        assertEquals("tenants[0] (tenantId 'acme'): field 'account' is missing", onlyProblem(members));
    }

    @Test
    void missingTenantIdLeavesOnlyTheIndexInTheLabel() {
        String problem = onlyProblem(OK_REST);
        assertEquals("tenants[0]: field 'tenantId' is missing", problem);
    }

    @Test
    void accountAsNumberIsAWrongType() {
        String members = """
                "tenantId": "acme", "tenantName": "Acme", "tier": "PLATINUM", "account": 333333333333,
                "region": "eu-west-1\"""";
        assertEquals("tenants[0] (tenantId 'acme'): field 'account' must be a string, got number",
                onlyProblem(members));
    }

    @Test
    void canaryAsStringIsAWrongType() {
        String problem = onlyProblem("\"tenantId\": \"acme\", " + OK_REST + ", \"canary\": \"true\"");
        assertEquals("tenants[0] (tenantId 'acme'): field 'canary' must be a boolean (true or false), got string",
                problem);
    }

    @Test
    void emptyStringIsRejected() {
        String members = """
                "tenantId": "acme", "tenantName": " ", "tier": "PLATINUM", "account": "333333333333",
                "region": "eu-west-1\"""";
        assertEquals("tenants[0] (tenantId 'acme'): field 'tenantName' must not be empty", onlyProblem(members));
    }

    @Test
    void unknownRecordKeyIsNamedWithSuggestion() {
        String problem = onlyProblem("\"tenantId\": \"acme\", " + OK_REST + ", \"cannary\": true");
        assertNames(problem, "tenants[0] (tenantId 'acme')", "unknown field 'cannary'", "did you mean 'canary'");
    }

    @Test
    void waveBelowOneIsRejected() {
        String problem = onlyProblem("\"tenantId\": \"acme\", " + OK_REST + ", \"wave\": 0");
        assertEquals("tenants[0] (tenantId 'acme'): field 'wave' must be an integer >= 1, got 0", problem);
    }

    @Test
    void waveThatIsNotAnIntegerIsRejected() {
        assertNames(onlyProblem("\"tenantId\": \"acme\", " + OK_REST + ", \"wave\": 1.5"),
                "tenants[0] (tenantId 'acme')", "field 'wave' must be an integer >= 1, got number");
        assertNames(onlyProblem("\"tenantId\": \"acme\", " + OK_REST + ", \"wave\": \"2\""),
                "field 'wave' must be an integer >= 1, got string");
        assertNames(onlyProblem("\"tenantId\": \"acme\", " + OK_REST + ", \"wave\": 99999999999"),
                "field 'wave' must be an integer >= 1, got 99999999999");
    }

    @Test
    void monthlyBudgetThatIsNotAPositiveNumberStopsTheSynthNamingTheTenant() {
        assertEquals("tenants[0] (tenantId 'acme'): field 'monthlyBudgetUsd' must be a number > 0 (US dollars a month),"
                + " got -5", onlyProblem("\"tenantId\": \"acme\", " + OK_REST + ", \"monthlyBudgetUsd\": -5"));
        assertEquals("tenants[0] (tenantId 'acme'): field 'monthlyBudgetUsd' must be a number > 0 (US dollars a month),"
                + " got 0", onlyProblem("\"tenantId\": \"acme\", " + OK_REST + ", \"monthlyBudgetUsd\": 0"));
        assertEquals("tenants[0] (tenantId 'acme'): field 'monthlyBudgetUsd' must be a number > 0 (US dollars a month),"
                + " got string", onlyProblem("\"tenantId\": \"acme\", " + OK_REST + ", \"monthlyBudgetUsd\": \"500\""));
    }

    @Test
    void monthlyBudgetIsReadInUsDollarsWhateverItsScale() {
        SiloTenant tenant = Catalogs.load(dir, Catalogs.withOneTenant("\"tenantId\": \"acme\", " + OK_REST
                + ", \"monthlyBudgetUsd\": 250.50")).tenants().get(0);
        assertEquals(new SiloTenant("acme", "Acme Corp", Tier.PLATINUM, new AwsEnv("333333333333", "eu-west-1"),
                false, null, new java.math.BigDecimal("250.5")), tenant);
    }

    @Test
    void tenantRecordThatIsNotAnObjectIsRejected() {
        var e = Catalogs.failure(dir, Catalogs.withTenants("[\"acme\"]"));
        assertEquals("tenants[0]: must be an object, got string", e.problems().get(0));
    }

    @Test
    void optionalFieldsDefaultToNoCanaryAndNoWave() {
        SiloTenant tenant = Catalogs.load(dir, Catalogs.withOneTenant("\"tenantId\": \"acme\", " + OK_REST))
                .tenants().get(0);
        assertEquals(new SiloTenant("acme", "Acme Corp", Tier.PLATINUM, new AwsEnv("333333333333", "eu-west-1"),
                false, null), tenant);
    }
}
