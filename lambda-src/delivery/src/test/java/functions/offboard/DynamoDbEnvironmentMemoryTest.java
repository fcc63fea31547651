package functions.offboard;

import static functions.offboard.FleetStacks.env;
import static functions.offboard.FleetStacks.siloStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.MotoDynamoDb;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The environments table on moto's DynamoDB, with the key schema the pipeline stack deploys. */
class DynamoDbEnvironmentMemoryTest {

    private static final Env EU_333 = env("333333333333", "eu-west-1");
    private static final Env LONELY = env("555555555555", "ap-southeast-2");

    private final DynamoDbClient dynamoDb = MotoDynamoDb.get().client();
    private String table;
    private DynamoDbEnvironmentMemory memory;

    @BeforeEach
    void createTable() {
        table = "environments-" + UUID.randomUUID();
        dynamoDb.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("environment")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("environment").keyType(KeyType.HASH).build()));
        memory = new DynamoDbEnvironmentMemory(dynamoDb, table);
    }

    @Test
    void remembersRecallsAndForgets() {
        memory.remember(List.of(EU_333, LONELY));
        memory.remember(List.of(EU_333));

        assertEquals(Set.of(EU_333, LONELY), memory.recall());

        memory.forget(LONELY);
        assertEquals(Set.of(EU_333), memory.recall());
    }

    @Test
    void recallReadsEveryPage() {
        // 1 MB scan pages would need far more items; a low scan limit proves the paginator follows the keys.
        var many = IntStream.range(0, 30).mapToObj(i -> env(String.format("%012d", i), "us-east-1")).toList();
        memory.remember(many);

        var small = new DynamoDbEnvironmentMemory(dynamoDb, table, 7);
        assertEquals(30, small.recall().size());
    }

    @Test
    void aMalformedItemFailsTheRecallNamingIt() {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("environment", AttributeValue.fromS("12345/us-east-1"))));

        var e = assertThrows(IllegalStateException.class, memory::recall);

        assertTrue(e.getMessage().contains("'12345/us-east-1'"), e.getMessage());
    }

    @Test
    void aStackInAnAccountThatLeftThePlanIsDeletedOnTheRunAfterItsTenantLeft() {
        try (var fleet = new MotoFleet()) {
            deleteAfterItsTenantLeft(fleet, fleet.env("555555555555", "ap-southeast-2"));
        }
    }

    // On moto: the lonely account is a fresh one, the plan's accounts are the fleet's.
    private void deleteAfterItsTenantLeft(MotoFleet fleet, Env lonely) {
        fleet.add(lonely, siloStack("stark"));
        var withStark = FleetPlanReader.read(fleet.plan(Plans.edited(root -> {
            var pipeline = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("pipelines").get(0);
            var waves = pipeline.get("waves");
            var stacks = (com.fasterxml.jackson.databind.node.ArrayNode) waves.get(waves.size() - 1).get("stacks");
            stacks.addObject().put("kind", "SILO_TENANT").put("stackName", "saas-silo-stark").put("tenantId", "stark")
                    .put("tier", "PLATINUM").put("account", lonely.account()).put("region", lonely.region());
            pipeline.put("stackCount", pipeline.get("stackCount").asInt() + 1);
        })));
        try (var directory = fleet.directory()) {
            new Offboarder(directory, memory, tenantId -> java.util.Optional.empty(), 5).offboard(withStark);
        }
        assertEquals(List.of(), fleet.deletions());

        // stark leaves the catalog, and with it the plan's only stack in the lonely account.
        OffboardSummary summary;
        try (var directory = fleet.directory()) {
            summary = new Offboarder(directory, memory, tenantId -> java.util.Optional.empty(), 5)
                    .offboard(fleet.sample());
        }

        assertEquals(List.of(new FleetStacks.Deletion(lonely, "saas-silo-stark")), fleet.deletions());
        assertEquals(List.of(), fleet.stackNames(lonely));
        assertTrue(summary.succeeded());
        assertTrue(memory.recall().contains(lonely));
    }
}
