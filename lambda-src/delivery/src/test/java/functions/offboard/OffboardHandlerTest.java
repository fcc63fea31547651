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
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The function end to end: the plan file as the pipeline sends it in, the summary JSON or an error out. The fleet is
 * deployed in moto ({@link MotoFleet}) and reached through the real directory; the summary that reports stacks in
 * states moto never enters reads them from an {@link InMemoryStackDirectory}.
 */
class OffboardHandlerTest {

    private static final Env EU_333 = env("333333333333", "eu-west-1");
    private static final Env US_333 = env("333333333333", "us-west-2");
    private static final Env EU_444 = env("444444444444", "eu-west-1");

    private final TestContext context = new TestContext();
    private final MotoFleet fleet = new MotoFleet();
    private final Env eu333 = fleet.env("333333333333", "eu-west-1");
    private final Env us333 = fleet.env("333333333333", "us-west-2");
    private final Env eu444 = fleet.env("444444444444", "eu-west-1");
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private int opened;
    private int closed;

    @BeforeEach
    void deployTheSampleSiloStacks() {
        fleet.add(eu333, siloStack("acme"), siloStack("hooli"))
                .add(us333, siloStack("globex"))
                .add(eu444, siloStack("initech"), siloStack("umbrella"));
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    private String invoke(byte[] payload, int maxDeletions) throws IOException {
        return invoke(() -> new Closing(fleet.directory()), payload, maxDeletions);
    }

    private String invoke(Supplier<FleetStackDirectory> directories, byte[] payload, int maxDeletions)
            throws IOException {
        var handler = new OffboardHandler(() -> {
            opened++;
            return directories.get();
        }, new InMemoryEnvironmentMemory(), tenantId -> java.util.Optional.empty(), maxDeletions);
        handler.handleRequest(new ByteArrayInputStream(payload), output, context);
        return output.toString(StandardCharsets.UTF_8);
    }

    private JsonNode lastLogLine() {
        List<JsonNode> lines = context.jsonLines();
        return lines.get(lines.size() - 1);
    }

    /** The real directory, counting how often the handler closes it. */
    private final class Closing implements FleetStackDirectory {
        private final CloudFormationStackDirectory directory;

        Closing(CloudFormationStackDirectory directory) {
            this.directory = directory;
        }

        @Override
        public List<DeployedStack> list(Env env) {
            return directory.list(env);
        }

        @Override
        public void delete(Env env, String stackName) {
            directory.delete(env, stackName);
        }

        @Override
        public String status(Env env, String stackName) {
            return directory.status(env, stackName);
        }

        @Override
        public void close() {
            closed++;
            directory.close();
        }
    }

    @Test
    void planInSummaryJsonOutWithFixedKeysAndSortedLists() throws IOException {
        // DELETE_IN_PROGRESS and DELETE_FAILED: states moto never enters.
        var unusual = new InMemoryStackDirectory()
                .add(EU_333, siloStack("acme"), siloStack("hooli"), fleetStack("saas-silo-osborn", "osborn",
                        "DELETE_FAILED"))
                .add(US_333, siloStack("globex"), new DeployedStack("saas-silo-kent", "CREATE_COMPLETE",
                        Map.of("ManagedBy", "saas-fleet", "TenantId", "kent"), true, false))
                .add(EU_444, siloStack("initech"), siloStack("umbrella"), siloStack("wayne"),
                        fleetStack("saas-silo-stark", "stark", "DELETE_IN_PROGRESS"));

        String summary = invoke(() -> unusual, Plans.bytes(Plans.SAMPLE), 5);

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
        assertEquals(1, unusual.closed());
    }

    @Test
    void everyStartedDeletionIsLoggedWithItsTenantIdThenTheSummary() throws IOException {
        fleet.add(eu444, siloStack("wayne"));

        invoke(fleet.plan(Plans.SAMPLE), 5);

        List<JsonNode> lines = context.jsonLines();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("offboard_stack_deleting", lines.get(0).get("message").asText());
        assertEquals("wayne", lines.get(0).get("tenantId").asText());
        assertEquals("saas-silo-wayne", lines.get(0).get("stackName").asText());
        JsonNode summary = lines.get(1);
        assertEquals("offboard", summary.get("message").asText());
        assertEquals("saas-fleet-02", summary.get("pipelines").get(1).asText());
        assertEquals(5, summary.get("maxDeletions").asInt());
        assertEquals("saas-silo-wayne", summary.get("deleting").get(0).get("stackName").asText());
    }

    @Test
    void aRunCountsTheStacksItStartedDeletingAndItsFailures() {
        fleet.add(eu333, siloStack("wayne")).deny(eu444);

        var points = functions.shared.EmfLines.during(() -> assertThrows(OffboardFailedException.class,
                () -> invoke(fleet.plan(Plans.SAMPLE), 5)));

        assertEquals(List.of(1.0), points.stream()
                .filter(p -> p.metric().equals(functions.shared.Telemetry.OFFBOARDED_STACKS)).map(p -> p.value()).toList());
        assertEquals(List.of(1.0), points.stream()
                .filter(p -> p.metric().equals(functions.shared.Telemetry.OFFBOARD_FAILURES)).map(p -> p.value()).toList());
        assertEquals(List.of("Service", "Tier"), points.get(0).dimensionKeys());
    }

    @Test
    void environmentFailureFailsTheInvocationWithAShortSummaryAfterLoggingTheFullOne() {
        fleet.add(eu333, siloStack("wayne")).deny(eu444);

        var e = assertThrows(OffboardFailedException.class, () -> invoke(fleet.plan(Plans.SAMPLE), 5));

        assertTrue(e.getMessage().startsWith("offboarding failed: 1 failure(s) [" + eu444.key() + ": AssumeRole "
                + fleet.roleArn(eu444) + " failed: AccessDenied: User: "), e.getMessage());
        assertTrue(e.getMessage().contains("deleting 1,"), e.getMessage());
        assertEquals(List.of(new FleetStacks.Deletion(eu333, "saas-silo-wayne")), fleet.deletions());
        JsonNode logged = lastLogLine();
        assertEquals("offboard", logged.get("message").asText());
        assertEquals(false, logged.get("succeeded").asBoolean());
        assertEquals(eu444.account(), logged.get("failures").get(0).get("account").asText());
        assertEquals("", output.toString(StandardCharsets.UTF_8));
        assertEquals(1, closed);
    }

    @Test
    void blastRadiusFailsTheInvocationAndDeletesNothing() {
        fleet.add(eu333, siloStack("wayne")).add(eu444, siloStack("stark"));

        var e = assertThrows(OffboardFailedException.class, () -> invoke(fleet.plan(Plans.SAMPLE), 1));

        assertTrue(e.getMessage().startsWith("2 orphaned tenant stack(s) exceed MAX_DELETIONS=1, nothing deleted"),
                e.getMessage());
        assertEquals(List.of(), fleet.deletions());
        assertEquals(2, lastLogLine().get("failures").size());
        assertTrue(lastLogLine().get("blastRadius").asText().contains("MAX_DELETIONS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions.offboard.Plans#malformed")
    void malformedPlanFailsTheInvocationBeforeAnyStackIsListedOrDeleted(String rule, byte[] json, String expected) {
        fleet.add(eu333, siloStack("wayne"));

        var e = assertThrows(PlanException.class, () -> invoke(json, 100));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(0, opened);
        assertEquals(List.of(), fleet.assumed());
        assertEquals(List.of(), fleet.deletions());
        assertTrue(fleet.stackNames(eu333).contains("saas-silo-wayne"));
        assertEquals("offboard_plan_rejected", lastLogLine().get("message").asText());
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
