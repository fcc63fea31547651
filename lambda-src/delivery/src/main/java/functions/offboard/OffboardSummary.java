package functions.offboard;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one offboarding run found and did. Lists are sorted by account, region and stack name, so two runs over
 * the same fleet give the same JSON.
 *
 * @param scannedEnvironments environments whose stacks were listed (failed ones are in {@code failures})
 * @param retiredEnvironments remembered environments outside the plan that hold no tenant stack any more, forgotten
 * @param expectedStacks      distinct (environment, stack name) pairs in the plan
 * @param deleting            orphaned tenant stacks whose deletion was started by this run
 * @param retrying            the subset of {@code deleting} that was DELETE_FAILED before (an earlier delete failed)
 * @param alreadyDeleting     orphaned tenant stacks that were DELETE_IN_PROGRESS already
 * @param protectedStacks     orphaned tenant stacks left alone because termination protection is on
 * @param stillListed         stacks missing from this run's plan whose tenant the catalog lists there now (a newer
 *                            run deployed them): kept
 * @param failures            environments that could not be scanned and stacks that could not be deleted
 * @param blastRadius         why nothing was deleted when there were too many candidates; null otherwise
 */
record OffboardSummary(List<Env> scannedEnvironments, List<Env> retiredEnvironments, int expectedStacks,
                       List<StackRef> deleting, List<StackRef> retrying, List<StackRef> alreadyDeleting,
                       List<StackRef> protectedStacks, List<StackRef> stillListed, List<Failure> failures,
                       String blastRadius) {

    private static final int MESSAGE_FAILURES = 3;
    private static final int MESSAGE_REASON_CHARS = 300;

    /** An orphaned silo tenant stack. */
    record StackRef(String stackName, Env env, String tenantId) {
        static final Comparator<StackRef> ORDER = Comparator.comparing(StackRef::env)
                .thenComparing(StackRef::stackName);

        Map<String, Object> toJson() {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("stackName", stackName);
            node.put("account", env.account());
            node.put("region", env.region());
            node.put("tenantId", tenantId);
            return node;
        }
    }

    /** Something that went wrong in an environment, or for one stack of it ({@code stackName} null otherwise). */
    record Failure(Env env, String stackName, String reason) {
        static final Comparator<Failure> ORDER = Comparator.comparing(Failure::env)
                .thenComparing(Failure::stackName, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Failure::reason);

        Map<String, Object> toJson() {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("account", env.account());
            node.put("region", env.region());
            if (stackName != null) {
                node.put("stackName", stackName);
            }
            node.put("reason", reason);
            return node;
        }

        String describe() {
            String text = env.key() + (stackName == null ? "" : " " + stackName) + ": " + reason;
            return text.length() > MESSAGE_REASON_CHARS ? text.substring(0, MESSAGE_REASON_CHARS - 3) + "..." : text;
        }
    }

    OffboardSummary {
        scannedEnvironments = scannedEnvironments.stream().sorted().toList();
        retiredEnvironments = retiredEnvironments.stream().sorted().toList();
        deleting = deleting.stream().sorted(StackRef.ORDER).toList();
        retrying = retrying.stream().sorted(StackRef.ORDER).toList();
        alreadyDeleting = alreadyDeleting.stream().sorted(StackRef.ORDER).toList();
        protectedStacks = protectedStacks.stream().sorted(StackRef.ORDER).toList();
        stillListed = stillListed.stream().sorted(StackRef.ORDER).toList();
        failures = failures.stream().sorted(Failure.ORDER).toList();
    }

    /** True when the run did everything it should: no failures and within the blast radius. */
    boolean succeeded() {
        return failures.isEmpty() && blastRadius == null;
    }

    /** The summary as the function returns and logs it; keys in a fixed order. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scannedEnvironments", scannedEnvironments.stream().map(Env::key).toList());
        json.put("retiredEnvironments", retiredEnvironments.stream().map(Env::key).toList());
        json.put("expectedStacks", expectedStacks);
        json.put("deleting", deleting.stream().map(StackRef::toJson).toList());
        json.put("retrying", retrying.stream().map(StackRef::toJson).toList());
        json.put("alreadyDeleting", alreadyDeleting.stream().map(StackRef::toJson).toList());
        json.put("protected", protectedStacks.stream().map(StackRef::toJson).toList());
        json.put("stillListed", stillListed.stream().map(StackRef::toJson).toList());
        json.put("failures", failures.stream().map(Failure::toJson).toList());
        return json;
    }

    /** One short paragraph for the invocation's error message; the log line has the full summary. */
    String shortMessage() {
        String headline = blastRadius != null ? blastRadius
                : "offboarding failed: " + failures.size() + " failure(s)";
        String firsts = failures.stream().limit(MESSAGE_FAILURES).map(Failure::describe)
                .collect(Collectors.joining("; "));
        String more = failures.size() > MESSAGE_FAILURES ? "; and " + (failures.size() - MESSAGE_FAILURES) + " more"
                : "";
        return headline + (firsts.isEmpty() ? "" : " [" + firsts + more + "]")
                + ". deleting " + deleting.size() + ", alreadyDeleting " + alreadyDeleting.size()
                + ", protected " + protectedStacks.size() + "; the full summary is in the function's log";
    }
}
