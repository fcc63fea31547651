package functions.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import functions.shared.Telemetry;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lambda entry point {@code functions.pipeline.PipelineTriggerHandler::handleRequest}, on the
 * TenantStackMapping stream (NEW_AND_OLD_IMAGES) with {@code ReportBatchItemFailures}: reads the records,
 * lets {@link PipelineTrigger} decide and start, reports failures by sequence number, logs one line and counts the executions it started
 * ({@code PipelineStarts}).
 */
public final class PipelineTriggerHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final PipelineTrigger trigger;

    /** Used by Lambda: reads the environment and builds the client during init (inside the snapshot). */
    public PipelineTriggerHandler() {
        this(System.getenv());
    }

    PipelineTriggerHandler(Map<String, String> env) {
        this(PipelineTriggerConfig.fromEnvironment(env));
    }

    PipelineTriggerHandler(PipelineTriggerConfig config) {
        this(new PipelineTrigger(config.pipelineNames(), CodePipelineStarter.create(config.region()),
                config.onboardProject().map(project -> new PipelineTrigger.Onboarding(project,
                        CodeBuildOnboardStarter.create(config.region())))));
    }

    PipelineTriggerHandler(PipelineTrigger trigger) {
        Telemetry.prime();
        this.trigger = trigger;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Telemetry.invoke(context, () -> process(event));
    }

    private StreamsEventResponse process(DynamodbEvent event) {
        List<ParsedRecord> records = event == null || event.getRecords() == null ? List.of()
                : event.getRecords().stream().map(StreamRecordParser::parse).toList();
        if (records.stream().map(ParsedRecord::sequenceNumber).anyMatch(Objects::isNull)) {
            // Lambda checkpoints DynamoDB streams by sequence number: a record without one cannot be reported
            // alone, so the whole batch fails and is retried (then goes to the mapping's on-failure destination).
            Telemetry.error("pipeline_trigger_batch_rejected", "records", records.size(),
                    "reason", "a record has no dynamodb.SequenceNumber");
            throw new IllegalArgumentException("stream record without dynamodb.SequenceNumber: batch not processed");
        }
        BatchOutcome outcome = trigger.process(records);
        logOutcome(outcome);
        Telemetry.count(Telemetry.PIPELINE_STARTS, outcome.executionIds().size());
        return new StreamsEventResponse(outcome.failedSequenceNumbers().stream()
                .map(BatchItemFailure::new)
                .toList());
    }

    private static void logOutcome(BatchOutcome outcome) {
        Object[] fields = {
                "records", outcome.records(),
                "relevant", outcome.relevantTenantIds().size(),
                "failed", outcome.failedSequenceNumbers().size(),
                "tenantIds", outcome.relevantTenantIds(),
                "executionIds", outcome.executionIds(),
                "startFailures", outcome.startFailures(),
                "unreadable", outcome.unreadable(),
                "onboardBuilds", outcome.onboardBuilds(),
                "onboardFailures", outcome.onboardFailures(),
        };
        if (outcome.succeeded()) {
            Telemetry.info("pipeline_trigger", fields);
        } else {
            Telemetry.error("pipeline_trigger", fields);
        }
    }
}
