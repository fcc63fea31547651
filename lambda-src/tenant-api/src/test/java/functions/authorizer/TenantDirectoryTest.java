package functions.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.MotoDynamoDb;
import functions.shared.MutableClock;
import functions.shared.TenantId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** The admin authorizer's view of TenantDetails: read on moto, and cached per tenant. */
class TenantDirectoryTest {

    private final DynamoDbClient dynamoDb = MotoDynamoDb.get().client();
    private final String table = MotoDynamoDb.get().createKeyedTable("tenantId", null);

    private void put(String tenant, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put("tenantId", AttributeValue.fromS(tenant));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    @Test
    void readsStatusPoolAndClientOfTheTenantWithAProjectedEventuallyConsistentGetItem() {
        put("globex", Map.of("status", AttributeValue.fromS("ACTIVE"),
                "userPoolId", AttributeValue.fromS("us-east-1_Basic123"),
                "appClientId", AttributeValue.fromS("basicclient"),
                "tenantName", AttributeValue.fromS("Globex"), "adminEmail", AttributeValue.fromS("a@globex.example")));
        put("initech", Map.of("status", AttributeValue.fromS("REGISTERING")));
        List<GetItemRequest> requests = new CopyOnWriteArrayList<>();
        DynamoDbClient recording = MotoDynamoDb.get().clientWith(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof GetItemRequest get) {
                    requests.add(get);
                }
            }
        });
        DynamoDbTenantDirectory directory = new DynamoDbTenantDirectory(recording, table);

        TenantRecord globex = directory.find(new TenantId("globex")).orElseThrow();
        assertEquals(new TenantRecord(new TenantId("globex"), "ACTIVE", Optional.of("us-east-1_Basic123"),
                Optional.of("basicclient")), globex);
        assertTrue(globex.active());
        TenantRecord initech = directory.find(new TenantId("initech")).orElseThrow();
        assertEquals(Optional.empty(), initech.userPoolId());
        assertFalse(initech.active());
        assertEquals(Optional.empty(), directory.find(new TenantId("hooli")));

        GetItemRequest request = requests.get(0);
        assertEquals(Map.of("#a0", "status", "#a1", "userPoolId", "#a2", "appClientId"),
                request.expressionAttributeNames());
        assertEquals("#a0, #a1, #a2", request.projectionExpression());
        assertTrue(request.consistentRead() == null || !request.consistentRead());
    }

    @Test
    void onlyActiveIsActive() {
        for (String status : List.of("REGISTERING", "PROVISIONING", "INACTIVE", "FAILED", "OFFBOARDED", "active", "")) {
            assertFalse(new TenantRecord(new TenantId("acme"), status, Optional.empty(), Optional.empty()).active(),
                    status);
        }
    }

    @Test
    void unreadableTableIsUnavailableNotUnknown() {
        DynamoDbTenantDirectory directory = new DynamoDbTenantDirectory(dynamoDb, "no-such-table-" + UUID.randomUUID());
        assertThrows(AuthorizerUnavailableException.class, () -> directory.find(new TenantId("acme")));
    }

    @Test
    void knownTenantIsKeptThirtySecondsAndAnUnknownOneNotAtAll() {
        AtomicInteger reads = new AtomicInteger();
        MutableClock clock = new MutableClock(TokenVerifierTest.NOW);
        TenantRecord acme = new TenantRecord(new TenantId("acme"), "ACTIVE", Optional.of("eu-west-1_Acme"),
                Optional.of("acmeclient"));
        CachingTenantDirectory cache = new CachingTenantDirectory(tenant -> {
            reads.incrementAndGet();
            return tenant.equals(acme.tenant()) ? Optional.of(acme) : Optional.empty();
        }, clock);

        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of(acme), cache.find(new TenantId("acme")));
            assertEquals(Optional.empty(), cache.find(new TenantId("hooli")));
        }
        assertEquals(6, reads.get());
        clock.advance(Duration.ofSeconds(29));
        cache.find(new TenantId("acme"));
        assertEquals(6, reads.get());
        clock.advance(Duration.ofSeconds(1));
        cache.find(new TenantId("acme"));
        assertEquals(7, reads.get());
        assertEquals(Duration.ofSeconds(30), CachingTenantDirectory.TTL);
    }

    @Test
    void failedReadIsNotRemembered() {
        AtomicInteger reads = new AtomicInteger();
        CachingTenantDirectory cache = new CachingTenantDirectory(tenant -> {
            if (reads.incrementAndGet() == 1) {
                throw new AuthorizerUnavailableException("down", null);
            }
            return Optional.empty();
        }, new MutableClock(TokenVerifierTest.NOW));

        assertThrows(AuthorizerUnavailableException.class, () -> cache.find(new TenantId("acme")));
        assertEquals(Optional.empty(), cache.find(new TenantId("acme")));
        assertEquals(2, reads.get());
    }
}
