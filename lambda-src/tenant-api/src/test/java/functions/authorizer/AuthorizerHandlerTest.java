package functions.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.PlainJWT;
import functions.shared.EmfLines;
import functions.shared.Telemetry;
import functions.shared.RequestMetrics;
import functions.shared.TenantId;
import functions.shared.TestContext;
import contract.UserRole;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The authorizer end to end through its Lambda entry point, on TOKEN events as API Gateway sends them. */
class AuthorizerHandlerTest {

    private static final Instant NOW = TokenVerifierTest.NOW;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TENANT_EVENT = "tenant-api-get-products.json";
    private static final String ADMIN_EVENT = "admin-api-get-tenant-users.json";
    private static final String TENANT_STAGE = "arn:aws:execute-api:us-east-1:222222222222:a1b2c3d4e5/prod/";
    private static final String ADMIN_STAGE = "arn:aws:execute-api:us-east-1:111111111111:f6g7h8i9j0/prod/";

    private static final JwksServer SERVER = new JwksServer();
    private static final TestPool POOLED = new TestPool(SERVER, "us-east-1_Pooled", PoolScope.POOLED);
    private static final TestPool OPERATIONS = new TestPool(SERVER, "us-east-1_Ops", PoolScope.OPERATIONS);
    private static final Map<String, String> API_KEYS = Map.of("globex", "globex-api-key-value", "initech", "ik");
    // The admin API finds tenant pools in TenantDetails (on moto in AdminApiTenantPoolsTest).
    private static final Map<String, TenantRecord> TENANTS = Map.of("globex", new TenantRecord(new TenantId("globex"),
            "ACTIVE", Optional.of(POOLED.poolId), Optional.of(POOLED.clientId)));
    private static final TenantDirectory DIRECTORY = tenant -> Optional.ofNullable(TENANTS.get(tenant.value()));

    private final TestContext context = new TestContext();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    private AuthorizerHandler handler(ApiKind api, Optional<TenantId> silo) {
        if (api == ApiKind.ADMIN) {
            TokenVerifier verifier = new TokenVerifier(Map.of(OPERATIONS.issuer, OPERATIONS.trusted()),
                    JwksCache.overHttp(clock), clock,
                    Optional.of(new TenantPools(DIRECTORY, (region, poolId) -> SERVER.issuer(poolId))));
            return new AuthorizerHandler(new Authorizer(api, silo, verifier, tenant -> {
                throw new AssertionError("the admin API meters nobody");
            }, DIRECTORY));
        }
        TokenVerifier verifier = new TokenVerifier(Map.of(POOLED.issuer, POOLED.trusted(),
                OPERATIONS.issuer, OPERATIONS.trusted()), JwksCache.overHttp(clock), clock);
        return new AuthorizerHandler(new Authorizer(api, silo, verifier,
                tenant -> Optional.ofNullable(API_KEYS.get(tenant.value())), TenantDirectory.NONE));
    }

    static ObjectNode event(String file, String jwt) {
        try (InputStream in = AuthorizerHandlerTest.class.getResourceAsStream("/events/authorizer/" + file)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${jwt}", jwt);
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode event(String file, String jwt, String methodArn) {
        ObjectNode event = event(file, jwt);
        event.put("methodArn", methodArn);
        return event;
    }

    private JsonNode invoke(AuthorizerHandler handler, JsonNode event) {
        return invoke(handler, event, context);
    }

    private static JsonNode invoke(AuthorizerHandler handler, JsonNode event, TestContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(MAPPER.writeValueAsBytes(event)), out, context);
            return MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertUnauthorized(AuthorizerHandler handler, JsonNode event, String reason) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> invoke(handler, event));
        assertEquals("Unauthorized", e.getMessage());
        JsonNode line = lastLogLine();
        assertEquals("unauthorized", line.path("decision").asText());
        assertEquals(reason, line.path("reason").asText());
    }

    private JsonNode lastLogLine() {
        List<JsonNode> lines = context.jsonLines();
        return lines.get(lines.size() - 1);
    }

    private static List<String> resources(JsonNode response) {
        return StreamSupport.stream(response.at("/policyDocument/Statement/0/Resource").spliterator(), false)
                .map(JsonNode::asText).toList();
    }

