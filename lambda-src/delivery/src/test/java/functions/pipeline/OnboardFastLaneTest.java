package functions.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import functions.shared.TestContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.ArtifactsType;
import software.amazon.awssdk.services.codebuild.model.ComputeType;
import software.amazon.awssdk.services.codebuild.model.EnvironmentType;
import software.amazon.awssdk.services.codebuild.model.SourceType;
import testsupport.Moto;

/**
 * The fast lane of the onboarding trigger: a StartBuild of the fleet's onboard project per new silo tenant.
 *
 * <p>moto 5.2.1 implements StartBuild and creates the build, but answers its timestamps as ISO-8601 strings where
 * CodeBuild's JSON protocol sends epoch seconds, so the SDK for Java v2 cannot read its answer ("Unable to unmarshall
 * response"). The started paths therefore run against a loopback server answering the recorded response
 * {@code codebuild/start-build-response.json} (shape of
 * https://docs.aws.amazon.com/codebuild/latest/APIReference/API_StartBuild.html) and keeping each request body;
 * moto serves what it answers readably: the build it creates from the same request, and ResourceNotFoundException for
 * a project that does not exist. Pipelines start through {@link RecordingStarter} (moto has no
 * StartPipelineExecution).
 */
class OnboardFastLaneTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "saas-fleet-onboard";
    private static final String INSERT_SEQUENCE = "4421584500000000017450439191";

    private final RecordingStarter pipelines = new RecordingStarter();
    private final TestContext context = new TestContext();
    private final List<JsonNode> startBuilds = new CopyOnWriteArrayList<>();
    private HttpServer recorded;

    @BeforeEach
    void startRecordedCodeBuild() throws IOException {
        byte[] answer;
        try (InputStream in = getClass().getResourceAsStream("/codebuild/start-build-response.json")) {
            answer = in.readAllBytes();
        }
        recorded = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        recorded.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode body = JSON.readTree(in);
                if (!"CodeBuild_20161006.StartBuild".equals(target)) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                startBuilds.add(body);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        recorded.start();
    }

    @AfterEach
    void stopRecordedCodeBuild() {
        recorded.stop(0);
    }

    private CodeBuildClient recordedClient() {
        return Moto.get().configure(CodeBuildClient.builder())
                .endpointOverride(URI.create("http://127.0.0.1:" + recorded.getAddress().getPort())).build();
    }

    private StreamsEventResponse invoke(String eventFile, CodeBuildClient codeBuild, String project) {
        var trigger = new PipelineTrigger(List.of("saas-fleet", "saas-fleet-01"), pipelines,
                Optional.of(new PipelineTrigger.Onboarding(project, new CodeBuildOnboardStarter(codeBuild))));
        return new PipelineTriggerHandler(trigger).handleRequest(StreamEvents.load(eventFile), context);
    }

    private StreamsEventResponse invoke(String eventFile) {
        return invoke(eventFile, recordedClient(), PROJECT);
    }

    private static List<String> failed(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void insertOfASiloTenantStartsOneOnboardBuildForThatTenantBesidesEveryPipeline() {
        var response = invoke("insert.json");

        assertEquals(1, startBuilds.size(), "one StartBuild");
        JsonNode body = startBuilds.get(0);
        assertEquals(PROJECT, body.get("projectName").asText());
        assertEquals(List.of(Map.of("name", "TENANT_ID", "value", "umbrella", "type", "PLAINTEXT")),
                JSON.convertValue(body.get("environmentVariablesOverride"), List.class));
        assertEquals(RequestToken.derive(PROJECT, List.of(INSERT_SEQUENCE)), body.get("idempotencyToken").asText());
        assertEquals(List.of("saas-fleet", "saas-fleet-01"), pipelines.startedPipelines());
        assertEquals(List.of(), failed(response));
        assertEquals("saas-fleet-onboard:0f8a7c1e-5b2d-4e9a-8c3f-1d2e3f4a5b6c",
                context.jsonLines().get(0).path("onboardBuilds").path("umbrella").asText());
    }

    @Test
    void aBatchStartsOneBuildPerNewSiloTenantAndNoneForItsModifies() {
        // mixed-batch.json: one INSERT (umbrella) and four MODIFYs of silo tenants.
        invoke("mixed-batch.json");

        assertEquals(1, startBuilds.size());
        assertEquals("umbrella", startBuilds.get(0).at("/environmentVariablesOverride/0/value").asText());
    }

    @Test
    void modifyRemoveFleetMarkerAndPooledInsertStartNoOnboardBuild() {
        for (var event : List.of("modify-region.json", "remove.json", "insert-fleet-marker.json", "insert-pooled.json")) {
            assertEquals(List.of(), failed(invoke(event)), event);
        }

        assertEquals(List.of(), startBuilds);
        // The modify, the remove and the pooled insert still start both pipelines; the marker starts nothing.
        assertEquals(6, pipelines.startedPipelines().size(), pipelines.startedPipelines().toString());
    }

    @Test
    void retriedBatchSendsTheSameIdempotencyTokenForTheSameRecord() {
        invoke("insert.json");
        invoke("insert.json");

        assertEquals(2, startBuilds.size());
        assertEquals(startBuilds.get(0).get("idempotencyToken"), startBuilds.get(1).get("idempotencyToken"));
    }

    @Test
    void aFailedBuildStartReportsTheNewTenantsRecordFailedAfterThePipelinesStarted() {
        // On moto: a project that does not exist answers ResourceNotFoundException, as CodeBuild does.
        var response = invoke("insert.json", Moto.get().configure(CodeBuildClient.builder()).build(),
                "saas-fleet-onboard-missing-" + UUID.randomUUID().toString().substring(0, 8));

        assertEquals(List.of(INSERT_SEQUENCE), failed(response));
        assertEquals(List.of("saas-fleet", "saas-fleet-01"), pipelines.startedPipelines());
        JsonNode log = context.jsonLines().get(0);
        assertTrue(log.path("onboardFailures").path("umbrella").asText().contains("ResourceNotFoundException"),
                log.toString());
    }

    @Test
    void theStartersRequestCreatesOneBuildOfTheProjectOnMoto() {
        var codeBuild = Moto.get().configure(CodeBuildClient.builder()).build();
        String project = PROJECT + "-" + UUID.randomUUID().toString().substring(0, 8);
        codeBuild.createProject(p -> p.name(project)
                .source(s -> s.type(SourceType.NO_SOURCE).location("none").buildspec("version: 0.2"))
                .artifacts(a -> a.type(ArtifactsType.NO_ARTIFACTS))
                .environment(e -> e.type(EnvironmentType.LINUX_CONTAINER)
                        .computeType(ComputeType.BUILD_GENERAL1_MEDIUM).image("aws/codebuild/standard:7.0"))
                .serviceRole("arn:aws:iam::" + Moto.ACCOUNT + ":role/saas-fleet-onboard"));

        // moto's answer is unreadable to the SDK (string timestamps): the class doc says why the other tests record.
        assertThrows(SdkClientException.class,
                () -> new CodeBuildOnboardStarter(codeBuild).start(project, "umbrella", "token-1"));

        assertEquals(1, codeBuild.listBuildsForProject(r -> r.projectName(project)).ids().size());
    }
}
