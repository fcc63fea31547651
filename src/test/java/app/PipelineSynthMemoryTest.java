package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import stages.StackNames;
import testsupport.Moto;
import testsupport.MotoTables;

/**
 * The pipeline's synth ({@code cdk synth -c tenantSource=dynamodb}, the app as its own process) against tables on
 * moto: a silo tenant whose account left the catalog is still in its offboarder's memory, so the synthesized
 * offboarder may still reach that account, and only because the memory says so.
 */
@Execution(ExecutionMode.CONCURRENT)
class PipelineSynthMemoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Its own fleet name keeps its tables apart from every other test's on the shared moto server. */
    private static final String FLEET = "memtest";
    private static final String LEFT = "555555555555";

    @TempDir
    Path dir;

    @Test
    void theOffboarderOfTheSynthesizedPipelineMayReachTheAccountItRemembers() throws Exception {
        var tables = MotoCatalogTables.get();
        var catalog = (ObjectNode) JSON.readTree(Path.of("tenants.json").toFile());
        catalog.put("fleetName", FLEET);
        // The smallest fleet that still has a silo tenant in the catalog (initech, account 444444444444) beside the
        // remembered account: every stack less is seconds of synth less, and the policy depends on neither.
        catalog.withArray("pooledTiers").removeIf(t -> !t.path("tier").asText().equals("BASIC"));
        catalog.withArray("tenants").removeIf(t -> !t.path("tenantId").asText().equals("initech"));
        // The shipped silo placement is the environment of a tenant removed above: the catalog rules refuse a
        // placement the fleet no longer deploys to, so this smaller fleet places new silos beside initech.
        catalog.putObject("settings").putObject("siloPlacement").put("account", "444444444444").put("region", "eu-west-1");
        var tenantsFile = dir.resolve("tenants.json");
        Files.writeString(tenantsFile, JSON.writeValueAsString(catalog));
        create(tables, StackNames.tenantStackMappingTableName(FLEET), "tenantId");
        var siloItems = new ArrayList<Map<String, AttributeValue>>();
        catalog.path("tenants").forEach(t -> {
            var item = new java.util.HashMap<>(Map.of(
                    "tenantId", AttributeValue.fromS(t.path("tenantId").asText()),
                    "tenantName", AttributeValue.fromS(t.path("tenantName").asText()),
                    "tier", AttributeValue.fromS(t.path("tier").asText()),
                    "account", AttributeValue.fromS(t.path("account").asText()),
                    "region", AttributeValue.fromS(t.path("region").asText()),
                    "canary", AttributeValue.fromBool(t.path("canary").asBoolean(false))));
            // The table holds what the file lists, budget included (the synth compares the two).
            if (t.has("monthlyBudgetUsd")) {
                item.put("monthlyBudgetUsd", AttributeValue.fromN(t.path("monthlyBudgetUsd").asText()));
            }
            siloItems.add(item);
        });
        tables.put(StackNames.tenantStackMappingTableName(FLEET), siloItems);
        var memory = StackNames.offboarderEnvironmentsTableName(StackNames.pipelineName(FLEET));
        create(tables, memory, OffboarderMemory.KEY);
        tables.put(memory, List.of(Map.of(OffboarderMemory.KEY, AttributeValue.fromS(LEFT + "/eu-central-1"))));

        var run = AppProcess.run("{\"tenantSource\": \"dynamodb\", \"tenantsFile\": \"" + tenantsFile + "\"}",
                dir.resolve("cdk.out"), Map.of(
                        "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                        "AWS_EC2_METADATA_DISABLED", "true",
                        "AWS_ENDPOINT_URL_DYNAMODB", Moto.get().endpoint().toString()));
        assertEquals(0, run.exitCode(), run.output());

        var assumable = offboarderAssumable(dir.resolve("cdk.out").resolve(StackNames.pipelineName(FLEET)
                + ".template.json"));
        assertTrue(assumable.stream().anyMatch(r -> r.contains(":iam::" + LEFT + ":role/cdk-hnb659fds-deploy-role-"
                + LEFT + "-*")), assumable::toString);
        assertTrue(assumable.stream().anyMatch(r -> r.contains(":iam::444444444444:")), assumable::toString);
        assertFalse(assumable.stream().anyMatch(r -> r.contains(":iam::*:")), assumable::toString);
    }

    private static void create(MotoCatalogTables tables, String name, String key) {
        var client = tables.client();
        if (client.listTables().tableNames().contains(name)) {
            client.deleteTable(r -> r.tableName(name));
        }
        MotoTables.createStringKeyed(client, name, key, null);
    }

    private static List<String> offboarderAssumable(Path template) throws Exception {
        var resources = new ArrayList<String>();
        for (JsonNode resource : JSON.readTree(template.toFile()).path("Resources")) {
            resource.path("Properties").path("PolicyDocument").path("Statement").forEach(statement -> {
                if (statement.path("Action").asText().equals("sts:AssumeRole")
                        && statement.path("Condition").toString().contains("bootstrap-role")) {
                    statement.path("Resource").forEach(r -> resources.add(r.toString()));
                }
            });
        }
        return resources;
    }
}
