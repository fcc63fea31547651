package functions.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import functions.shared.EmfLines;
import functions.shared.EmfLines.DataPoint;
import functions.shared.Events;
import functions.shared.MotoDynamoDb;
import functions.shared.ShardedTenantTable;
import functions.shared.Sharding;
import functions.shared.Telemetry;
import functions.shared.TenantId;
import functions.shared.TestContext;
import functions.shared.TestPageTokens;
import functions.shared.XRayDaemonPackets;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What one product API request leaves behind for operators, read from what the real handler printed: a log line
 * with the tenant fields at the top level, the per-tier EMF document (pooled: tenant as a property; silo: as a
 * dimension) with the DynamoDB capacity the request consumed, and an X-Ray subsegment annotated with the tenant.
 */
class ProductTelemetryTest {

    private final MotoDynamoDb tables = MotoDynamoDb.get();
    private final TestContext context = new TestContext("saas-pooled-basic-Products", "3");
    private ProductService service;

    @BeforeEach
    void freshTable() {
        String tableName = tables.createTable(ProductRepository.SORT_KEY);
        // Built as DynamoDbClientFactory builds the functions' clients: with the consumed-capacity interceptor.
        DynamoDbClient client = testsupport.Moto.get().configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(Telemetry.dynamoDbInterceptor())).build();
        service = new ProductService(new ProductRepository(new ShardedTenantTable(client, tableName,
                ProductRepository.SORT_KEY, new Sharding(4))), TestPageTokens.of("products", ProductRepository.SORT_KEY));
    }

    // As the fleet's Lambda authorizer passes the caller to the function (functions.authorizer.Authorizer).
    private static APIGatewayProxyRequestEvent createByTenantAdminOf(String tenant, String tier) {
        APIGatewayProxyRequestEvent event = Events.load("product-create.json");
        Map<String, Object> authorizer = new HashMap<>();
        authorizer.put("principalId", "7d1e4a52-0c0f-4a3c-8c51-2f9b8b7f3c11");
        authorizer.put("tenantId", tenant);
        authorizer.put("userRole", "TenantAdmin");
        authorizer.put("tier", tier);
        event.getRequestContext().setAuthorizer(authorizer);
        return event;
    }

    @Test
    void theRequestsLogLineCarriesTenantTierRoleAndTheLambdaContextAsTopLevelFields() {
        assertEquals(201, new ProductHandler(service, Optional.empty())
                .handleRequest(createByTenantAdminOf("acme", "BASIC"), context).getStatusCode());

        List<JsonNode> lines = context.jsonLines();
        assertEquals(1, lines.size(), lines.toString());
        JsonNode line = lines.get(0);
        assertEquals("request", line.get("message").asText());
        assertEquals("INFO", line.get("level").asText());
        assertEquals("acme", line.get("tenantId").asText());
        assertEquals("BASIC", line.get("tier").asText());
        assertEquals("TenantAdmin", line.get("role").asText());
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", line.get("requestId").asText());
        assertEquals("saas-pooled-basic-Products", line.get("functionName").asText());
        assertEquals("3", line.get("functionVersion").asText());
        assertTrue(line.get("coldStart").isBoolean(), line.toString());
        assertTrue(line.has("service") && line.has("timestamp"), line.toString());
        assertEquals(201, line.get("status").asInt());
    }

    @Test
    void aPooledRequestIsCountedByServiceAndTierWithTheTenantAsAPropertyAndItsConsumedCapacity() {
        List<JsonNode> documents = EmfLines.documentsDuring(() -> assertEquals(201,
                new ProductHandler(service, Optional.empty())
                        .handleRequest(createByTenantAdminOf("acme", "BASIC"), context).getStatusCode()));

        JsonNode tierDocument = documentWith(documents, List.of("Service", "Tier"));
        assertEquals("BASIC", tierDocument.get("Tier").asText(), "no TIER variable: the caller's tier");
        assertEquals("acme", tierDocument.get("tenantId").asText(), "tenant as a property");
        assertFalse(tierDocument.has("TenantId"), "never a dimension in a pooled stack");
        assertEquals(1.0, tierDocument.get(Telemetry.REQUESTS).asDouble());
        assertEquals(0.0, tierDocument.get(Telemetry.CLIENT_ERRORS).asDouble());
        assertEquals(0.0, tierDocument.get(Telemetry.SERVER_ERRORS).asDouble());
        assertTrue(tierDocument.has(Telemetry.LATENCY));
        assertTrue(tierDocument.get(Telemetry.CONSUMED_WRITE_CAPACITY).asDouble() > 0, tierDocument.toString());
        assertEquals(0.0, tierDocument.get(Telemetry.CONSUMED_READ_CAPACITY).asDouble(), tierDocument.toString());
        // The rollout's own document stays as it was.
        JsonNode rollout = documentWith(documents, List.of("FunctionName", "Version"));
        assertEquals("3", rollout.get("Version").asText());
    }

    @Test
    void aSiloRequestCarriesTheSiloTenantAsADimensionAndAClientErrorIsCounted() {
        APIGatewayProxyRequestEvent other = createByTenantAdminOf("globex", "PLATINUM");

        List<DataPoint> points = EmfLines.during(() -> assertEquals(403,
                new ProductHandler(service, Optional.of(new TenantId("acme"))).handleRequest(other, context)
                        .getStatusCode()));

        DataPoint clientErrors = points.stream().filter(p -> p.metric().equals(Telemetry.CLIENT_ERRORS)).findFirst()
                .orElseThrow();
        assertEquals(List.of("Service", "Tier", "TenantId"), clientErrors.dimensionKeys());
        assertEquals("acme", clientErrors.field("TenantId"), "the stack's tenant, not the caller's claim");
        assertEquals(1.0, clientErrors.value());
    }

    @Test
    void aTracedRequestSendsASubsegmentAnnotatedWithTenantAndTierToTheXRayDaemon() throws Exception {
        try (DatagramSocket daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            daemon.setSoTimeout(5000);
            System.setProperty("com.amazonaws.xray.emitters.daemonAddress", "127.0.0.1:" + daemon.getLocalPort());
            System.setProperty("com.amazonaws.xray.traceHeader",
                    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
            try {
                assertEquals(201, new ProductHandler(service, Optional.empty())
                        .handleRequest(createByTenantAdminOf("acme", "BASIC"), context).getStatusCode());
            } finally {
                System.clearProperty("com.amazonaws.xray.traceHeader");
            }

            JsonNode subsegment = receiveSubsegment(daemon);
            assertEquals("1-5759e988-bd862e3fe1be46a994272793", subsegment.get("trace_id").asText());
            assertEquals("53995c3f42cd8ad8", subsegment.get("parent_id").asText());
            assertEquals("acme", subsegment.get("annotations").get("TenantId").asText());
            assertEquals("BASIC", subsegment.get("annotations").get("Tier").asText());
        }
    }

    private static JsonNode receiveSubsegment(DatagramSocket daemon) {
        return XRayDaemonPackets.first(daemon, d -> d.has("annotations"))
                .orElseThrow(() -> new AssertionError("no subsegment with annotations reached the daemon"));
    }

    private static JsonNode documentWith(List<JsonNode> documents, List<String> dimensions) {
        return documents.stream().filter(d -> {
            List<String> keys = new ArrayList<>();
            d.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").get(0).forEach(k -> keys.add(k.asText()));
            return keys.equals(dimensions);
        }).findFirst().orElseThrow(() -> new AssertionError("no document dimensioned " + dimensions + ": " + documents));
    }
}
