package functions.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.TenantId;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizerConfigTest {

    private static final String POOLED = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123";
    private static final String OPS = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ops456";

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", "us-east-1", "API_KIND", "tenant",
                "TRUSTED_POOLS", POOLED + "|3n4b5urk1ft4fl3mg5e62d9ado", "TENANT_API_KEYS_TABLE", "TenantApiKeys"));
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                env.remove(keyValues[i]);
            } else {
                env.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return env;
    }

    private static String failure(Map<String, String> env) {
        return assertThrows(IllegalStateException.class, () -> AuthorizerConfig.fromEnvironment(env)).getMessage();
    }

    @Test
    void pooledTenantApiReadsPoolsKindAndKeyTable() {
        AuthorizerConfig config = AuthorizerConfig.fromEnvironment(env());

        assertEquals(ApiKind.TENANT, config.apiKind());
        assertEquals(Optional.of("TenantApiKeys"), config.apiKeysTable());
        assertEquals(Optional.empty(), config.siloTenant());
        TrustedPool pool = config.pools().get(POOLED);
        assertEquals(Set.of("3n4b5urk1ft4fl3mg5e62d9ado"), pool.clientIds());
        assertEquals(PoolScope.POOLED, pool.scope());
        assertEquals(POOLED + "/.well-known/jwks.json", pool.jwksUri().toString());
    }

    @Test
    void keysComeFromTheIssuerUnlessALoopbackEmulatorIsNamed() {
        TrustedPool pool = AuthorizerConfig.fromEnvironment(env()).pools().get(POOLED);
        assertEquals(URI.create(POOLED + "/.well-known/jwks.json"),
                JwksCache.overHttp(Clock.systemUTC()).location(pool));

        AuthorizerConfig local = AuthorizerConfig.fromEnvironment(env("LOCAL_JWKS_ENDPOINT", "http://127.0.0.1:5123"));
        assertEquals(URI.create("http://127.0.0.1:5123/us-east-1_AbCdEf123/.well-known/jwks.json"),
                JwksCache.overHttp(Clock.systemUTC(), local.localJwks()).location(pool));
    }

    @Test
    void localJwksEndpointMustBePlainHttpOnLoopback() {
        for (String bad : List.of("https://127.0.0.1:5123", "http://10.0.0.7:5123", "http://evil.example:80",
                "http://127.0.0.1", "http://127.0.0.1:5123/keys", "http://127.0.0.1:5123?x=1", "not a uri")) {
            String message = failure(env("LOCAL_JWKS_ENDPOINT", bad));
            assertTrue(message.startsWith("LOCAL_JWKS_ENDPOINT must be http://127.0.0.1:<port>"), bad + ": " + message);
        }
    }

    @Test
    void tenantApiTrustsSeveralPoolsWithTheirScopesAndClients() {
        AuthorizerConfig config = AuthorizerConfig.fromEnvironment(env(
                "TRUSTED_POOLS", OPS + "|opsclient|operations, " + POOLED + "|webclient|pooled," + POOLED
                        + "|cliclient,https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Acme|acmeclient|tenant:acme"));

        assertEquals(PoolScope.OPERATIONS, config.pools().get(OPS).scope());
        assertEquals(Set.of("webclient", "cliclient"), config.pools().get(POOLED).clientIds());
        assertEquals(PoolScope.silo(new TenantId("acme")),
                config.pools().get("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Acme").scope());
    }

    @Test
    void adminApiTrustsOperationsPoolsAndReadsTenantPoolsFromTenantDetails() {
        AuthorizerConfig config = AuthorizerConfig.fromEnvironment(env("API_KIND", "admin",
                "TENANT_API_KEYS_TABLE", null, "TENANT_DETAILS_TABLE", "saas-baseline-TenantDetails1234",
                "TRUSTED_POOLS", OPS + "|opsclient|operations," + OPS + "|cliclient|operations"));

        assertEquals(ApiKind.ADMIN, config.apiKind());
        assertEquals(Optional.of("saas-baseline-TenantDetails1234"), config.tenantDetails());
        assertEquals(Set.of("opsclient", "cliclient"), config.pools().get(OPS).clientIds());
        assertEquals(PoolScope.OPERATIONS, config.pools().get(OPS).scope());
    }

    @Test
    void adminApiNeedsTenantDetailsAndListsNoTenantPool() {
        Map<String, String> admin = env("API_KIND", "admin", "TENANT_API_KEYS_TABLE", null,
                "TENANT_DETAILS_TABLE", "TenantDetails", "TRUSTED_POOLS", OPS + "|opsclient|operations");
        assertEquals(ApiKind.ADMIN, AuthorizerConfig.fromEnvironment(admin).apiKind());

        admin.remove("TENANT_DETAILS_TABLE");
        assertEquals("environment variable TENANT_DETAILS_TABLE is required when API_KIND is admin", failure(admin));
        admin.put("TENANT_DETAILS_TABLE", "  ");
        assertTrue(failure(admin).contains("TENANT_DETAILS_TABLE"));
        admin.put("TENANT_DETAILS_TABLE", "TenantDetails");
        for (String tenantPool : List.of(POOLED + "|webclient|pooled", POOLED + "|webclient",
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Acme|acmeclient|tenant:acme")) {
            admin.put("TRUSTED_POOLS", OPS + "|opsclient|operations," + tenantPool);
            String failure = failure(admin);
            assertTrue(failure.startsWith("TRUSTED_POOLS: ") && failure.contains("operations"), failure);
        }
    }

    @Test
    void tenantApiMayNameTenantDetailsButDoesNotNeedIt() {
        assertEquals(Optional.empty(), AuthorizerConfig.fromEnvironment(env()).tenantDetails());
        assertEquals(Optional.of("TenantDetails"),
                AuthorizerConfig.fromEnvironment(env("TENANT_DETAILS_TABLE", "TenantDetails")).tenantDetails());
    }

    @Test
    void siloTenantApiNamesItsTenant() {
        assertEquals(Optional.of(new TenantId("acme")),
                AuthorizerConfig.fromEnvironment(env("TENANT_ID", "acme")).siloTenant());
    }

    @Test
    void missingOrBadVariablesAreNamed() {
        assertTrue(failure(env("TRUSTED_POOLS", null)).contains("TRUSTED_POOLS"));
        assertTrue(failure(env("API_KIND", "public")).contains("API_KIND"));
        assertTrue(failure(env("TENANT_API_KEYS_TABLE", null)).contains("TENANT_API_KEYS_TABLE"));
        assertTrue(failure(env("TENANT_ID", "ACME")).contains("TENANT_ID"));
        assertTrue(failure(env("API_KIND", "admin", "TENANT_ID", "acme")).contains("TENANT_ID"));
        assertTrue(failure(env("AWS_REGION", null)).contains("AWS_REGION"));
    }

    @Test
    void trustedPoolsMustBeExactHttpsIssuersWithClientIds() {
        for (String bad : new String[] {
                POOLED, POOLED + "|", POOLED + "|a|b|c", "http://cognito-idp.us-east-1.amazonaws.com/p|c",
                POOLED + "/|c", POOLED + "?x=1|c", "https://cognito-idp.us-east-1.amazonaws.com|c",
                POOLED + "|client id", POOLED + "|c|tenant:ACME", POOLED + "|c|silo", POOLED + "|c|pooled," + POOLED
                + "|d|operations", "not a url|c", POOLED + "|c,"}) {
            assertTrue(failure(env("TRUSTED_POOLS", bad)).startsWith("TRUSTED_POOLS: "), bad);
        }
        assertEquals(Set.of("http://127.0.0.1:8080/us-east-1_Local"), AuthorizerConfig.fromEnvironment(
                env("TRUSTED_POOLS", "http://127.0.0.1:8080/us-east-1_Local|c")).pools().keySet());
    }
}