    private static String effect(JsonNode response) {
        return response.at("/policyDocument/Statement/0/Effect").asText();
    }

    @Test
    void tenantUserGetsEveryTenantRouteItsContextAndItsApiKey() {
        String jwt = POOLED.token(NOW, "TenantUser", "globex", "BASIC").sign();
        JsonNode response = invoke(handler(ApiKind.TENANT, Optional.empty()), event(TENANT_EVENT, jwt));

        assertEquals("2012-10-17", response.at("/policyDocument/Version").asText());
        assertEquals("execute-api:Invoke", response.at("/policyDocument/Statement/0/Action").asText());
        assertEquals("Allow", effect(response));
        assertEquals(RouteTable.grants(ApiKind.TENANT, new Caller("s", UserRole.TENANT_USER,
                        Optional.of(new TenantId("globex")), Optional.of("BASIC"))).stream()
                .map(grant -> TENANT_STAGE + grant).toList(), resources(response));
        assertEquals(MAPPER.createObjectNode().put("tenantId", "globex").put("tier", "BASIC")
                .put("userRole", "TenantUser"), response.get("context"));
        assertEquals("globex-api-key-value", response.path("usageIdentifierKey").asText());
        assertFalse(response.path("principalId").asText().isBlank());
        JsonNode line = lastLogLine();
        assertEquals("allow", line.path("decision").asText());
        assertEquals("globex", line.path("tenantId").asText());
        assertEquals("TenantUser", line.path("role").asText());
        assertEquals("route_granted", line.path("reason").asText());
    }

    @Test
    void tenantAdminGetsTheSameTenantRoutes() {
        String jwt = POOLED.token(NOW, "TenantAdmin", "globex", "BASIC").sign();
        JsonNode response = invoke(handler(ApiKind.TENANT, Optional.empty()),
                event(TENANT_EVENT, jwt, TENANT_STAGE + "DELETE/orders/o-1"));

        assertEquals("Allow", effect(response));
        assertEquals(10, resources(response).size());
        assertEquals("TenantAdmin", response.at("/context/userRole").asText());
    }

    @Test
    void policyIsTheSameWhicheverRouteTheTokenFirstCalls() {
        AuthorizerHandler handler = handler(ApiKind.TENANT, Optional.empty());
        String jwt = POOLED.token(NOW, "TenantUser", "globex", "BASIC").sign();

        assertEquals(invoke(handler, event(TENANT_EVENT, jwt, TENANT_STAGE + "GET/products")),
                invoke(handler, event(TENANT_EVENT, jwt, TENANT_STAGE + "PUT/orders/o-9")));
    }

    @Test
    void staffOnTheAdminApiGetTheirRoutes() {
        AuthorizerHandler handler = handler(ApiKind.ADMIN, Optional.empty());
        JsonNode sysAdmin = invoke(handler, event(ADMIN_EVENT, OPERATIONS.token(NOW, "SystemAdmin", null, null).sign()));
        JsonNode support = invoke(handler, event(ADMIN_EVENT,
                OPERATIONS.token(NOW, "CustomerSupport", null, null).sign(), ADMIN_STAGE + "GET/tenants"));

        assertEquals("Allow", effect(sysAdmin));
        assertEquals(20, resources(sysAdmin).size(),
                "every admin route, the user enable route and the usage and cost routes included");
        assertEquals(MAPPER.createObjectNode().put("userRole", "SystemAdmin"), sysAdmin.get("context"));
        assertFalse(sysAdmin.has("usageIdentifierKey"));
        assertEquals("Allow", effect(support));
        assertEquals(6, resources(support).size());
    }

