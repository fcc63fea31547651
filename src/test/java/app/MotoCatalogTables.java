package app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import testsupport.Moto;
import testsupport.MotoTables;

/**
 * Catalog tables on the JVM's one moto server ({@link Moto}), reached on loopback through the SDK exactly as the
 * synth reaches the real table. Each test creates its own uniquely named table.
 */
final class MotoCatalogTables {

    private static final int BATCH_LIMIT = 25;
    private static MotoCatalogTables instance;

    private final DynamoDbClient client;

    private MotoCatalogTables() {
        this.client = Moto.get().configure(DynamoDbClient.builder()).build();
    }

    static synchronized MotoCatalogTables get() {
        if (instance == null) {
            instance = new MotoCatalogTables();
        }
        return instance;
    }

    DynamoDbClient client() {
        return client;
    }

    /** A new client to this server, e.g. to watch its requests; the caller closes it. */
    DynamoDbClient client(ExecutionInterceptor interceptor) {
        return Moto.get().configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)).build();
    }

    /**
     * A client to a loopback port nobody listens on: fails fast (connection refused, no retries, 2 s cap)
     * the way an unreachable endpoint fails after the SDK's retries.
     */
    static DynamoDbClient unreachableClient() {
        return Moto.get().configure(DynamoDbClient.builder())
                .endpointOverride(URI.create("http://127.0.0.1:" + freeLoopbackPort()))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(2))
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Creates a table keyed like TenantStackMapping ({@code tenantId}, a string) and returns its name. */
    String createTenantStackMapping() {
        return createTable("tenantId");
    }

    /** Creates a table whose partition key is the string {@code key} and returns its name. */
    String createTable(String key) {
        String name = "TenantStackMapping-" + UUID.randomUUID();
        MotoTables.createStringKeyed(client, name, key, null);
        return name;
    }

    /** Writes the items in batches of 25, retrying whatever DynamoDB leaves unprocessed. */
    void put(String table, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += BATCH_LIMIT) {
            List<WriteRequest> batch = new ArrayList<>();
            for (var item : items.subList(from, Math.min(items.size(), from + BATCH_LIMIT))) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                var request = pending;
                pending = client.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
            }
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
