package functions.offboard;

import functions.offboard.OffboardSummary.Failure;
import functions.offboard.OffboardSummary.StackRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Clears the way for a pipeline run before its first wave: a planned stack of the fleet that CloudFormation left
 * in {@code ROLLBACK_COMPLETE} (its first create failed) makes the stack's change-set action fail on every later run,
 * and so blocks every later wave, Offboard and ActivateSilos of its pipeline for good. That state "exists only after a
 * failed stack creation ... When in this state, only a delete operation can be performed"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/view-stack-events.html#cfn-console-view-stack-data-resources-status-codes),
 * and the stack never held tenant data (a silo tenant is activated only after its stack is created; resources its
 * rollback retained are no longer part of the stack and stay untouched). So such a stack is deleted, by the id it
 * was listed with, and awaited until DELETE_COMPLETE, so that the wave can create it afresh.
 *
 * <p>Planned stacks stuck where an operator must decide ({@code ROLLBACK_FAILED}, {@code UPDATE_ROLLBACK_FAILED},
 * {@code DELETE_FAILED}: deleting or continuing a rollback may lose data) are reported with the fix, never touched.
 * Only stacks tagged {@code ManagedBy=<fleet>-fleet} are considered, and at most {@code maxDeletions} are deleted.
 */
final class StuckStacks {

    static final String ROLLBACK_COMPLETE = "ROLLBACK_COMPLETE";
    /** States an operator must resolve, with what to do. */
    static final Map<String, String> NEEDS_OPERATOR = Map.of(
            "ROLLBACK_FAILED", "delete it (aws cloudformation delete-stack) after checking its remaining resources",
            "UPDATE_ROLLBACK_FAILED", "continue the rollback (aws cloudformation continue-update-rollback)",
            "DELETE_FAILED", "resolve the failed resources and delete it again, or retain them");

    /** How a run waits between two looks at a deleting stack; replaced in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final FleetStackDirectory directory;
    private final int maxDeletions;
    private final String managedBy;
    private final Sleeper sleeper;
    private final Duration poll;
    private final int polls;

    /**
     * @param poll  the wait between two DescribeStacks of a deleting stack
     * @param polls how many looks before the run gives up on a stack (reported as a failure)
     */
    StuckStacks(FleetStackDirectory directory, int maxDeletions, String fleetName, Sleeper sleeper, Duration poll,
                int polls) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.maxDeletions = maxDeletions;
        this.managedBy = Offboarder.managedByValue(fleetName);
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.poll = Objects.requireNonNull(poll, "poll");
        this.polls = polls;
    }

    /**
     * What one run found and did.
     *
     * @param deleted       stacks in ROLLBACK_COMPLETE that this run deleted (DELETE_COMPLETE seen)
     * @param needsOperator stacks stuck in a state this run must not resolve, each with the fix
     * @param failures      environments that could not be listed, deletes that failed or did not complete
     */
    record Summary(List<StackRef> deleted, Map<StackRef, String> needsOperator, List<Failure> failures) {

        Summary {
            deleted = deleted.stream().sorted(StackRef.ORDER).toList();
            var ordered = new LinkedHashMap<StackRef, String>();
            needsOperator.entrySet().stream().sorted(Map.Entry.comparingByKey(StackRef.ORDER))
                    .forEach(e -> ordered.put(e.getKey(), e.getValue()));
            needsOperator = Collections.unmodifiableMap(ordered);
            failures = failures.stream().sorted(Failure.ORDER).toList();
        }

        boolean succeeded() {
            return failures.isEmpty();
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("deleted", deleted.stream().map(StackRef::toJson).toList());
            json.put("needsOperator", needsOperator.entrySet().stream().map(e -> {
                var node = e.getKey().toJson();
                node.put("fix", e.getValue());
                return node;
            }).toList());
            json.put("failures", failures.stream().map(Failure::toJson).toList());
            return json;
        }

        String shortMessage() {
            return "clearing stuck stacks failed: " + failures.stream().limit(3).map(Failure::describe).toList()
                    + (failures.size() > 3 ? " and " + (failures.size() - 3) + " more" : "")
                    + "; the full summary is in the function's log";
        }
    }

    Summary clear(FleetPlan plan) {
        List<StackRef> stuck = new ArrayList<>();
        Map<StackRef, String> needsOperator = new LinkedHashMap<>();
        List<Failure> failures = new ArrayList<>();
        for (Env env : plan.environments()) {
            List<DeployedStack> stacks;
            try {
                stacks = directory.list(env);
            } catch (RuntimeException e) {
                failures.add(new Failure(env, null, Offboarder.reason(e)));
                continue;
            }
            for (DeployedStack stack : stacks) {
                if (stack.nested() || !managedBy.equals(stack.tag(Offboarder.MANAGED_BY))
                        || !plan.expects(env, stack.stackName())) {
                    continue;
                }
                var ref = new StackRef(stack.stackName(), env, stack.tag(Offboarder.TENANT_ID));
                if (stack.status().equals(ROLLBACK_COMPLETE)) {
                    stuck.add(ref);
                } else if (NEEDS_OPERATOR.containsKey(stack.status())) {
                    needsOperator.put(ref, stack.status() + ": " + NEEDS_OPERATOR.get(stack.status()));
                }
            }
        }
        if (stuck.size() > maxDeletions) {
            stuck.forEach(ref -> failures.add(new Failure(ref.env(), ref.stackName(), "not deleted: " + stuck.size()
                    + " stacks in ROLLBACK_COMPLETE exceed MAX_DELETIONS=" + maxDeletions)));
            return new Summary(List.of(), needsOperator, failures);
        }
        List<StackRef> deleting = new ArrayList<>();
        for (StackRef ref : stuck) {
            try {
                directory.delete(ref.env(), ref.stackName());
                deleting.add(ref);
            } catch (RuntimeException e) {
                failures.add(new Failure(ref.env(), ref.stackName(), Offboarder.reason(e)));
            }
        }
        return new Summary(awaitDeleted(deleting, failures), needsOperator, failures);
    }

    private List<StackRef> awaitDeleted(List<StackRef> deleting, List<Failure> failures) {
        List<StackRef> pending = new ArrayList<>(deleting);
        List<StackRef> deleted = new ArrayList<>();
        for (int look = 0; look < polls && !pending.isEmpty(); look++) {
            if (look > 0) {
                try {
                    sleeper.sleep(poll);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            for (StackRef ref : List.copyOf(pending)) {
                String status;
                try {
                    status = directory.status(ref.env(), ref.stackName());
                } catch (RuntimeException e) {
                    failures.add(new Failure(ref.env(), ref.stackName(), Offboarder.reason(e)));
                    pending.remove(ref);
                    continue;
                }
                if (Offboarder.DELETE_COMPLETE.equals(status)) {
                    deleted.add(ref);
                    pending.remove(ref);
                } else if (Offboarder.DELETE_FAILED.equals(status)) {
                    failures.add(new Failure(ref.env(), ref.stackName(), "delete of a ROLLBACK_COMPLETE stack ended in "
                            + status));
                    pending.remove(ref);
                }
            }
        }
        pending.forEach(ref -> failures.add(new Failure(ref.env(), ref.stackName(), "still deleting after "
                + polls + " looks " + poll.toSeconds() + " s apart: its wave would fail; run again")));
        return deleted;
    }
}
