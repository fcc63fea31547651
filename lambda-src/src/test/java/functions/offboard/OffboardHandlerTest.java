package functions.offboard;

import static functions.offboard.FleetStacks.env;
import static functions.offboard.FleetStacks.fleetStack;
import static functions.offboard.FleetStacks.siloStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import functions.shared.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The function end to end: the plan file as the pipeline sends it in, the summary JSON or an error out. */
class OffboardHandlerTest {

    private static final Env EU_333 = env("333333333333", "eu-west-1");
    private static final Env US_333 = env("333333333333", "us-west-2");
    private static final Env EU_444 = env("444444444444", "eu-west-1");

    private final TestContext context = new TestContext();
    private final InMemoryStackDirectory fleet = new InMemoryStackDirectory()
            .add(EU_333, siloStack("acme"), siloStack("hooli"))
            .add(US_333, siloStack("globex"))
            .add(EU_444, siloStack("initech"), siloStack("umbrella"));
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private int opened;

    private String invoke(byte[] payload, int maxDeletions) throws IOException {
        var handler = new OffboardHandler(() -> {
            opened++;
            return fleet;
        }, new InMemoryEnvironmentMemory(), tenantId -> java.util.Optional.empty(), maxDeletions);
        handler.handleRequest(new ByteArrayInputStream(payload), output, context);
        return output.toString(StandardCharsets.UTF_8);
    }

    private JsonNode lastLogLine() {
        List<JsonNode> lines = context.jsonLines();
        return lines.get(lines.size() - 1);
    }

    @Test
    void planInSummaryJsonOutWithFixedKeysAndSortedLists() throws IOException {
        fleet.add(EU_444, siloStack("wayne"), fleetStack("saas-silo-stark", "stark", "DELETE_IN_PROGRESS"))
                .add(EU_333, fleetStack("saas-silo-osborn", "osborn", "DELETE_FAILED"))
                .add(US_333, new DeployedStack("saas-silo-kent", "CREATE_COMPLETE",
                        Map.of("ManagedBy", "saas-fleet", "TenantId", "kent"), true, false));

        String summary = invoke(Plans.bytes(Plans.SAMPLE), 5);

        assertEquals("{\"scannedEnvironments\":[\"111111111111/us-east-1\",\"222222222222/us-east-1\","
                + "\"333333333333/eu-west-1\",\"333333333333/us-west-2\",\"444444444444/eu-west-1\"],"
                + "\"retiredEnvironments\":[],"
                + "\"expectedStacks\":9,"
                + "\"deleting\":["
                + "{\"stackName\":\"saas-silo-osborn\",\"account\":\"333333333333\",\"region\":\"eu-west-1\","
                + "\"tenantId\":\"osborn\"},"
                + "{\"stackName\":\"saas-silo-wayne\",\"account\":\"444444444444\",\"region\":\"eu-west-1\","
                + "\"tenantId\":\"wayne\"}],"
                + "\"retrying\":[{\"stackName\":\"saas-silo-osborn\",\"account\":\"333333333333\","
                + "\"region\":\"eu-west-1\",\"tenantId\":\"osborn\"}],"
                + "\"alreadyDeleting\":[{\"stackName\":\"saas-silo-stark\",\"account\":\"444444444444\","
                + "\"region\":\"eu-west-1\",\"tenantId\":\"stark\"}],"
                + "\"protected\":[{\"stackName\":\"saas-silo-kent\",\"account\":\"333333333333\","
                + "\"region\":\"us-west-2\",\"tenantId\":\"kent\"}],"
                + "\"stillListed\":[],"
                + "\"failures\":[]}", summary);
        assertEquals(1, opened);
        assertEquals(1, fleet.closed());
    }

    @Test
    void everyStartedDeletionIsLoggedWithItsTenantIdThenTheSummary() throws IOException {
        fleet.add(EU_444, siloStack("wayne"));

        invoke(Plans.bytes(Plans.SAMPLE), 5);

        List<JsonNode> lines = context.jsonLines();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("offboard_stack_deleting", lines.get(0).get("event").asText());
        assertEquals("wayne", lines.get(0).get("tenantId").asText());
        assertEquals("saas-silo-wayne", lines.get(0).get("stackName").asText());
        JsonNode summary = lines.get(1);
        assertEquals("offboard", summary.get("event").asText());
        assertEquals("saas-fleet-02", summary.get("pipelines").get(1).asText());
        assertEquals(5, summary.get("maxDeletions").asInt());
        assertEquals("saas-silo-wayne", summary.get("deleting").get(0).get("stackName").asText());
    }

    @Test
    void environmentFailureFailsTheInvocationWithAShortSummaryAfterLoggingTheFullOne() {
        fleet.add(EU_333, siloStack("wayne")).failList(EU_444, "AccessDenied");

        var e = assertThrows(OffboardFailedException.class, () -> invoke(Plans.bytes(Plans.SAMPLE), 5));

        assertTrue(e.getMessage().startsWith("offboarding failed: 1 failure(s) [444444444444/eu-west-1: AssumeRole"),
                e.getMessage());
        assertTrue(e.getMessage().contains("failed: AccessDenied: not authorized"), e.getMessage());
        assertTrue(e.getMessage().contains("deleting 1,"), e.getMessage());
        assertEquals(List.of(new FleetStacks.Deletion(EU_333, "saas-silo-wayne")), fleet.deletions());
        JsonNode logged = lastLogLine();
        assertEquals("offboard", logged.get("event").asText());
        assertEquals(false, logged.get("succeeded").asBoolean());
        assertEquals("444444444444", logged.get("failures").get(0).get("account").asText());
        assertEquals("", output.toString(StandardCharsets.UTF_8));
        assertEquals(1, fleet.closed());
    }

    @Test
    void blastRadiusFailsTheInvocationAndDeletesNothing() {
        fleet.add(EU_333, siloStack("wayne")).add(EU_444, siloStack("stark"));

        var e = assertThrows(OffboardFailedException.class, () -> invoke(Plans.bytes(Plans.SAMPLE), 1));

        assertTrue(e.getMessage().startsWith("2 orphaned tenant stack(s) exceed MAX_DELETIONS=1, nothing deleted"),
                e.getMessage());
        assertEquals(List.of(), fleet.deletions());
        assertEquals(2, lastLogLine().get("failures").size());
        assertTrue(lastLogLine().get("blastRadius").asText().contains("MAX_DELETIONS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions.offboard.Plans#malformed")
    void malformedPlanFailsTheInvocationBeforeAnyStackIsListedOrDeleted(String rule, byte[] json, String expected) {
        fleet.add(EU_333, siloStack("wayne"));

        var e = assertThrows(PlanException.class, () -> invoke(json, 100));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(0, opened);
        assertEquals(List.of(), fleet.listed());
        assertEquals(List.of(), fleet.deletions());
        assertEquals("offboard_plan_rejected", lastLogLine().get("event").asText());
        assertEquals(e.getMessage(), lastLogLine().get("reason").asText());
    }

    @Test
    void handlerWiredFromTheEnvironmentBuildsItsClientsWithoutCallingAws() {
        var handler = new OffboardHandler(OffboardConfig.fromEnvironment(
                Map.of("AWS_REGION", "us-east-1", "BOOTSTRAP_QUALIFIER", "hnb659fds", "MAX_DELETIONS", "5",
                        "ENVIRONMENTS_TABLE", "environments", "CATALOG_TABLE", "saas-fleet-TenantStackMapping")));

        // A rejected plan stops before the first AWS call.
        assertThrows(PlanException.class, () -> handler.handleRequest(
                new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), output, context));
    }
}
