package functions.offboard;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The whole fleet as the synth planned it (every pipeline, when the fleet is sharded), read by
 * {@link FleetPlanReader}. A deployed stack the plan does not name is no longer wanted by any pipeline.
 */
final class FleetPlan {

    private record Key(Env env, String stackName) {
    }

    private final List<String> pipelineNames;
    private final List<ExpectedStack> stacks;
    private final Set<Key> keys = new HashSet<>();
    private final SortedSet<Env> environments = new TreeSet<>();

    FleetPlan(List<String> pipelineNames, List<ExpectedStack> stacks) {
        this.pipelineNames = List.copyOf(Objects.requireNonNull(pipelineNames, "FleetPlan: pipelineNames is required"));
        this.stacks = List.copyOf(Objects.requireNonNull(stacks, "FleetPlan: stacks is required"));
        for (ExpectedStack stack : this.stacks) {
            keys.add(new Key(stack.env(), stack.stackName()));
            environments.add(stack.env());
        }
    }

    List<String> pipelineNames() {
        return pipelineNames;
    }

    List<ExpectedStack> stacks() {
        return stacks;
    }

    /** The distinct environments of all planned stacks, sorted: the ones the offboarder scans. */
    SortedSet<Env> environments() {
        return Collections.unmodifiableSortedSet(environments);
    }

    /** True when the plan deploys a stack of this name in this environment. */
    boolean expects(Env env, String stackName) {
        return keys.contains(new Key(env, stackName));
    }

    /** Distinct (environment, stack name) pairs; a name may recur in other environments (pooled tiers do). */
    int expectedStackCount() {
        return keys.size();
    }
}
