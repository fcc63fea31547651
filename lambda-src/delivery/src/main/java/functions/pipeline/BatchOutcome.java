package functions.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the trigger did with one batch.
 *
 * @param records                 records in the batch
 * @param relevantTenantIds       tenants of the relevant records, in stream order
 * @param failedSequenceNumbers   the batch item failures to report, in stream order
 * @param executionIds            pipeline name to the execution it started
 * @param startFailures           pipeline name to why its start failed
 * @param unreadable              the records that could not be read, with the reason
 * @param onboardBuilds           new silo tenant to the onboard build it started
 * @param onboardFailures         new silo tenant to why its onboard build did not start
 */
record BatchOutcome(int records, List<String> relevantTenantIds, List<String> failedSequenceNumbers,
                    Map<String, String> executionIds, Map<String, String> startFailures,
                    List<UnreadableRecord> unreadable, Map<String, String> onboardBuilds,
                    Map<String, String> onboardFailures) {

    /** True when nothing needs retrying. */
    boolean succeeded() {
        return failedSequenceNumbers.isEmpty();
    }

    BatchOutcome {
        relevantTenantIds = List.copyOf(relevantTenantIds);
        failedSequenceNumbers = List.copyOf(failedSequenceNumbers);
        // Insertion order kept: pipelines appear in the log in PIPELINE_NAMES order.
        executionIds = Collections.unmodifiableMap(new LinkedHashMap<>(executionIds));
        startFailures = Collections.unmodifiableMap(new LinkedHashMap<>(startFailures));
        unreadable = List.copyOf(unreadable);
        onboardBuilds = Collections.unmodifiableMap(new LinkedHashMap<>(onboardBuilds));
        onboardFailures = Collections.unmodifiableMap(new LinkedHashMap<>(onboardFailures));
    }
}
