package functions.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import functions.shared.DynamoDbLocal;
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
import functions.shared.MutableClock;

/** The tenant's usageIdentifierKey: read from the key table on DynamoDB Local, and cached per tenant. */
class ApiKeyResolverTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final DynamoDbClient dynamoDb = DynamoDbLocal.get().client();

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
    void cacheKeepsAKeyFiveMinutesAndAMissingOneThirtySeconds() {
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
        clock.advance(Duration.ofSeconds(29));
        cache.keyFor(acme);
        cache.keyFor(globex);
        assertEquals(2, reads.get());
        clock.advance(Duration.ofSeconds(1));
        cache.keyFor(globex);
        assertEquals(3, reads.get());
        clock.advance(Duration.ofSeconds(270));
        assertEquals(Optional.of("k"), cache.keyFor(acme));
        assertEquals(4, reads.get());
    }

    @Test
    void handlerBuiltFromTheEnvironmentMetersTheTenantWithItsKey() throws Exception {
        String table = keyTable(Map.of("globex", "globex-key-abcdefghijklmnopqrst"));
        try (JwksServer server = new JwksServer()) {
            TestPool pool = new TestPool(server, "us-east-1_Pooled", PoolScope.POOLED);
            MutableClock clock = new MutableClock(TokenVerifierTest.NOW);
            AuthorizerConfig config = AuthorizerConfig.fromEnvironment(Map.of("API_KIND", "tenant",
                    "TRUSTED_POOLS", pool.configEntry(), "TENANT_API_KEYS_TABLE", table, "AWS_REGION", "us-east-1",
                    "DYNAMODB_ENDPOINT", DynamoDbLocal.get().endpoint().toString()));
            String jwt = pool.token(clock.instant(), "TenantUser", "globex", "BASIC").sign();
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            // The handler's client takes Lambda's credentials from the default chain; DynamoDB Local takes any.
            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");
            try {
                new AuthorizerHandler(config, clock).handleRequest(new ByteArrayInputStream(MAPPER.writeValueAsBytes(
                        AuthorizerHandlerTest.event("tenant-api-get-products.json", jwt))), out, new TestContext());
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }

            JsonNode response = MAPPER.readTree(out.toByteArray());
            assertEquals("globex-key-abcdefghijklmnopqrst", response.path("usageIdentifierKey").asText());
            assertEquals(List.of("Allow"), List.of(response.at("/policyDocument/Statement/0/Effect").asText()));
        }
    }
}
