package stages;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** One CodePipeline of the fleet and its waves, in deployment order. */
public record PipelinePlan(String name, List<Wave> waves) {

    public PipelinePlan {
        Objects.requireNonNull(name, "PipelinePlan: name is required");
        waves = List.copyOf(Objects.requireNonNull(waves, "PipelinePlan " + name + ": waves is required"));
    }

    public int actionCount(Wave wave) {
        return wave.actionCount();
    }

    /** CodePipeline stages this pipeline will have: the reserved ones CDK Pipelines adds, plus one per wave. */
    public int codePipelineStageCount() {
        return WaveLimits.RESERVED_STAGES + waves.size();
    }

    /** This pipeline's canary wave: present only in the fleet's canary pipeline. */
    public Optional<Wave> canaryWave() {
        return waves.stream().filter(Wave::canary).findFirst();
    }

    public int stackCount() {
        return waves.stream().mapToInt(w -> w.stacks().size()).sum();
    }

    public Stream<PlannedStack> stacks() {
        return waves.stream().flatMap(w -> w.stacks().stream());
    }
}