    @Test
    void tenantAdminOnTheAdminApiReachesItsOwnTenantOnly() {
        AuthorizerHandler handler = handler(ApiKind.ADMIN, Optional.empty());
        String jwt = POOLED.token(NOW, "TenantAdmin", "globex", "BASIC").sign();

        JsonNode own = invoke(handler, event(ADMIN_EVENT, jwt));
        assertEquals("Allow", effect(own));
        assertTrue(resources(own).contains(ADMIN_STAGE + "GET/tenants/globex/users"));
        assertTrue(resources(own).contains(ADMIN_STAGE + "GET/tenants/globex/usage"));
        assertTrue(resources(own).contains(ADMIN_STAGE + "GET/tenants/globex/cost"));

        JsonNode other = invoke(handler, event(ADMIN_EVENT, jwt, ADMIN_STAGE + "GET/tenants/initech/users"));
        // The same cached Allow policy, which does not cover another tenant: API Gateway answers 403.
        assertEquals(own, other);
        assertEquals("deny", lastLogLine().path("decision").asText());
        assertEquals("route_not_granted", lastLogLine().path("reason").asText());
    }

    @Test
    void tenantUserOnAnAdminRouteIsDenied() {
        String jwt = POOLED.token(NOW, "TenantUser", "globex", "BASIC").sign();
        JsonNode response = invoke(handler(ApiKind.ADMIN, Optional.empty()), event(ADMIN_EVENT, jwt));

        assertEquals("Deny", effect(response));
        assertEquals(List.of(ADMIN_STAGE + "*"), resources(response));
        assertEquals("no_routes_for_role", lastLogLine().path("reason").asText());
    }

    @Test
    void staffOnATenantApiAreDenied() {
        String jwt = OPERATIONS.token(NOW, "SystemAdmin", null, null).sign();
        JsonNode response = invoke(handler(ApiKind.TENANT, Optional.empty()), event(TENANT_EVENT, jwt));

        assertEquals("Deny", effect(response));
        assertEquals(List.of(TENANT_STAGE + "*"), resources(response));
    }

    @Test
    void siloStackDeniesEveryOtherTenant() {
        AuthorizerHandler silo = handler(ApiKind.TENANT, Optional.of(new TenantId("initech")));

        assertEquals("Allow", effect(invoke(silo, event(TENANT_EVENT,
                POOLED.token(NOW, "TenantUser", "initech", "PLATINUM").sign()))));
        JsonNode other = invoke(silo, event(TENANT_EVENT, POOLED.token(NOW, "TenantAdmin", "globex", "BASIC").sign()));
        assertEquals("Deny", effect(other));
        assertEquals("other_silo_tenant", lastLogLine().path("reason").asText());
        assertEquals("globex", lastLogLine().path("tenantId").asText());
    }

    @Test
    void tenantWithoutAnApiKeyIsDeniedOnATenantApi() {
        String jwt = POOLED.token(NOW, "TenantUser", "hooli", "BASIC").sign();
        JsonNode response = invoke(handler(ApiKind.TENANT, Optional.empty()), event(TENANT_EVENT, jwt));

        assertEquals("Deny", effect(response));
        assertFalse(response.has("usageIdentifierKey"));
        assertEquals("no_api_key", lastLogLine().path("reason").asText());
    }

    @Test
    void everyTokenThatProvesNothingIsUnauthorizedAndNeverLogged() {
        AuthorizerHandler handler = handler(ApiKind.TENANT, Optional.empty());
        TestPool.Token valid = POOLED.token(NOW, "TenantUser", "globex", "BASIC");
        String[] parts = valid.sign().split("\\.");
        Map<String, String> rejected = new LinkedHashMap<>();
        rejected.put(POOLED.token(NOW, "TenantUser", "globex", "BASIC").expiresAt(NOW.minusSeconds(3600)).sign(),
                "expired");
        rejected.put(POOLED.token(NOW, "TenantUser", "globex", "BASIC").claim("iss", SERVER.issuer("evil")).sign(),
                "untrusted_issuer");
        rejected.put(POOLED.token(NOW, "TenantUser", "globex", "BASIC").claim("aud", "otherclient").sign(),
                "wrong_audience");
        rejected.put(parts[0] + "." + POOLED.token(NOW, "TenantUser", "initech", "BASIC").sign().split("\\.")[1]
                + "." + parts[2], "bad_signature");
        rejected.put(new PlainJWT(valid.claimsSet()).serialize(), "malformed_token");
        rejected.put(POOLED.token(NOW, "TenantUser", "globex", "BASIC").kid("rotated-away").sign(), "unknown_kid");
        rejected.put(POOLED.token(NOW, "TenantUser", null, "BASIC").sign(), "missing_tenant");
        rejected.put(POOLED.token(NOW, "Owner", "globex", "BASIC").sign(), "unknown_role");
        rejected.put("garbage." + "x".repeat(40), "malformed_token");

        rejected.forEach((jwt, reason) -> assertUnauthorized(handler, event(TENANT_EVENT, jwt), reason));
        List<String> secrets = new ArrayList<>();
        rejected.keySet().forEach(jwt -> {
            secrets.add(jwt);
            for (String part : jwt.split("\\.")) {
                if (part.length() >= 8) {
                    secrets.add(part);
                }
            }
        });
        assertEquals(rejected.size(), context.jsonLines().size());
        for (JsonNode line : context.jsonLines()) {
            String text = line.toString();
            secrets.forEach(secret -> assertFalse(text.contains(secret), "log line carries a token: " + text));
        }
    }

