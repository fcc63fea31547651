package functions.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import functions.shared.MotoDynamoDb;
import functions.shared.MutableClock;
import functions.shared.TenantId;
import functions.shared.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The admin API trusting the tier and silo pools the control plane records in TenantDetails (on moto),
 * with real tokens signed by pools whose keys are served on loopback, through the handler built from its
 * environment.
 */
class AdminApiTenantPoolsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EVENT = "admin-api-get-tenant-users.json";
    private static final String STAGE = "arn:aws:execute-api:us-east-1:111111111111:f6g7h8i9j0/prod/";

    private final JwksServer server = new JwksServer();
    private final TestPool operations = new TestPool(server, "us-east-1_Ops", PoolScope.OPERATIONS);
    // Globex and Initech share the Basic tier's pool; Acme has a silo pool of its own in another region.
    private final TestPool basic = new TestPool(server, "us-east-1_Basic", PoolScope.POOLED);
    private final TestPool acme = new TestPool(server, "eu-west-1_Acme", PoolScope.silo(new TenantId("acme")));
    private final TestPool stray = new TestPool(server, "us-west-2_Stray", PoolScope.POOLED);
    private final MutableClock clock = new MutableClock(TokenVerifierTest.NOW);
    private final TestContext context = new TestContext();
    private final DynamoDbClient dynamoDb = MotoDynamoDb.get().client();
    private final String table = MotoDynamoDb.get().createKeyedTable("tenantId", null);

    @AfterEach
    void stopServer() {
        server.close();
    }

    private void tenant(String tenantId, String status, TestPool pool, String clientId) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("tenantId", AttributeValue.fromS(tenantId),
                "status", AttributeValue.fromS(status), "tenantName", AttributeValue.fromS(tenantId + " Corp")));
        if (pool != null) {
            item.put("userPoolId", AttributeValue.fromS(pool.poolId));
            item.put("appClientId", AttributeValue.fromS(clientId));
        }
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    private AuthorizerHandler handler(String tenantDetailsTable) throws Exception {
        AuthorizerConfig config = AuthorizerConfig.fromEnvironment(Map.of("API_KIND", "admin",
                "TRUSTED_POOLS", operations.configEntry(), "TENANT_DETAILS_TABLE", tenantDetailsTable,
                "AWS_REGION", "us-east-1", "DYNAMODB_ENDPOINT", MotoDynamoDb.get().endpoint().toString()));
        return LocalCredentials.around(() -> new AuthorizerHandler(config, clock,
                (region, poolId) -> server.issuer(poolId)));
    }

    private AuthorizerHandler handler() throws Exception {
        tenant("globex", "ACTIVE", basic, basic.clientId);
        tenant("initech", "ACTIVE", basic, basic.clientId);
        tenant("acme", "ACTIVE", acme, acme.clientId);
        return handler(table);
    }

    private JsonNode invoke(AuthorizerHandler handler, String jwt, String route) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalCredentials.around(() -> {
            handler.handleRequest(new ByteArrayInputStream(MAPPER.writeValueAsBytes(
                    AuthorizerHandlerTest.event(EVENT, jwt, STAGE + route))), out, context);
            return null;
        });
        return MAPPER.readTree(out.toByteArray());
    }

    private void assertUnauthorized(AuthorizerHandler handler, String jwt, String reason) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> invoke(handler, jwt, "GET/tenants/globex"));
        assertEquals("Unauthorized", e.getMessage());
        assertEquals("unauthorized", lastLogLine().path("decision").asText());
        assertEquals(reason, lastLogLine().path("reason").asText());
    }

    private JsonNode lastLogLine() {
        List<JsonNode> lines = context.jsonLines();
        return lines.get(lines.size() - 1);
    }

    private static String effect(JsonNode response) {
        return response.at("/policyDocument/Statement/0/Effect").asText();
    }

    private static List<String> resources(JsonNode response) {
        return StreamSupport.stream(response.at("/policyDocument/Statement/0/Resource").spliterator(), false)
                .map(JsonNode::asText).toList();
    }

    private TestPool.Token tenantAdmin(TestPool pool, String tenantId) {
        return pool.token(clock.instant(), "TenantAdmin", tenantId, "BASIC");
    }

    @Test
    void tenantAdminOfATierPoolReachesItsOwnTenantsRoutesOnly() throws Exception {
        AuthorizerHandler handler = handler();
        String jwt = tenantAdmin(basic, "globex").sign();

        JsonNode own = invoke(handler, jwt, "GET/tenants/globex/users");
        assertEquals("Allow", effect(own));
        assertTrue(resources(own).stream().allMatch(r -> r.startsWith(STAGE) && r.contains("/tenants/globex")),
                resources(own).toString());
        assertEquals("globex", own.at("/context/tenantId").asText());
        assertEquals("route_granted", lastLogLine().path("reason").asText());

        for (String other : List.of("GET/tenants/initech/users", "GET/tenants", "POST/tenants/globex/activate",
                "GET/operators")) {
            JsonNode response = invoke(handler, jwt, other);
            assertEquals(own, response, other);
            assertEquals("route_not_granted", lastLogLine().path("reason").asText(), other);
        }
    }

    @Test
    void siloTenantAdminIsTrustedThroughItsOwnPool() throws Exception {
        JsonNode response = invoke(handler(), tenantAdmin(acme, "acme").claim("custom:tier", "PLATINUM").sign(),
                "PUT/tenants/acme/users/someone@example.com");
        assertEquals("Allow", effect(response));
        assertEquals("acme", response.at("/context/tenantId").asText());
    }

    @Test
    void tokenOfAnotherPoolThanTheTenantsRecordedOneIsUnauthorized() throws Exception {
        AuthorizerHandler handler = handler();
        // A genuine token of the Basic pool claiming Acme, whose users live in Acme's silo pool.
        assertUnauthorized(handler, tenantAdmin(basic, "acme").sign(), "not_the_tenants_pool");
        // A pool of the fleet, but not the one recorded for Globex.
        assertUnauthorized(handler, tenantAdmin(stray, "globex").sign(), "not_the_tenants_pool");
        assertEquals(0, server.fetches(stray.poolId));
    }

    @Test
    void recordedPoolButAnotherAppClientIsUnauthorized() throws Exception {
        AuthorizerHandler handler = handler();
        assertUnauthorized(handler, tenantAdmin(basic, "globex").claim("aud", "someotherclient").sign(),
                "wrong_audience");
        assertUnauthorized(handler, tenantAdmin(basic, "globex").claim("aud", acme.clientId).sign(), "wrong_audience");
    }

    @Test
    void tenantThatIsNotActiveIsDeniedWhateverItsTokenSays() throws Exception {
        AuthorizerHandler handler = handler();
        for (String status : List.of("INACTIVE", "OFFBOARDED", "FAILED", "PROVISIONING")) {
            String tenantId = "hooli-" + status.toLowerCase(Locale.ROOT);
            tenant(tenantId, status, basic, basic.clientId);
            JsonNode response = invoke(handler, tenantAdmin(basic, tenantId).sign(), "GET/tenants/" + tenantId);
            assertEquals("Deny", effect(response), status);
            assertEquals(List.of(STAGE + "*"), resources(response), status);
            assertEquals("tenant_not_active", lastLogLine().path("reason").asText(), status);
            assertEquals(tenantId, lastLogLine().path("tenantId").asText(), status);
        }
    }

    @Test
    void unknownTenantOrOneWithoutAPoolYetIsUnauthorized() throws Exception {
        AuthorizerHandler handler = handler();
        tenant("pending", "REGISTERING", null, null);
        assertUnauthorized(handler, tenantAdmin(basic, "hooli").sign(), "unknown_tenant");
        assertUnauthorized(handler, tenantAdmin(basic, "pending").sign(), "tenant_without_pool");
    }

    @Test
    void tamperedTenantClaimFailsTheSignature() throws Exception {
        AuthorizerHandler handler = handler();
        String[] genuine = tenantAdmin(basic, "globex").sign().split("\\.");
        // Initech shares Globex's pool and client, so only the signature can tell the claims were changed.
        String otherClaims = tenantAdmin(basic, "initech").sign().split("\\.")[1];
        assertUnauthorized(handler, genuine[0] + "." + otherClaims + "." + genuine[2], "bad_signature");
    }

    @Test
    void staffRolesAreNotBelievedFromATenantPool() throws Exception {
        AuthorizerHandler handler = handler();
        assertUnauthorized(handler, basic.token(clock.instant(), "SystemAdmin", "globex", "BASIC").sign(),
                "claims_not_vouched_by_pool");
        assertUnauthorized(handler, acme.token(clock.instant(), "CustomerSupport", "acme", "PLATINUM").sign(),
                "claims_not_vouched_by_pool");
        // Without a tenant there is nothing to look up: never a read, never a pool.
        assertUnauthorized(handler, basic.token(clock.instant(), "SystemAdmin", null, null).sign(), "invalid_tenant");
    }

    @Test
    void operationsStaffAreHandledAsBeforeAndTenantRolesNotBelievedFromTheOperationsPool() throws Exception {
        AuthorizerHandler handler = handler();
        JsonNode support = invoke(handler, operations.token(clock.instant(), "CustomerSupport", null, null).sign(),
                "GET/tenants/globex");
        assertEquals("Allow", effect(support));
        assertEquals(6, resources(support).size());
        assertUnauthorized(handler, tenantAdmin(operations, "globex").sign(), "claims_not_vouched_by_pool");
    }

    @Test
    void issuerPointingAnywhereElseIsNeverFetched() throws Exception {
        AuthorizerHandler handler = handler();
        // The attacker's own "pool" on the same loopback server, with its own key published: fetching it would
        // make the forged token verify.
        RSAKey attackerKey = TestPool.key("attacker-key");
        server.publish("us-east-1_Evil", new JWKSet(attackerKey));
        TestPool.Token forged = tenantAdmin(basic, "globex").signedWith(attackerKey).kid("attacker-key");

        assertUnauthorized(handler, forged.claim("iss", server.issuer("us-east-1_Evil")).sign(),
                "not_the_tenants_pool");
        assertUnauthorized(handler, forged.claim("iss", server.issuer("evil/us-east-1_Basic/..")).sign(),
                "untrusted_issuer");
        assertUnauthorized(handler, forged.claim("iss", server.issuer("us-east-1_Basic") + "/../us-east-1_Evil")
                .sign(), "untrusted_issuer");
        assertUnauthorized(handler, forged.claim("iss", "https://attacker.example/us-east-1_Basic").sign(),
                "untrusted_issuer");
        assertUnauthorized(handler, forged.claim("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Evil")
                .sign(), "untrusted_issuer");
        assertEquals(0, server.fetches("us-east-1_Evil"));
        assertEquals(0, server.fetches("evil/us-east-1_Basic/.."));
        // The genuine pool's keys: at most the one fetch that a genuine token would also cause.
        assertTrue(server.fetches(basic.poolId) <= 1);
    }

    @Test
    void malformedTenantClaimCostsNoRead() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        DynamoDbClient counting = MotoDynamoDb.get().clientWith(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                reads.incrementAndGet();
            }
        });
        tenant("globex", "ACTIVE", basic, basic.clientId);
        TenantDirectory tenants = new CachingTenantDirectory(new DynamoDbTenantDirectory(counting, table), clock);
        TokenVerifier verifier = new TokenVerifier(Map.of(operations.issuer, operations.trusted()),
                JwksCache.overHttp(clock), clock,
                Optional.of(new TenantPools(tenants, (region, poolId) -> server.issuer(poolId))));

        for (String bad : List.of("GLOBEX", "../globex", "globex*", "gl", "globex/users")) {
            TokenRejectedException e = assertThrows(TokenRejectedException.class,
                    () -> verifier.verify(tenantAdmin(basic, bad).sign()));
            assertEquals("invalid_tenant", e.reason(), bad);
        }
        assertEquals(0, reads.get());
        assertEquals(0, server.fetches(basic.poolId));

        assertEquals(Optional.of(new TenantId("globex")), verifier.verify(tenantAdmin(basic, "globex").sign()).tenant());
        assertEquals(1, reads.get());
    }

    @Test
    void deactivationReachesNewTokensWithinTheLookupCacheTtl() throws Exception {
        AuthorizerHandler handler = handler();
        assertEquals("Allow", effect(invoke(handler, tenantAdmin(basic, "globex").sign(), "GET/tenants/globex")));

        tenant("globex", "INACTIVE", basic, basic.clientId);
        clock.advance(CachingTenantDirectory.TTL.minus(Duration.ofSeconds(1)));
        assertEquals("Allow", effect(invoke(handler, tenantAdmin(basic, "globex").sign(), "GET/tenants/globex")));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("Deny", effect(invoke(handler, tenantAdmin(basic, "globex").sign(), "GET/tenants/globex")));
        assertEquals("tenant_not_active", lastLogLine().path("reason").asText());
    }

    @Test
    void unreadableTenantDetailsIsAnErrorNeverAnAllow() throws Exception {
        AuthorizerHandler handler = handler("no-such-table-" + UUID.randomUUID());
        String jwt = tenantAdmin(basic, "globex").sign();

        RuntimeException e = assertThrows(RuntimeException.class, () -> invoke(handler, jwt, "GET/tenants/globex"));
        assertNotEquals("Unauthorized", e.getMessage());
        assertEquals("error", lastLogLine().path("decision").asText());
        assertFalse(lastLogLine().toString().contains(jwt.split("\\.")[1]));
        // Staff of the operations pool need no tenant record and are unaffected.
        assertEquals("Allow", effect(invoke(handler, operations.token(clock.instant(), "SystemAdmin", null, null)
                .sign(), "GET/tenants")));
    }
}
