package functions.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trigger rules, for one stream batch at a time. No Lambda or SDK types: this is what the tests exercise.
 *
 * <p>A batch with at least one relevant record starts every pipeline exactly once. Records that cannot be
 * read are reported failed; when a start fails, every relevant record is reported failed too, even if the
 * other pipelines started: Lambda then retries from the earliest of them, and a second start of a
 * self-mutating pipeline is harmless where a lost start is not. Irrelevant records never fail.
 */
final class PipelineTrigger {

    private final List<String> pipelineNames;
    private final PipelineStarter starter;

    PipelineTrigger(List<String> pipelineNames, PipelineStarter starter) {
        this.pipelineNames = List.copyOf(pipelineNames);
        this.starter = starter;
    }

    BatchOutcome process(List<ParsedRecord> records) {
        List<TenantChange> relevant = records.stream()
                .filter(r -> r instanceof TenantChange change && change.isRelevant())
                .map(TenantChange.class::cast)
                .toList();
        Map<String, String> executionIds = new LinkedHashMap<>();
        Map<String, String> startFailures = new LinkedHashMap<>();
        if (!relevant.isEmpty()) {
            List<String> sequenceNumbers = relevant.stream().map(TenantChange::sequenceNumber).toList();
            for (String pipeline : pipelineNames) {
                try {
                    executionIds.put(pipeline, starter.start(pipeline, RequestToken.derive(pipeline, sequenceNumbers)));
                } catch (RuntimeException e) {
                    // Keep going: every other pipeline still gets its start in this attempt.
                    startFailures.put(pipeline, e.getClass().getName() + ": " + e.getMessage());
                }
            }
        }
        boolean relevantFail = !startFailures.isEmpty();
        List<String> failed = new ArrayList<>();
        List<UnreadableRecord> unreadable = new ArrayList<>();
        for (ParsedRecord record : records) {
            if (record instanceof UnreadableRecord bad) {
                unreadable.add(bad);
                failed.add(bad.sequenceNumber());
            } else if (relevantFail && record instanceof TenantChange change && change.isRelevant()) {
                failed.add(change.sequenceNumber());
            }
        }
        return new BatchOutcome(records.size(), relevant.stream().map(TenantChange::tenantId).toList(), failed,
                executionIds, startFailures, unreadable);
    }
}
