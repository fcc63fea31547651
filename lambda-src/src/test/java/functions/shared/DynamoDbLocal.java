package functions.shared;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * One in-memory DynamoDB Local server per test JVM, on a free loopback port, reached through the same
 * SDK client setup the functions use. Tests get a fresh uniquely named table each, so they never share data.
 * (DynamoDB Local 3.x moved {@code ServerRunner} from {@code com.amazonaws.services.dynamodbv2.local} to
 * {@code software.amazon.dynamodb.services.local}.)
 */
public final class DynamoDbLocal {

    private static DynamoDbLocal instance;

    private final URI endpoint;
    private final DynamoDbClient client;

    private DynamoDbLocal(URI endpoint, DynamoDbClient client) {
        this.endpoint = endpoint;
        this.client = client;
    }

    public static synchronized DynamoDbLocal get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public DynamoDbClient client() {
        return client;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Creates a table with the functions' key schema: {@code shardId} + {@code sortKey}, both strings. */
    public String createTable(String sortKey) {
        String name = "t-" + UUID.randomUUID();
        client.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(ShardedTenantTable.PARTITION_KEY)
                                .attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(sortKey)
                                .attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(ShardedTenantTable.PARTITION_KEY)
                                .keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build()));
        client.waiter().waitUntilTableExists(r -> r.tableName(name));
        return name;
    }

    /** A fresh uniquely named table keyed by {@code hashKey} (and {@code rangeKey} unless null), strings both. */
    public String createKeyedTable(String hashKey, String rangeKey) {
        String name = "t-" + UUID.randomUUID();
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(hashKey).attributeType(ScalarAttributeType.S).build());
        keys.add(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build());
        if (rangeKey != null) {
            attributes.add(AttributeDefinition.builder().attributeName(rangeKey)
                    .attributeType(ScalarAttributeType.S).build());
            keys.add(KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build());
        }
        client.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes).keySchema(keys));
        client.waiter().waitUntilTableExists(r -> r.tableName(name));
        return name;
    }

    /** Another client of the same server whose requests pass {@code interceptor} first (to inject failures). */
    public DynamoDbClient clientWith(ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor))
                .build();
    }

    private static DynamoDbLocal start() {
        int port = freeLoopbackPort();
        try {
            // -disableTelemetry: a test server has no business sending usage data off this machine.
            // -sharedDb: one database whatever the access key; otherwise DynamoDB Local keeps one per key and region,
            // and a pooled function's calls, signed with each tenant's assumed key, would not find the tables.
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                    "-inMemory", "-sharedDb", "-port", String.valueOf(port), "-disableTelemetry"});
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // The JVM is exiting; nothing useful to do with a failed stop.
                }
            }));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start DynamoDB Local on port " + port, e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        return new DynamoDbLocal(endpoint, client);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
