package stages;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One CDK Pipelines wave, which becomes one CodePipeline stage: its stacks deploy in parallel.
 *
 * @param name   {@code Baseline}, {@code Canary} or {@code Wave-NN}; a valid construct id and stage name
 * @param canary true for the wave that is validated before the rest of its pipeline rolls on
 */
public record Wave(String name, boolean canary, List<PlannedStack> stacks) {

    /** CodePipeline's stage-name rule, which is also a valid CDK construct id. */
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9.@\\-_]{1,100}");

    public Wave {
        Objects.requireNonNull(name, "Wave: name is required");
        if (!STAGE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Wave: name '" + name + "' is not a valid CodePipeline stage name");
        }
        stacks = List.copyOf(Objects.requireNonNull(stacks, "Wave " + name + ": stacks is required"));
        if (stacks.isEmpty()) {
            // CodePipeline rejects a stage without actions.
            throw new IllegalArgumentException("Wave " + name + ": must hold at least one stack");
        }
    }

    /** CodePipeline actions of this wave: change-set create + execute per stack, plus the canary validation. */
    public int actionCount() {
        return stacks.size() * WaveLimits.ACTIONS_PER_STACK + (canary ? WaveLimits.CANARY_VALIDATION_ACTIONS : 0);
    }
}
