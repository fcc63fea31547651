package functions.metering;

import com.fasterxml.jackson.databind.ObjectMapper;
import functions.provisioning.AssumedRoleStacks;
import functions.provisioning.StackClients;
import functions.provisioning.StackCredentials;
import functions.provisioning.StackResources;
import functions.shared.MotoAccount;
import functions.shared.MotoDynamoDb;
import functions.shared.MotoStacks;
import functions.shared.RecordedAnswers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.sts.StsClient;
import testsupport.Moto;

/**
 * One test's fleet on the JVM's moto server: fresh TenantDetails, TenantUsage and TenantCost tables; pooled or silo
 * stacks (CloudFormation outputs, a usage plan and tenant tables, in their own fresh account and region) that the usage collector
 * reaches through STS AssumeRole of each stack's control-plane role, as in AWS; and a Cost Explorer account whose
 * GetCostAndUsage answers are configured through moto's {@code /moto-api/static/ce/cost-and-usage-results}.
 * API Gateway GetUsage is not implemented by moto 5.2.1: its answers are recorded AWS responses
 * ({@link RecordedAnswers}, files under {@code src/test/resources/aws/}).
 */
final class MeteringWorld {

    private static final ObjectMapper JSON = new ObjectMapper();

    final DynamoDbClient dynamo = MotoDynamoDb.get().client();
    final String details = MotoDynamoDb.get().createKeyedTable("tenantId", null);
    final String usage = MotoDynamoDb.get().createKeyedTable("tenantId", "day");
    final String cost = MotoDynamoDb.get().createKeyedTable("tenantId", "day");
    final MotoAccount costAccount = MotoAccount.fresh();
    final RecordedAnswers apiGatewayWire = new RecordedAnswers(UrlConnectionHttpClient.create());
    final Clock clock;

    MeteringWorld(Clock clock) {
        this.clock = clock;
    }

    /** Shards per tenant of every stack of the world. */
    static final int SHARDS = 4;
    private static final AtomicInteger TABLES = new AtomicInteger();
    // Per stack name: its DynamoDB client (the stack's account and region) and its tenant tables by logical name.
    private final Map<String, DynamoDbClient> stackDynamo = new HashMap<>();
    private final Map<String, Map<String, String>> stackTables = new HashMap<>();

    /**
     * A deployed fleet stack with a usage plan of one API stage and empty ProductTable and OrderTable tenant tables
     * (real tables in the stack's account and region, named in its TenantTables output); its plan id.
     */
    String stack(String stackName, MotoAccount account, String region) {
        return stack(stackName, account, region, true);
    }