    @Test
    void requestWithoutABearerTokenOrOfAnotherShapeIsUnauthorized() {
        AuthorizerHandler handler = handler(ApiKind.TENANT, Optional.empty());
        String jwt = POOLED.token(NOW, "TenantUser", "globex", "BASIC").sign();

        assertUnauthorized(handler, event(TENANT_EVENT, jwt).put("authorizationToken", jwt), "missing_bearer");
        assertUnauthorized(handler, event(TENANT_EVENT, jwt).put("authorizationToken", "bearer " + jwt), "missing_bearer");
        assertUnauthorized(handler, event(TENANT_EVENT, jwt).put("authorizationToken", "Basic dXNlcjpwdw=="),
                "missing_bearer");
        assertUnauthorized(handler, event(TENANT_EVENT, jwt).put("type", "REQUEST"), "not_a_token_event");
        assertUnauthorized(handler, event(TENANT_EVENT, jwt, "arn:aws:execute-api:us-east-1:1:x/*/GET/"),
                "malformed_method_arn");
        assertUnauthorized(handler, MAPPER.createObjectNode(), "not_a_token_event");
        for (JsonNode line : context.jsonLines()) {
            assertFalse(line.toString().contains(jwt.split("\\.")[2]));
        }
    }

    @Test
    void unreachableJwksIsAnErrorOtherThanUnauthorizedSoNothingIsCached() {
        TestPool down = new TestPool(SERVER, "us-east-1_Down", PoolScope.POOLED);
        SERVER.failing(down.poolId, true);
        TokenVerifier verifier = new TokenVerifier(Map.of(down.issuer, down.trusted()), JwksCache.overHttp(clock), clock);
        AuthorizerHandler handler = new AuthorizerHandler(new Authorizer(ApiKind.TENANT, Optional.empty(), verifier,
                tenant -> Optional.of("k"), TenantDirectory.NONE));
        String jwt = down.token(NOW, "TenantUser", "globex", "BASIC").sign();

        RuntimeException e = assertThrows(RuntimeException.class, () -> invoke(handler, event(TENANT_EVENT, jwt)));
        assertNotEquals("Unauthorized", e.getMessage());
        assertEquals("error", lastLogLine().path("decision").asText());
        assertFalse(lastLogLine().toString().contains(jwt.split("\\.")[1]));
    }

    @Test
    void rejectedTokenNeverCountsAgainstTheRollout() {
        var version7 = new TestContext("saas-silo-acme-Authorizer", "7");
        AuthorizerHandler tenantApi = handler(ApiKind.TENANT, Optional.empty());
        AuthorizerHandler siloApi = handler(ApiKind.TENANT, Optional.of(new TenantId("initech")));
        String forged = POOLED.token(NOW, "TenantUser", "globex", "BASIC").claim("iss", SERVER.issuer("evil")).sign();
        String expired = POOLED.token(NOW, "TenantUser", "globex", "BASIC").expiresAt(NOW.minusSeconds(3600)).sign();
        String otherTenant = POOLED.token(NOW, "TenantUser", "globex", "BASIC").sign();

        var points = EmfLines.during(() -> {
            assertThrows(RuntimeException.class, () -> invoke(tenantApi, event(TENANT_EVENT, forged), version7));
            assertThrows(RuntimeException.class, () -> invoke(tenantApi, event(TENANT_EVENT, expired), version7));
            assertEquals("Deny", effect(invoke(siloApi, event(TENANT_EVENT, otherTenant), version7)));
        });

        var serverErrors = points.stream().filter(p -> p.rollout() && p.metric().equals(RequestMetrics.SERVER_ERRORS)).toList();
        assertEquals(3, serverErrors.size(), points.toString());
        for (var point : serverErrors) {
            assertEquals(0.0, point.value(), point.toString());
            assertEquals("7", point.version());
            assertEquals("saas-silo-acme-Authorizer", point.functionName());
        }
    }

