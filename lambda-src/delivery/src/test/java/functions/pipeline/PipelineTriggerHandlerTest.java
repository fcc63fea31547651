package functions.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.databind.JsonNode;
import functions.shared.TestContext;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The rules end to end, on stream events in the exact shape Lambda delivers them. */
class PipelineTriggerHandlerTest {

    private final TestContext context = new TestContext();
    private final RecordingStarter starter = new RecordingStarter();

    private StreamsEventResponse invoke(String eventFile, String... pipelines) {
        return invoke(StreamEvents.load(eventFile), starter, pipelines);
    }

    private StreamsEventResponse invoke(DynamodbEvent event, PipelineStarter withStarter, String... pipelines) {
        List<String> names = pipelines.length == 0 ? List.of("saas-fleet") : List.of(pipelines);
        return new PipelineTriggerHandler(new PipelineTrigger(names, withStarter)).handleRequest(event, context);
    }

    private static List<String> failed(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
    }

    private static List<String> sequenceNumbers(String eventFile) {
        return StreamEvents.load(eventFile).getRecords().stream()
                .map(r -> r.getDynamodb().getSequenceNumber()).toList();
    }

    private JsonNode onlyLogLine() {
        List<JsonNode> lines = context.jsonLines();
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    @Test
    void insertOfATenantStartsThePipelineOnce() {
        StreamsEventResponse response = invoke("insert.json");

        assertEquals(List.of("saas-fleet"), starter.startedPipelines());
        assertEquals(List.of(), failed(response));
    }

    @Test
    void theExecutionsABatchStartedAreCountedAsPipelineStarts() {
        var points = functions.shared.EmfLines.during(() -> {
            invoke("insert.json");
            invoke("insert-fleet-marker.json");
        });

        assertEquals(List.of(1.0, 0.0), points.stream()
                .filter(p -> p.metric().equals(functions.shared.Telemetry.PIPELINE_STARTS)).map(p -> p.value()).toList());
    }

    @Test
    void insertOfTheFleetMarkerStartsNothingAndFailsNothing() {
        // Written at installation, possibly before any pipeline exists; it changes no stack.
        StreamsEventResponse response = invoke("insert-fleet-marker.json");

        assertEquals(List.of(), starter.startedPipelines());
        assertEquals(List.of(), failed(response));
    }

    @Test
    void removeOfATenantStartsThePipelineOnce() {
        StreamsEventResponse response = invoke("remove.json");

        assertEquals(List.of("saas-fleet"), starter.startedPipelines());
        assertEquals(List.of(), failed(response));
    }

    @Test
    void modifyOfOnlyStatusTenantNameAndUpdatedAtStartsNothing() {
        StreamsEventResponse response = invoke("modify-status-name-updatedat.json");

        assertEquals(List.of(), starter.starts());
        assertEquals(List.of(), failed(response));
    }

    @Test
    void modifyOfADeploymentFieldStartsThePipeline() {
        StreamsEventResponse response = invoke("modify-region.json");

        assertEquals(List.of("saas-fleet"), starter.startedPipelines());
        assertEquals(List.of(), failed(response));
    }

    @Test
    void batchOfTwoRelevantAndThreeIrrelevantRecordsStartsThePipelineExactlyOnce() {
        StreamsEventResponse response = invoke("mixed-batch.json");

        assertEquals(List.of("saas-fleet"), starter.startedPipelines());
        assertEquals(List.of(), failed(response));
        assertEquals(List.of("umbrella", "initech"), tenantIds(onlyLogLine()));
    }

    @Test
    void everyConfiguredPipelineIsStartedExactlyOncePerBatch() {
        invoke("mixed-batch.json", "saas-fleet-1", "saas-fleet-2");

        assertEquals(List.of("saas-fleet-1", "saas-fleet-2"), starter.startedPipelines());
    }

    @Test
    void emptyBatchStartsNothingAndReportsNothing() {
        assertEquals(List.of(), failed(invoke("empty.json")));
        assertEquals(List.of(), failed(invoke(new DynamodbEvent(), starter)));
        assertEquals(List.of(), failed(invoke(null, starter)));

        assertEquals(List.of(), starter.starts());
    }

    @Test
    void unreadableRecordsAloneAreReportedFailedBySequenceNumberAndTheRestIsProcessed() {
        // Records 0 (MODIFY without OldImage) and 2 (REMOVE without Keys) are unreadable; 1 is an INSERT.
        List<String> sequenceNumbers = sequenceNumbers("malformed-batch.json");

        StreamsEventResponse response = invoke("malformed-batch.json");

        assertEquals(List.of(sequenceNumbers.get(0), sequenceNumbers.get(2)), failed(response));
        assertEquals(List.of("saas-fleet"), starter.startedPipelines());
        JsonNode line = onlyLogLine();
        assertEquals(2, line.get("failed").asInt());
        assertEquals("no dynamodb.OldImage", line.get("unreadable").get(0).get("reason").asText());
        assertEquals("no dynamodb.Keys", line.get("unreadable").get(1).get("reason").asText());
    }

    @Test
    void failedStartReportsEveryRelevantRecordFailedAndNoIrrelevantOne() {
        List<String> sequenceNumbers = sequenceNumbers("mixed-batch.json");
        var failing = new RecordingStarter("saas-fleet");

        StreamsEventResponse response = invoke(StreamEvents.load("mixed-batch.json"), failing);

        // Records 1 (INSERT umbrella) and 3 (initech's wave) are the relevant ones.
        assertEquals(List.of(sequenceNumbers.get(1), sequenceNumbers.get(3)), failed(response));
        assertEquals(1, failing.starts().size());
    }

    @Test
    void oneFailedPipelineStillFailsTheRelevantRecordsAfterStartingTheOthers() {
        List<String> sequenceNumbers = sequenceNumbers("mixed-batch.json");
        var failing = new RecordingStarter("saas-fleet-1");

        StreamsEventResponse response = invoke(StreamEvents.load("mixed-batch.json"), failing,
                "saas-fleet-1", "saas-fleet-2");

        assertEquals(List.of("saas-fleet-1", "saas-fleet-2"), failing.startedPipelines());
        assertEquals(List.of(sequenceNumbers.get(1), sequenceNumbers.get(3)), failed(response));
        JsonNode line = onlyLogLine();
        assertTrue(line.get("executionIds").has("saas-fleet-2"), line.toString());
        assertTrue(line.get("startFailures").get("saas-fleet-1").asText().contains("CodePipeline unavailable"));
    }

    @Test
    void recordWithoutSequenceNumberFailsTheWholeBatchBeforeAnyStart() {
        assertThrows(IllegalArgumentException.class, () -> invoke("no-sequence-number.json"));

        assertEquals(List.of(), starter.starts());
        assertEquals("pipeline_trigger_batch_rejected", onlyLogLine().get("message").asText());
    }

    @Test
    void retriedBatchSendsTheSameClientRequestTokenAndEachPipelineItsOwn() {
        invoke("mixed-batch.json", "saas-fleet-1", "saas-fleet-2");
        invoke("mixed-batch.json", "saas-fleet-1", "saas-fleet-2");

        List<RecordingStarter.Start> starts = starter.starts();
        assertEquals(starts.get(0), starts.get(2));
        assertEquals(starts.get(1), starts.get(3));
        assertNotEquals(starts.get(0).clientRequestToken(), starts.get(1).clientRequestToken());
    }

    @Test
    void batchLogsOneJsonLineWithCountsTenantIdsAndExecutionIdsButNoImages() {
        invoke("mixed-batch.json", "saas-fleet-1", "saas-fleet-2");

        JsonNode line = onlyLogLine();
        assertEquals("pipeline_trigger", line.get("message").asText());
        assertEquals(5, line.get("records").asInt());
        assertEquals(2, line.get("relevant").asInt());
        assertEquals(0, line.get("failed").asInt());
        assertEquals("exec-saas-fleet-1-1", line.get("executionIds").get("saas-fleet-1").asText());
        assertEquals("exec-saas-fleet-2-2", line.get("executionIds").get("saas-fleet-2").asText());
        assertEquals(List.of("umbrella", "initech"), tenantIds(line));
        String text = line.toString();
        assertFalse(text.contains("Umbrella Corporation") || text.contains("555555555555"), text);
    }

    @Test
    void handlerWiredFromTheEnvironmentBuildsItsClientWithoutCallingAws() {
        var handler = new PipelineTriggerHandler(PipelineTriggerConfig.fromEnvironment(
                Map.of("PIPELINE_NAMES", "saas-fleet", "AWS_REGION", "us-east-1")));

        StreamsEventResponse response = handler.handleRequest(StreamEvents.load("modify-status-name-updatedat.json"),
                context);

        assertEquals(List.of(), failed(response));
    }

    private static List<String> tenantIds(JsonNode line) {
        return StreamSupport.stream(line.get("tenantIds").spliterator(), false)
                .map(JsonNode::asText).toList();
    }
}
