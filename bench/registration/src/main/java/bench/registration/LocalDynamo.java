package bench.registration;

import functions.provisioning.PlatformSettings;
import functions.provisioning.PooledTierStacks;
import functions.provisioning.StackLocation;
import functions.provisioning.StackResources;
import functions.provisioning.TenantApiKeyTable;
import functions.provisioning.Tier;
import functions.shared.DynamoDbClientFactory;
import functions.tenants.ControlPlaneConfig;
import functions.tenants.TenantRepository;
import functions.tenants.UserMappingRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * An in-memory DynamoDB Local server on a free loopback port in this JVM, the control-plane tables with the keys
 * BaselineStack gives them (plus Registrations), the {@code siloPlacement} setting, and one TenantApiKeys table per
 * pooled tier stack (in AWS each is in its stack's account and region; here all share the one server and client). The client is the one the
 * functions build ({@link DynamoDbClientFactory}: url-connection HTTP client, default credentials chain), so every
 * call pays for serialization and a loopback HTTP round trip as in the function.
 */
final class LocalDynamo implements AutoCloseable {

    static final String REGION = "us-east-1";
    static final int SHARD_COUNT = 4;

    private final DynamoDBProxyServer server;
    private final DynamoDbClient client;
    private final ControlPlaneConfig config;
    private final Map<StackLocation, StackResources> tierStacks;

    private LocalDynamo(DynamoDBProxyServer server, DynamoDbClient client, ControlPlaneConfig config,
                        Map<StackLocation, StackResources> tierStacks) {
        this.server = server;
        this.client = client;
        this.config = config;
        this.tierStacks = tierStacks;
    }

    static LocalDynamo start() throws Exception {
        int port = freeLoopbackPort();
        // -disableTelemetry: a bench has no business sending usage data off this machine.
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-port", String.valueOf(port), "-disableTelemetry"});
        server.start();
        // DynamoDB Local accepts any credentials; the default chain reads these system properties first.
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        DynamoDbClient client = DynamoDbClientFactory.create(REGION, Optional.of(URI.create("http://127.0.0.1:" + port)));
        ControlPlaneConfig config = new ControlPlaneConfig(
                createTable(client, "TenantDetails", TenantRepository.KEY, null),
                createTable(client, "TenantUserMapping", UserMappingRepository.KEY, UserMappingRepository.SORT_KEY),
                createTable(client, "TenantStackMapping", "tenantId", null),
                createTable(client, "Settings", PlatformSettings.KEY, null),
                createTable(client, "Registrations", "pk", null),
                PooledTierStacks.parse(BenchStacks.POOLED_TIER_STACKS), REGION, "saas-baseline-bench",
                Optional.of(URI.create("http://127.0.0.1:" + port)));
        Map<StackLocation, StackResources> tierStacks = new HashMap<>();
        for (Tier tier : List.of(Tier.BASIC, Tier.STANDARD, Tier.PREMIUM)) {
            String name = tier.name().toLowerCase();
            tierStacks.put(StackLocation.pooled(tier, BenchStacks.environment(tier)), new StackResources(
                    poolOf(tier), "bench-client-" + name, "bench-plan-" + name,
                    createTable(client, "TenantApiKeys-" + name, TenantApiKeyTable.KEY, null), SHARD_COUNT));
        }
        LocalDynamo local = new LocalDynamo(server, client, config, Map.copyOf(tierStacks));
        local.putSettings();
        return local;
    }

    DynamoDbClient client() {
        return client;
    }

    ControlPlaneConfig config() {
        return config;
    }

    /** The outputs of each pooled tier's stack, its TenantApiKeys table among them. */
    Map<StackLocation, StackResources> tierStacks() {
        return tierStacks;
    }

    static String poolOf(Tier tier) {
        return REGION + "_bench" + tier.name().toLowerCase() + "Pool";
    }

    /** Items in {@code table}, counted by a paginated consistent Scan. */
    long count(String table) {
        return client.scanPaginator(r -> r.tableName(table).consistentRead(true)
                .select(Select.COUNT))
                .stream().mapToLong(page -> page.count()).sum();
    }

    /** Every item of {@code table} (consistent Scan, all pages). */
    List<Map<String, AttributeValue>> items(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.stop();
    }

    // Each pooled tier is in one environment, so no tier#<TIER> item is needed (nor read).
    private void putSettings() {
        put(PlatformSettings.SILO_PLACEMENT, Map.of("account", AttributeValue.fromS("333333333333"),
                "region", AttributeValue.fromS("eu-west-1"), "wave", AttributeValue.fromN("2")));
    }

    private void put(String settingName, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put(PlatformSettings.KEY, AttributeValue.fromS(settingName));
        client.putItem(r -> r.tableName(config.settingsTable()).item(item));
    }

    private static String createTable(DynamoDbClient client, String name, String hashKey, String rangeKey) {
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

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