    /** As above; without tables and without the TenantTables output when {@code withTables} is false. */
    String stack(String stackName, MotoAccount account, String region, boolean withTables) {
        ApiGatewayClient apiGateway = account.configure(ApiGatewayClient.builder(), region).build();
        String planId = apiGateway.createUsagePlan(r -> r.name(stackName + "-plan")
                .apiStages(s -> s.apiId("a1b2c3d4e5").stage("prod"))).id();
        Map<String, String> outputs = new HashMap<>(Map.of(
                StackResources.USER_POOL_ID, region + "_AbCdEfGhI", StackResources.APP_CLIENT_ID, "client",
                StackResources.USAGE_PLAN_ID, planId, StackResources.TENANT_API_KEYS_TABLE, "TenantApiKeys",
                StackResources.SHARD_COUNT, Integer.toString(SHARDS)));
        if (withTables) {
            DynamoDbClient stackDb = account.configure(DynamoDbClient.builder(), region).build();
            Map<String, String> tables = new LinkedHashMap<>();
            tables.put("ProductTable", tenantTable(stackDb, stackName + "-products-" + TABLES.incrementAndGet(),
                    "productId"));
            tables.put("OrderTable", tenantTable(stackDb, stackName + "-orders-" + TABLES.incrementAndGet(),
                    "orderId"));
            stackDynamo.put(stackName, stackDb);
            stackTables.put(stackName, tables);
            outputs.put(StackResources.TENANT_TABLES, tables.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        }
        new MotoStacks(account.configure(CloudFormationClient.builder(), region).build()).create(stackName, outputs);
        return planId;
    }

    private static String tenantTable(DynamoDbClient db, String name, String sortKey) {
        db.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("shardId").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("shardId").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName(sortKey).attributeType("S").build()));
        return name;
    }

    /**
     * Stores {@code count} items of {@code tenantId} in the stack's tenant table {@code logicalName}, spread over the
     * tenant's shards (item i on shard i mod {@link #SHARDS}), each with a payload of {@code payloadChars}.
     */
    void storeItems(String stackName, String logicalName, String tenantId, int count, int payloadChars) {
        String table = stackTables.get(stackName).get(logicalName);
        String sortKey = logicalName.equals("ProductTable") ? "productId" : "orderId";
        String payload = "x".repeat(payloadChars);
        for (int i = 0; i < count; i++) {
            int n = i;
            stackDynamo.get(stackName).putItem(r -> r.tableName(table).item(Map.of(
                    "shardId", AttributeValue.fromS(tenantId + "-" + (n % SHARDS)),
                    sortKey, AttributeValue.fromS("item-" + n), "payload", AttributeValue.fromS(payload))));
        }
    }

    /** True when one Query Select=COUNT of {@code shardKey} in the stack's table stops with a LastEvaluatedKey. */
    boolean firstCountPageIsPartial(String stackName, String logicalName, String shardKey) {
        var page = stackDynamo.get(stackName).query(r -> r.tableName(stackTables.get(stackName).get(logicalName))
                .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)
                .keyConditionExpression("shardId = :pk").expressionAttributeValues(Map.of(":pk",
                        AttributeValue.fromS(shardKey))));
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
    }

    /** API Gateway answers GetUsage of {@code planId} with the recorded response {@code resource}. */
    void usageOf(String planId, String resource) {
        apiGatewayWire.answer(r -> r.http().encodedPath().equals("/usageplans/" + planId + "/usage"), resource);
    }

    void tenant(String tenantId, String tier, String status, String stackName, MotoAccount account, String region,
                String apiKeyId) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenantId", AttributeValue.fromS(tenantId));
        item.put("tier", AttributeValue.fromS(tier));
        item.put("status", AttributeValue.fromS(status));
        item.put("adminEmail", AttributeValue.fromS("admin@" + tenantId + ".example"));
        item.put("stackName", AttributeValue.fromS(stackName));
        item.put("stackAccount", AttributeValue.fromS(account.id()));
        item.put("stackRegion", AttributeValue.fromS(region));
        if (apiKeyId != null) {
            item.put("apiKeyId", AttributeValue.fromS(apiKeyId));
        }
        dynamo.putItem(r -> r.tableName(details).item(item));
    }

    /** Cost Explorer's answers to the next distinct GetCostAndUsage requests of the cost account, in order. */
    void costExplorerAnswers(List<Map<String, Object>> results) {
        costExplorerAnswers(costAccount, results);
    }

    /**
     * Cost Explorer's answers in {@code account}: moto hands the queued results out one per distinct request body,
     * in call order, and answers a body it has seen with the same result again.
     */
    static void costExplorerAnswers(MotoAccount account, List<Map<String, Object>> results) {
        try {
            String body = JSON.writeValueAsString(Map.of("account_id", account.id(), "results", results));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            Moto.get().endpoint().resolve("/moto-api/static/ce/cost-and-usage-results"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("moto-api answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One day's result of GetCostAndUsage grouped by the tenant tag: {@code TenantId$<value>} to amount. */
    static Map<String, Object> groupedResult(String day, String nextDay, Map<String, String> amountsByKey) {
        return groupedResult(day, nextDay, amountsByKey, false);
    }

    /** As above, with Cost Explorer's {@code Estimated} flag (true while the day's figures are not final). */
    static Map<String, Object> groupedResult(String day, String nextDay, Map<String, String> amountsByKey,
                                             boolean estimated) {
        List<Map<String, Object>> groups = amountsByKey.entrySet().stream().map(e -> Map.<String, Object>of(
                "Keys", List.of(e.getKey()),
                "Metrics", Map.of("UnblendedCost", Map.of("Amount", e.getValue(), "Unit", "USD")))).toList();
        return Map.of("ResultsByTime", List.of(Map.of("TimePeriod", Map.of("Start", day, "End", nextDay),
                "Total", Map.of(), "Groups", groups, "Estimated", estimated)), "DimensionValueAttributes", List.of());
    }

    /** One day's ungrouped result: the total. */
    static Map<String, Object> totalResult(String day, String nextDay, String amount) {
        return totalResult(day, nextDay, amount, false);
    }

    /** As above, with Cost Explorer's {@code Estimated} flag. */
    static Map<String, Object> totalResult(String day, String nextDay, String amount, boolean estimated) {
        return Map.of("ResultsByTime", List.of(Map.of("TimePeriod", Map.of("Start", day, "End", nextDay),
                "Total", Map.of("UnblendedCost", Map.of("Amount", amount, "Unit", "USD")), "Groups", List.of(),
                "Estimated", estimated)), "DimensionValueAttributes", List.of());
    }

    CostExplorerClient costExplorer() {
        return costExplorer(costAccount);
    }

    static CostExplorerClient costExplorer(MotoAccount account) {
        return account.configure(CostExplorerClient.builder(), "us-east-1").build();
    }

    /** The accounts of the worked example's fleet. */
    record Fleet(MotoAccount basic, MotoAccount standard, MotoAccount silo) {

        functions.provisioning.PooledTierStacks pooled() {
            return functions.provisioning.PooledTierStacks.parse("BASIC=" + basic + "/us-east-1,STANDARD=" + standard
                    + "/eu-west-1");
        }
    }

    /**
     * The worked example: BASIC in one account/us-east-1 with basic-a, -b, -c (1000 requests each on the day) and
     * basic-d (none), plus an offboarded basic-gone; STANDARD in another account/eu-west-1 with std-x (2000) and
     * std-y (1000); the silo tenant acme (50) in a third account/us-west-2.
     */
    Fleet workedExampleFleet() {
        Fleet fleet = new Fleet(MotoAccount.fresh(), MotoAccount.fresh(), MotoAccount.fresh());
        usageOf(stack("saas-pooled-basic", fleet.basic(), "us-east-1"), "aws/apigateway-get-usage-basic.json");
        usageOf(stack("saas-pooled-standard", fleet.standard(), "eu-west-1"),
                "aws/apigateway-get-usage-standard.json");
        usageOf(stack("saas-silo-acme", fleet.silo(), "us-west-2"), "aws/apigateway-get-usage-silo-acme.json");
        for (String t : List.of("a", "b", "c", "d")) {
            tenant("basic-" + t, "BASIC", "ACTIVE", "saas-pooled-basic", fleet.basic(), "us-east-1", "key-basic-" + t);
        }
        tenant("basic-gone", "BASIC", "OFFBOARDED", "saas-pooled-basic", fleet.basic(), "us-east-1", "key-gone");
        tenant("std-x", "STANDARD", "ACTIVE", "saas-pooled-standard", fleet.standard(), "eu-west-1", "key-std-x");
        tenant("std-y", "STANDARD", "INACTIVE", "saas-pooled-standard", fleet.standard(), "eu-west-1", "key-std-y");
        tenant("acme", "PLATINUM", "ACTIVE", "saas-silo-acme", fleet.silo(), "us-west-2", "key-acme");
        return fleet;
    }

    TenantUsageTable usageTable() {
        return new TenantUsageTable(dynamo, usage);
    }

    TenantCostTable costTable() {
        return new TenantCostTable(dynamo, cost);
    }

    TenantDirectory directory() {
        return new TenantDirectory(dynamo, details);
    }

    MeteringMetrics metrics() {
        return MeteringMetrics.TELEMETRY;
    }

    UsageCollector collector() {
        return collector(List.of());
    }

    /** The collector, delivering also to {@code extraSinks}. */
    UsageCollector collector(List<BillingSink> extraSinks) {
        URI endpoint = Moto.get().endpoint();
        StsClient sts = Moto.get().configure(StsClient.builder()).build();
        StackCredentials credentials = new StackCredentials(sts, "usage-collector-test");
        var jdk = UrlConnectionHttpClient.create();
        return new UsageCollector(directory(),
                new AssumedRoleStacks(credentials, new StackClients(jdk, jdk, Optional.of(endpoint)), clock),
                new ApiGatewayPlanUsage(credentials, apiGatewayWire, Optional.of(endpoint)),
                usageTable(), extraSinks, metrics(), clock);
    }

    CostAllocator allocator(CostExplorerClient ce, functions.provisioning.PooledTierStacks pooled) {
        return new CostAllocator(directory(), usageTable(), new CostExplorerCostSource(ce, "TenantId", "Tier"),
                pooled, costTable(), metrics(), clock, "TenantId");
    }

    /** Every item of the TenantCost table (markers included), for checks that nothing was written. */
    List<Map<String, AttributeValue>> costItems() {
        return dynamo.scan(r -> r.tableName(cost).consistentRead(true)).items();
    }
}
