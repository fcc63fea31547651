package functions.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import functions.shared.MotoDynamoDb;
import functions.shared.MutableClock;
import functions.shared.TenantId;
import functions.shared.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The tenant's usageIdentifierKey: read from the key table on moto, and cached per tenant. */
class ApiKeyResolverTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final DynamoDbClient dynamoDb = MotoDynamoDb.get().client();

    private String keyTable(Map<String, String> keys) {
        String name = "api-keys-" + UUID.randomUUID();
        dynamoDb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("tenantId")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("tenantId").keyType(KeyType.HASH).build()));
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(name));
        keys.forEach((tenant, key) -> dynamoDb.putItem(r -> r.tableName(name).item(Map.of(
                "tenantId", AttributeValue.fromS(tenant), "apiKeyValue", AttributeValue.fromS(key)))));
        return name;
    }

    @Test
    void dynamoDbResolverReadsTheTenantsKeyAndNothingForATenantWithout() {
        String table = keyTable(Map.of("acme", "acme-key-0123456789abcdefghij"));
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("tenantId", AttributeValue.fromS("initech"))));
        DynamoDbApiKeyResolver resolver = new DynamoDbApiKeyResolver(dynamoDb, table);

        assertEquals(Optional.of("acme-key-0123456789abcdefghij"), resolver.keyFor(new TenantId("acme")));
        assertEquals(Optional.empty(), resolver.keyFor(new TenantId("initech")));
        assertEquals(Optional.empty(), resolver.keyFor(new TenantId("globex")));
    }

    @Test
    void unreadableTableIsUnavailableNotMissing() {
        DynamoDbApiKeyResolver resolver = new DynamoDbApiKeyResolver(dynamoDb, "no-such-table-" + UUID.randomUUID());
        assertThrows(AuthorizerUnavailableException.class, () -> resolver.keyFor(new TenantId("acme")));
    }

    @Test
    void disabledKeyIsNoKeyAndAKeyWrittenBeforeTheFlagExistedIsEnabled() {
        String table = keyTable(Map.of("legacy", "legacy-key-0123456789abcdefgh"));
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("tenantId", AttributeValue.fromS("deactivated"),
                "apiKeyValue", AttributeValue.fromS("deactivated-key-0123456789ab"),
                "enabled", AttributeValue.fromBool(false))));
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("tenantId", AttributeValue.fromS("reactivated"),
                "apiKeyValue", AttributeValue.fromS("reactivated-key-0123456789ab"),
                "enabled", AttributeValue.fromBool(true))));
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("tenantId", AttributeValue.fromS("garbled"),
                "apiKeyValue", AttributeValue.fromS("garbled-key-0123456789abcdef"),
                "enabled", AttributeValue.fromS("false"))));
        DynamoDbApiKeyResolver resolver = new DynamoDbApiKeyResolver(dynamoDb, table);

        assertEquals(Optional.of("legacy-key-0123456789abcdefgh"), resolver.keyFor(new TenantId("legacy")));
        assertEquals(Optional.empty(), resolver.keyFor(new TenantId("deactivated")));
        assertEquals(Optional.of("reactivated-key-0123456789ab"), resolver.keyFor(new TenantId("reactivated")));
        assertEquals(Optional.empty(), resolver.keyFor(new TenantId("garbled")));
    }

    @Test
    void cacheKeepsAKeyThirtySecondsAndAMissingOneTen() {
        AtomicInteger reads = new AtomicInteger();
        MutableClock clock = new MutableClock(TokenVerifierTest.NOW);
        CachingApiKeyResolver cache = new CachingApiKeyResolver(tenant -> {
            reads.incrementAndGet();
            return tenant.value().equals("acme") ? Optional.of("k") : Optional.empty();
        }, clock);
        TenantId acme = new TenantId("acme");
        TenantId globex = new TenantId("globex");

        cache.keyFor(acme);
        cache.keyFor(globex);
        clock.advance(Duration.ofSeconds(9));
        cache.keyFor(acme);
        cache.keyFor(globex);
        assertEquals(2, reads.get());
        clock.advance(Duration.ofSeconds(1));
        cache.keyFor(globex);
        assertEquals(3, reads.get());
        clock.advance(Duration.ofSeconds(19));
        cache.keyFor(acme);
        assertEquals(3, reads.get());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("k"), cache.keyFor(acme));
        assertEquals(4, reads.get());
        assertEquals(Duration.ofSeconds(30), CachingApiKeyResolver.PRESENT_TTL);
    }

    @Test
    void failedReadIsNotRemembered() {
        AtomicInteger reads = new AtomicInteger();
        CachingApiKeyResolver cache = new CachingApiKeyResolver(tenant -> {
            if (reads.incrementAndGet() == 1) {
                throw new AuthorizerUnavailableException("down", null);
            }
            return Optional.of("k");
        }, new MutableClock(TokenVerifierTest.NOW));

        assertThrows(AuthorizerUnavailableException.class, () -> cache.keyFor(new TenantId("acme")));
        assertEquals(Optional.of("k"), cache.keyFor(new TenantId("acme")));
        assertEquals(2, reads.get());
    }

    @Test
    void handlerBuiltFromTheEnvironmentMetersTheTenantWithItsKeyAndDeniesADisabledOne() throws Exception {
        String table = keyTable(Map.of("globex", "globex-key-abcdefghijklmnopqrst"));
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("tenantId", AttributeValue.fromS("initech"),
                "apiKeyValue", AttributeValue.fromS("initech-key-abcdefghijklmnopqr"),
                "enabled", AttributeValue.fromBool(false))));
        try (JwksServer server = new JwksServer()) {
            TestPool pool = new TestPool(server, "us-east-1_Pooled", PoolScope.POOLED);
            MutableClock clock = new MutableClock(TokenVerifierTest.NOW);
            AuthorizerConfig config = AuthorizerConfig.fromEnvironment(Map.of("API_KIND", "tenant",
                    "TRUSTED_POOLS", pool.configEntry(), "TENANT_API_KEYS_TABLE", table, "AWS_REGION", "us-east-1",
                    "DYNAMODB_ENDPOINT", MotoDynamoDb.get().endpoint().toString()));
            TestContext context = new TestContext();
            AuthorizerHandler handler = LocalCredentials.around(() -> new AuthorizerHandler(config, clock));

            JsonNode allowed = invoke(handler, context, pool.token(clock.instant(), "TenantUser", "globex", "BASIC"));
            assertEquals("globex-key-abcdefghijklmnopqrst", allowed.path("usageIdentifierKey").asText());
            assertEquals("Allow", allowed.at("/policyDocument/Statement/0/Effect").asText());

            // Deactivated: denied exactly like a tenant whose key item is gone (offboarded).
            JsonNode disabled = invoke(handler, context, pool.token(clock.instant(), "TenantAdmin", "initech", "BASIC"));
            assertEquals("Deny", disabled.at("/policyDocument/Statement/0/Effect").asText());
            assertFalse(disabled.has("usageIdentifierKey"));
            List<JsonNode> lines = context.jsonLines();
            assertEquals("no_api_key", lines.get(lines.size() - 1).path("reason").asText());
        }
    }

    private static JsonNode invoke(AuthorizerHandler handler, TestContext context, TestPool.Token token)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalCredentials.around(() -> {
            handler.handleRequest(new ByteArrayInputStream(MAPPER.writeValueAsBytes(
                    AuthorizerHandlerTest.event("tenant-api-get-products.json", token.sign()))), out, context);
            return null;
        });
        return MAPPER.readTree(out.toByteArray());
    }
}