    @Test
    void everyDecisionCountsARequestAndRejectionsAndDenialsCountAsDeniedByServiceAndTier() {
        AuthorizerHandler tenantApi = handler(ApiKind.TENANT, Optional.empty());
        AuthorizerHandler siloApi = handler(ApiKind.TENANT, Optional.of(new TenantId("initech")));
        String allowed = POOLED.token(NOW, "TenantUser", "globex", "BASIC").sign();
        String expired = POOLED.token(NOW, "TenantUser", "globex", "BASIC").expiresAt(NOW.minusSeconds(3600)).sign();

        var points = EmfLines.during(() -> {
            assertEquals("Allow", effect(invoke(tenantApi, event(TENANT_EVENT, allowed))));
            assertThrows(RuntimeException.class, () -> invoke(tenantApi, event(TENANT_EVENT, expired)));
            assertEquals("Deny", effect(invoke(siloApi, event(TENANT_EVENT, allowed))));
        });

        var tierPoints = points.stream().filter(p -> !p.rollout()).toList();
        var requests = tierPoints.stream().filter(p -> p.metric().equals(Telemetry.REQUESTS)).toList();
        var denied = tierPoints.stream().filter(p -> p.metric().equals(Telemetry.DENIED)).map(p -> p.value()).toList();
        assertEquals(3, requests.size(), points.toString());
        assertEquals(List.of(0.0, 1.0, 1.0), denied);
        assertEquals(3, tierPoints.stream().filter(p -> p.metric().equals(Telemetry.LATENCY)).count());
        assertEquals(List.of(Telemetry.SERVICE, Telemetry.TIER), requests.get(0).dimensionKeys());
        assertEquals(List.of(Telemetry.SERVICE, Telemetry.TIER, Telemetry.TENANT_ID), requests.get(2).dimensionKeys(),
                "a silo stack's authorizer counts by its tenant");
        assertEquals("globex", requests.get(0).field("tenantId"), "the caller's tenant as a property");
        assertEquals("BASIC", requests.get(0).field(Telemetry.TIER));
    }

    @Test
    void dependencyFailureOfTheAuthorizerCountsAsAServerErrorOfItsVersion() {
        TestPool down = new TestPool(SERVER, "us-east-1_DownMetrics", PoolScope.POOLED);
        SERVER.failing(down.poolId, true);
        TokenVerifier verifier = new TokenVerifier(Map.of(down.issuer, down.trusted()), JwksCache.overHttp(clock), clock);
        AuthorizerHandler handler = new AuthorizerHandler(new Authorizer(ApiKind.TENANT, Optional.empty(), verifier,
                tenant -> Optional.of("k"), TenantDirectory.NONE));
        String jwt = down.token(NOW, "TenantUser", "globex", "BASIC").sign();
        var version7 = new TestContext("saas-silo-acme-Authorizer", "7");

        var points = EmfLines.during(() -> assertThrows(RuntimeException.class,
                () -> invoke(handler, event(TENANT_EVENT, jwt), version7)));

        var serverErrors = points.stream().filter(p -> p.rollout() && p.metric().equals(RequestMetrics.SERVER_ERRORS)).toList();
        assertEquals(1, serverErrors.size(), points.toString());
        assertEquals(1.0, serverErrors.get(0).value());
        assertEquals("7", serverErrors.get(0).version());
        assertEquals(List.of(RequestMetrics.FUNCTION_NAME, RequestMetrics.VERSION),
                serverErrors.get(0).dimensionKeys());
    }
}
