package functions.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trigger rules, for one stream batch at a time. No Lambda or SDK types: this is what the tests exercise.
 *
 * <p>A batch with at least one relevant record starts every pipeline exactly once. Records that cannot be
 * read are reported failed; when a start fails, every relevant record is reported failed too, even if the
 * other pipelines started: Lambda then retries from the earliest of them, and a second start of a
 * self-mutating pipeline is harmless where a lost start is not. Irrelevant records never fail.
 *
 * <p>With an onboard project (the fast lane, README "Onboarding latency"), each INSERT of a silo tenant also starts
 * one build of that project for that tenant; a failed build start reports that record failed (the retry's second
 * build, if any, finds the stack created and stops).
 */
final class PipelineTrigger {

    /** The fleet's onboard project and how to start it. */
    record Onboarding(String projectName, OnboardStarter starter) {
    }

    private final List<String> pipelineNames;
    private final PipelineStarter starter;
    private final Optional<Onboarding> onboarding;

    PipelineTrigger(List<String> pipelineNames, PipelineStarter starter) {
        this(pipelineNames, starter, Optional.empty());
    }

    PipelineTrigger(List<String> pipelineNames, PipelineStarter starter, Optional<Onboarding> onboarding) {
        this.pipelineNames = List.copyOf(pipelineNames);
        this.starter = starter;
        this.onboarding = onboarding;
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
        Map<String, String> onboardBuilds = new LinkedHashMap<>();
        Map<String, String> onboardFailures = new LinkedHashMap<>();
        List<String> failedOnboardings = new ArrayList<>();
        onboarding.ifPresent(lane -> relevant.stream().filter(TenantChange::isNewSiloTenant).forEach(change -> {
            try {
                onboardBuilds.put(change.tenantId(), lane.starter().start(lane.projectName(), change.tenantId(),
                        RequestToken.derive(lane.projectName(), List.of(change.sequenceNumber()))));
            } catch (RuntimeException e) {
                onboardFailures.put(change.tenantId(), e.getClass().getName() + ": " + e.getMessage());
                failedOnboardings.add(change.sequenceNumber());
            }
        }));
        boolean relevantFail = !startFailures.isEmpty();
        List<String> failed = new ArrayList<>();
        List<UnreadableRecord> unreadable = new ArrayList<>();
        for (ParsedRecord record : records) {
            if (record instanceof UnreadableRecord bad) {
                unreadable.add(bad);
                failed.add(bad.sequenceNumber());
            } else if (record instanceof TenantChange change && change.isRelevant()
                    && (relevantFail || failedOnboardings.contains(change.sequenceNumber()))) {
                failed.add(change.sequenceNumber());
            }
        }
        return new BatchOutcome(records.size(), relevant.stream().map(TenantChange::tenantId).toList(), failed,
                executionIds, startFailures, unreadable, onboardBuilds, onboardFailures);
    }
}
