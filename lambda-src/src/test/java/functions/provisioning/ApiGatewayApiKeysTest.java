package functions.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/** The real API key client against a loopback stub of API Gateway's REST JSON protocol: nothing reaches AWS. */
class ApiGatewayApiKeysTest {

    private static final String TENANT = "0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the stub received it. */
    record Received(String method, String path, Map<String, String> query, JsonNode body) {
    }

    private final List<Received> received = new ArrayList<>();
    private final Map<String, ObjectNode> keysById = new LinkedHashMap<>();
    private final Set<String> planKeys = new HashSet<>();
    private HttpServer server;
    private ApiGatewayApiKeys apiKeys;
    private String concurrentCreate;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        apiKeys = new ApiGatewayApiKeys(ApiGatewayClient.builder()
                .httpClient(ApacheHttpClient.create())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .build());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void createIsIdempotentByTenantIdAndAttachesTheKeyToThePlan() {
        seedKey("other", TENANT + "-old");

        IssuedApiKey first = apiKeys.createForTenant(TENANT, "plan-basic");
        IssuedApiKey second = apiKeys.createForTenant(TENANT, "plan-basic");

        assertEquals(first, second, "the same key, its value read back with GetApiKey includeValue=true");
        assertEquals("value-of-" + first.id(), first.value());
        List<Received> reads = requests("GET", "/apikeys/" + first.id());
        assertEquals(1, reads.size(), "the created key's value came with CreateApiKey; the found one's is read");
        assertEquals("true", reads.get(0).query().get("includeValue"));
        assertEquals("false", requests("GET", "/apikeys").get(0).query().get("includeValues"),
                "listing never pulls every key's value");
        List<Received> creates = requests("POST", "/apikeys");
        assertEquals(1, creates.size(), "the prefix match " + TENANT + "-old is not the tenant's key");
        assertEquals(TENANT, creates.get(0).body().get("name").asText());
        assertTrue(creates.get(0).body().get("enabled").asBoolean());
        List<Received> attaches = requests("POST", "/usageplans/plan-basic/keys");
        assertEquals(2, attaches.size(), "the second attach meets a 409, which means done");
        assertEquals(first.id(), attaches.get(0).body().get("keyId").asText());
        assertEquals("API_KEY", attaches.get(0).body().get("keyType").asText());
        assertEquals(TENANT, requests("GET", "/apikeys").get(0).query().get("name"));
    }

    @Test
    void twoProvisioningsAtOnceEndWithTheOldestKeyAndDeleteTheOther() {
        concurrentCreate = "a-earlier";

        IssuedApiKey key = apiKeys.createForTenant(TENANT, "plan-basic");

        assertEquals(new IssuedApiKey("a-earlier", "value-of-a-earlier"), key, "the other provisioning's key wins");
        assertEquals(Set.of("a-earlier"), keysById.keySet(), "ours is deleted: one key per tenant on the plan");
        assertEquals(List.of("a-earlier"), requests("POST", "/usageplans/plan-basic/keys").stream()
                .map(r -> r.body().get("keyId").asText()).toList());
        // The other provisioning, converging the same way, keeps the same key.
        assertEquals(key, apiKeys.createForTenant(TENANT, "plan-basic"));
    }

    @Test
    void setEnabledAndDeleteReachEveryKeyOfTheTenantsName() {
        seedKey("dup-1", TENANT);
        seedKey("dup-2", TENANT);

        assertTrue(apiKeys.setEnabled(TENANT, false));
        assertEquals(1, requests("PATCH", "/apikeys/dup-1").size());
        assertEquals(1, requests("PATCH", "/apikeys/dup-2").size());
        apiKeys.delete(TENANT);
        assertEquals(Set.of(), keysById.keySet());
    }

    @Test
    void setEnabledPatchesTheKeyAndReportsAMissingOne() {
        String id = apiKeys.createForTenant(TENANT, "plan-basic").id();

        assertTrue(apiKeys.setEnabled(TENANT, false));
        assertFalse(apiKeys.setEnabled("fedcba9876543210fedcba9876543210", false));

        List<Received> patches = requests("PATCH", "/apikeys/" + id);
        assertEquals(1, patches.size());
        JsonNode op = patches.get(0).body().get("patchOperations").get(0);
        assertEquals("replace", op.get("op").asText());
        assertEquals("/enabled", op.get("path").asText());
        assertEquals("false", op.get("value").asText());
    }

    @Test
    void deleteRemovesOnlyTheTenantsKeyAndIgnoresAMissingOne() {
        String id = apiKeys.createForTenant(TENANT, "plan-basic").id();
        seedKey("other", TENANT + "x");

        apiKeys.delete(TENANT);
        apiKeys.delete(TENANT);

        assertEquals(1, requests("DELETE", "/apikeys/" + id).size());
        assertEquals(Set.of("other"), keysById.keySet());
    }

    private List<Received> requests(String method, String path) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private void seedKey(String id, String name) {
        // API Gateway's JSON timestamps are epoch seconds; keys are created in insertion order.
        keysById.put(id, JSON.createObjectNode().put("id", id).put("name", name).put("enabled", true)
                .put("value", "value-of-" + id).put("createdDate", 1_700_000_000L + keysById.size()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        received.add(new Received(method, path, query(exchange.getRequestURI().getRawQuery()), body));
        if (method.equals("GET") && path.equals("/apikeys")) {
            String name = query(exchange.getRequestURI().getRawQuery()).getOrDefault("name", "");
            boolean values = "true".equals(query(exchange.getRequestURI().getRawQuery()).get("includeValues"));
            ArrayNode items = JSON.createArrayNode();
            keysById.values().stream().filter(k -> k.get("name").asText().startsWith(name))
                    .map(k -> values ? k : k.deepCopy().without("value")).forEach(items::add);
            respond(exchange, 200, JSON.createObjectNode().set("item", items), null);
        } else if (method.equals("GET") && path.startsWith("/apikeys/")) {
            ObjectNode key = keysById.get(path.substring("/apikeys/".length()));
            boolean value = "true".equals(query(exchange.getRequestURI().getRawQuery()).get("includeValue"));
            respond(exchange, 200, value ? key : key.deepCopy().without("value"), null);
        } else if (method.equals("POST") && path.equals("/apikeys")) {
            if (concurrentCreate != null) {
                // Another provisioning of the same tenant created its key a moment before this one.
                seedKey(concurrentCreate, body.get("name").asText());
                concurrentCreate = null;
            }
            String id = "k" + (keysById.size() + 1);
            seedKey(id, body.get("name").asText());
            respond(exchange, 201, keysById.get(id), null);
        } else if (method.equals("POST") && path.startsWith("/usageplans/")) {
            String keyId = body.get("keyId").asText();
            if (!planKeys.add(path + "/" + keyId)) {
                respond(exchange, 409, JSON.createObjectNode().put("message", "already attached"), "ConflictException");
            } else {
                respond(exchange, 201, JSON.createObjectNode().put("id", keyId).put("type", "API_KEY"), null);
            }
        } else if (method.equals("PATCH") && path.startsWith("/apikeys/")) {
            respond(exchange, 200, keysById.get(path.substring("/apikeys/".length())), null);
        } else if (method.equals("DELETE") && path.startsWith("/apikeys/")) {
            keysById.remove(path.substring("/apikeys/".length()));
            respond(exchange, 202, null, null);
        } else {
            respond(exchange, 404, JSON.createObjectNode().put("message", "no route"), "NotFoundException");
        }
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body, String errorType)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }
}
