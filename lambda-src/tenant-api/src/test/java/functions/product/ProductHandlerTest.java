package functions.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static functions.shared.HttpAssertions.assertError;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import functions.shared.EmfLines;
import functions.shared.MotoDynamoDb;
import functions.shared.RequestMetrics;
import functions.shared.Events;
import functions.shared.MotoAccount;
import functions.shared.ShardedTenantTable;
import functions.shared.PageTokenKey;
import functions.shared.Sharding;
import functions.shared.TenantId;
import functions.shared.TestPageTokens;
import functions.shared.TestContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import testsupport.Moto;

class ProductHandlerTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final String TABLE_KEY =
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private final MotoDynamoDb tables = MotoDynamoDb.get();
    private final TestContext context = new TestContext();
    private String tableName;
    private ProductService service;

    @BeforeEach
    void freshTable() {
        tableName = tables.createTable(ProductRepository.SORT_KEY);
        service = new ProductService(new ProductRepository(new ShardedTenantTable(
                tables.client(), tableName, ProductRepository.SORT_KEY, new Sharding(4))),
                TestPageTokens.of("products", ProductRepository.SORT_KEY));
    }

    private ProductHandler handler(Optional<TenantId> silo) {
        return new ProductHandler(service, silo);
    }

    private APIGatewayProxyResponseEvent invoke(String eventFile) {
        return handler(Optional.empty()).handleRequest(Events.load(eventFile), context);
    }

    private APIGatewayProxyResponseEvent invoke(String eventFile, String productId) {
        return handler(Optional.empty()).handleRequest(Events.load(eventFile, "productId", productId), context);
    }

    private long itemCount() {
        return tables.client().scan(r -> r.tableName(tableName)).count();
    }

    @Test
    void productLifecycleThroughApiGatewayEvents() {
        APIGatewayProxyResponseEvent created = invoke("product-create.json");
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("application/json", created.getHeaders().get("Content-Type"));
        JsonNode product = Events.json(created.getBody());
        String id = product.get("productId").asText();
        assertEquals("Claw hammer", product.get("name").asText());
        assertEquals(new BigDecimal("24.99"), product.get("price").decimalValue());

        JsonNode fetched = Events.json(invoke("product-get.json", id).getBody());
        assertEquals(product, fetched);

        APIGatewayProxyResponseEvent updated = invoke("product-update.json", id);
        assertEquals(200, updated.getStatusCode(), updated.getBody());
        assertEquals("29.50", Events.json(updated.getBody()).get("price").decimalValue().toPlainString());

        JsonNode listed = Events.json(invoke("product-list.json").getBody());
        assertEquals(1, listed.get("items").size());
        assertEquals("Claw hammer XL", listed.get("items").get(0).get("name").asText());

        APIGatewayProxyResponseEvent deleted = invoke("product-delete.json", id);
        assertEquals(204, deleted.getStatusCode());
        assertNull(deleted.getBody());

        assertError(invoke("product-get.json", id), 404, "NotFound");
        assertError(invoke("product-delete.json", id), 404, "NotFound");
    }

    @Test
    void missingTenantClaimIs401() {
        assertError(invoke("product-create-no-tenant-claim.json"), 401, "Unauthorized");
        assertEquals(0, itemCount());
    }

    @Test
    void siloFunctionRejectsAnotherTenantWith403() {
        var response = handler(Optional.of(new TenantId("globex")))
                .handleRequest(Events.load("product-create.json"), context);

        assertError(response, 403, "Forbidden");
        assertEquals(0, itemCount());
    }

    @Test
    void siloFunctionServesItsOwnTenant() {
        var response = handler(Optional.of(ACME)).handleRequest(Events.load("product-create.json"), context);

        assertEquals(201, response.getStatusCode(), response.getBody());
    }

    @Test
    void malformedJsonBodyIs400WithErrorAndMessage() {
        JsonNode body = assertError(invoke("product-create-bad-json.json"), 400, "ValidationError");
        assertTrue(body.get("message").asText().startsWith("body: "), body.toString());
        assertEquals(0, itemCount());
    }

    @Test
    void clientSuppliedIdIsAnUnknownFieldAnd400() {
        JsonNode body = assertError(invoke("product-create-unknown-field.json"), 400, "ValidationError");
        assertTrue(body.get("message").asText().startsWith("productId: "), body.toString());
    }

    @Test
    void pathIdThatIsNotAUuidIs400() {
        JsonNode body = assertError(invoke("product-get-bad-id.json"), 400, "ValidationError");
        assertTrue(body.get("message").asText().startsWith("productId: "), body.toString());
    }

    @Test
    void unknownRouteIs404() {
        assertError(invoke("unknown-route.json"), 404, "NotFound");
    }

    @Test
    void unsupportedMethodOnAKnownResourceIs405() {
        assertError(invoke("product-patch.json"), 405, "MethodNotAllowed");
    }

    @Test
    void lambdaAuthorizerTenantIdSelectsTheTenant() {
        Product acmes = service.create(ACME, new ProductInput("Anvil", "ANV-1", "tools", BigDecimal.TEN));
        service.create(new TenantId("globex"), new ProductInput("Widget", "W-1", "parts", BigDecimal.ONE));

        JsonNode items = Events.json(invoke("product-list-lambda-authorizer.json").getBody()).get("items");

        assertEquals(1, items.size());
        assertEquals(acmes.productId(), items.get(0).get("productId").asText());
    }

    @Test
    void unexpectedFailureIs500WithAGenericMessageAndTheDetailsOnlyInTheLog() {
        var broken = new ProductService(new ProductRepository(new ShardedTenantTable(
                tables.client(), "no-such-table", ProductRepository.SORT_KEY, new Sharding(4))),
                TestPageTokens.of("products", ProductRepository.SORT_KEY));

        var response = new ProductHandler(broken, Optional.empty()).handleRequest(
                Events.load("product-list.json"), context);

        JsonNode body = assertError(response, 500, "InternalError");
        assertEquals("An unexpected error occurred", body.get("message").asText());
        JsonNode logged = context.jsonLines().get(context.jsonLines().size() - 1);
        assertEquals("request_failed", logged.get("message").asText());
        assertEquals("acme", logged.get("tenantId").asText());
        assertTrue(logged.get("stackTrace").asText().contains("ResourceNotFoundException"), logged.toString());
    }

    @Test
    void serverErrorOfTheVersionIsCountedWithItsFunctionVersionThoughLambdaSeesNoError() {
        var broken = new ProductService(new ProductRepository(new ShardedTenantTable(
                tables.client(), "no-such-table", ProductRepository.SORT_KEY, new Sharding(4))),
                TestPageTokens.of("products", ProductRepository.SORT_KEY));
        var version7 = new TestContext("saas-silo-acme-Products", "7");

        var points = EmfLines.during(() -> assertEquals(500, new ProductHandler(broken, Optional.empty())
                .handleRequest(Events.load("product-list.json"), version7).getStatusCode()));

        var serverErrors = points.stream().filter(p -> p.rollout() && p.metric().equals(RequestMetrics.SERVER_ERRORS)).toList();
        assertEquals(1, serverErrors.size(), points.toString());
        var point = serverErrors.get(0);
        assertEquals(1.0, point.value());
        assertEquals("Count", point.unit());
        assertEquals("saas-silo-acme-Products", point.functionName());
        assertEquals("7", point.version());
        // Exactly the dimension set the rollout alarm names: any other key would make a different series.
        assertEquals(List.of(RequestMetrics.FUNCTION_NAME, RequestMetrics.VERSION), point.dimensionKeys());
        var latency = points.stream().filter(p -> p.rollout() && p.metric().equals(RequestMetrics.LATENCY)).toList();
        assertEquals(1, latency.size(), points.toString());
        assertEquals("Milliseconds", latency.get(0).unit());
        assertEquals("7", latency.get(0).version());
    }

    @Test
    void answeredAndRejectedRequestsCountNoServerError() {
        var version7 = new TestContext("saas-silo-acme-Products", "7");

        var points = EmfLines.during(() -> {
            assertEquals(201, handler(Optional.empty()).handleRequest(Events.load("product-create.json"), version7)
                    .getStatusCode());
            assertEquals(400, handler(Optional.empty()).handleRequest(Events.load("product-create-bad-json.json"),
                    version7).getStatusCode());
        });

        var serverErrors = points.stream().filter(p -> p.rollout() && p.metric().equals(RequestMetrics.SERVER_ERRORS)).toList();
        assertEquals(2, serverErrors.size(), points.toString());
        serverErrors.forEach(p -> assertEquals(0.0, p.value(), p.toString()));
    }

    @Test
    void everyRequestLogsOneJsonLineKeyedByTenantId() {
        invoke("product-create.json");
        invoke("product-create-bad-json.json");
        invoke("product-create-no-tenant-claim.json");

        List<JsonNode> lines = context.jsonLines();
        assertEquals(3, lines.size());
        assertEquals("acme", lines.get(0).get("tenantId").asText());
        assertEquals(201, lines.get(0).get("status").asInt());
        assertEquals("acme", lines.get(1).get("tenantId").asText());
        assertEquals(400, lines.get(1).get("status").asInt());
        assertFalse(lines.get(2).has("tenantId"), "no tenant is known on a 401");
        assertEquals(401, lines.get(2).get("status").asInt());
    }

    @Test
    void pooledHandlerWiredFromTheEnvironmentSignsItsCallsWithTheCallersTenantSession() {
        // The pooled table in an account of its own, with the tenant-access role: the function's own key acts in
        // moto's default account, so only a session of that role can write the item there.
        MotoAccount pooled = MotoAccount.fresh();
        String role = "arn:aws:iam::" + pooled + ":role/saas-pooled-tenant-access";
        String tableArn = "arn:aws:dynamodb:us-east-1:" + pooled + ":table/";
        String table = "products-" + UUID.randomUUID();
        try (var dynamo = pooled.configure(DynamoDbClient.builder(), "us-east-1").build()) {
            dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            a -> a.attributeName(ShardedTenantTable.PARTITION_KEY).attributeType(ScalarAttributeType.S),
                            a -> a.attributeName(ProductRepository.SORT_KEY).attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName(ShardedTenantTable.PARTITION_KEY).keyType(KeyType.HASH),
                            k -> k.attributeName(ProductRepository.SORT_KEY).keyType(KeyType.RANGE)));
            Map<String, String> env = environment();
            env.put("TABLE_NAME", table);
            env.put("TENANT_ACCESS_ROLE_ARN", role);
            env.put("TENANT_TABLE_ARNS", tableArn + table + "," + tableArn + "orders");
            env.put("TENANT_TABLE_KEY_ARNS", TABLE_KEY);
            env.put("STS_ENDPOINT", Moto.get().endpoint().toString());

            var response = withLocalCredentials(() -> new ProductHandler(env)
                    .handleRequest(Events.load("product-create.json"), context));

            assertEquals(201, response.getStatusCode(), response.getBody());
            assertEquals(1, dynamo.scan(r -> r.tableName(table)).count(), "written with the tenant's session");
        }
        // moto's own record of the AssumeRole it answered (moto issues the session, it does not evaluate the policy).
        List<JsonNode> assumed = assumedRoles(role);
        assertEquals(1, assumed.size());
        assertEquals("tenant-acme", assumed.get(0).get("session_name").asText());
        String policy = assumed.get(0).get("policy").asText();
        assertTrue(policy.contains("\"dynamodb:LeadingKeys\":[\"acme-0\",\"acme-1\",\"acme-2\",\"acme-3\"]"),
                policy);
        assertTrue(policy.contains("\"Resource\":[\"" + TABLE_KEY + "\"]"), policy);
    }

    /** The sessions moto's STS issued for {@code roleArn}, from moto's state ({@code /moto-api/data.json}). */
    private static List<JsonNode> assumedRoles(String roleArn) {
        try {
            HttpResponse<String> state = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(Moto.get().endpoint().resolve("/moto-api/data.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> sessions = new ArrayList<>();
            new ObjectMapper().readTree(state.body()).path("sts").path("AssumedRole").forEach(session -> {
                if (roleArn.equals(session.path("role_arn").asText())) {
                    sessions.add(session);
                }
            });
            return sessions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void pooledHandlerWithoutTheTenantAccessRoleFailsAtInitNamingTheVariable() {
        var e = assertThrows(IllegalStateException.class, () -> new ProductHandler(environment()));
        assertTrue(e.getMessage().contains("TENANT_ACCESS_ROLE_ARN"), e.getMessage());
    }

    @Test
    void siloHandlerWiredFromTheEnvironmentUsesItsOwnRoleAndTheEndpointOverride() {
        Map<String, String> env = environment();
        env.put("TENANT_ID", "acme");

        var response = withLocalCredentials(() -> new ProductHandler(env)
                .handleRequest(Events.load("product-create.json"), context));

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(1, itemCount());
    }

    @Test
    void handlerWiredFromTheEnvironmentSignsPageTokensWithTheKeyInItsSecret() {
        Map<String, String> env = environment();
        env.put("TENANT_ID", "acme");
        var handler = withLocalCredentials(() -> {
            var h = new ProductHandler(env);
            h.handleRequest(Events.load("product-create.json"), context);
            return h.handleRequest(Events.load("product-create.json"), context);
        });
        assertEquals(201, handler.getStatusCode(), handler.getBody());
        var fromEnv = new ProductHandler(env);
        var list = Events.load("product-list.json");

        List<String> listed = new ArrayList<>();
        String token = null;
        do {
            list.setQueryStringParameters(token == null ? Map.of("limit", "1") : Map.of("limit", "1", "nextToken", token));
            JsonNode page = Events.json(withLocalCredentials(() -> fromEnv.handleRequest(list, context)).getBody());
            assertTrue(page.get("items").size() <= 1, page.toString());
            page.get("items").forEach(item -> listed.add(item.get("productId").asText()));
            token = page.has("nextToken") ? page.get("nextToken").asText() : null;
        } while (token != null);

        assertEquals(2, listed.size(), "two products, each on a page of its own: " + listed);
        assertEquals(2, new java.util.HashSet<>(listed).size(), listed.toString());
        // A token signed with the test key (not the secret's) is refused: the key really comes from the secret.
        String otherKey = TestPageTokens.of("products", ProductRepository.SORT_KEY)
                .encode(new TenantId("acme"), functions.shared.ShardCursor.first());
        list.setQueryStringParameters(Map.of("nextToken", otherKey));
        assertError(withLocalCredentials(() -> fromEnv.handleRequest(list, context)), 400,
                "ValidationError");
    }

    @Test
    void handlerWithoutItsPageTokenSecretFailsAtInitNamingTheVariable() {
        Map<String, String> env = environment();
        env.put("TENANT_ID", "acme");
        env.remove(PageTokenKey.SECRET_ARN);

        var e = assertThrows(IllegalStateException.class, () -> new ProductHandler(env));
        assertTrue(e.getMessage().contains(PageTokenKey.SECRET_ARN), e.getMessage());
    }

    @Test
    void listRefusesABadNextTokenWith400NamingIt() {
        invoke("product-create.json");
        var list = Events.load("product-list.json");
        list.setQueryStringParameters(Map.of("nextToken", "forged.token"));

        JsonNode body = assertError(handler(Optional.empty()).handleRequest(list, context), 400,
                "ValidationError");
        assertTrue(body.get("message").asText().startsWith("nextToken: "), body.toString());
    }

    private Map<String, String> environment() {
        var env = new HashMap<String, String>();
        env.put("TABLE_NAME", tableName);
        env.put("SHARD_COUNT", "4");
        env.put("AWS_REGION", "us-east-1");
        env.put("DYNAMODB_ENDPOINT", tables.endpoint().toString());
        TestPageTokens.addMotoSecret(env);
        return env;
    }

    // The production credential chain reads these first; moto files a key it did not issue under its default account.
    private static APIGatewayProxyResponseEvent withLocalCredentials(Supplier<APIGatewayProxyResponseEvent> run) {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        try {
            return run.get();
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
