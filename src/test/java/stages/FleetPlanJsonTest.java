package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetPlanJsonTest {

    private static FleetPlan plan() {
        return WavePlanner.plan(PlanCatalogs.catalog(PlanCatalogs.spread(60, 2)));
    }

    @Test
    void sameCatalogGivesByteIdenticalJson() {
        assertEquals(plan().toJson(), plan().toJson());
        assertEquals(plan(), plan());
    }

    @Test
    void jsonParsesAndListsWavesInOrderWithActionCountsAndStacks() throws Exception {
        JsonNode root = new ObjectMapper().readTree(plan().toJson());
        JsonNode pipeline = root.get("pipelines").get(0);
        assertEquals("saas-fleet", pipeline.get("name").asText());
        JsonNode waves = pipeline.get("waves");
        assertEquals(List.of("Baseline", "Canary", "Wave-x0", "Wave-x8", "Wave-xc"),
                List.of(waves.get(0), waves.get(1), waves.get(2), waves.get(3), waves.get(4)).stream()
                        .map(w -> w.get("name").asText()).toList());
        assertEquals(5, waves.size());
        JsonNode canary = waves.get(1);
        assertTrue(canary.get("canary").asBoolean());
        assertEquals(9, canary.get("actionCount").asInt()); // 3 stacks x 2 + activation, validation, approval
        JsonNode silo = canary.get("stacks").get(1);
        assertEquals("SILO_TENANT", silo.get("kind").asText());
        assertEquals("saas-silo-tenant-0000", silo.get("stackName").asText());
        assertEquals("tenant-0000", silo.get("tenantId").asText());
        assertEquals("PLATINUM", silo.get("tier").asText());
        assertEquals("333333333333", silo.get("account").asText());
        assertEquals("us-east-1", silo.get("region").asText());
        assertTrue(waves.get(0).get("stacks").get(0).get("tenantId").isNull());
        assertFalse(plan().toJson().contains("\r"));
    }

    @Test
    void pipelineOfNamesTheTenantsPipelineAndNothingForUnknownTenants() {
        FleetPlan plan = plan();
        assertEquals(Optional.of("saas-fleet"), plan.pipelineOf("tenant-0042"));
        assertEquals(Optional.empty(), plan.pipelineOf("nobody"));
    }

    @Test
    void tableHasAHeaderAndOneLinePerWave() {
        String table = plan().toTable();
        List<String> lines = table.lines().toList();
        assertEquals(1 + 5, lines.size(), table);
        assertTrue(lines.get(1).matches("saas-fleet\\s+Baseline\\s+1\\s+2\\s+111111111111/us-east-1"), lines.get(1));
        assertTrue(lines.get(3).matches("saas-fleet\\s+Wave-x0\\s+25\\s+50\\s+12 envs \\(3 accounts, 4 regions.*"),
                lines.get(3));
    }
}
