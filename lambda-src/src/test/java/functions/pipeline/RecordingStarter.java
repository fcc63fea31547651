package functions.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The one fake: CodePipeline cannot run locally. Records every start; fails for the pipelines it is told to. */
final class RecordingStarter implements PipelineStarter {

    record Start(String pipelineName, String clientRequestToken) {
    }

    private final List<Start> starts = new ArrayList<>();
    private final Set<String> failing;

    RecordingStarter(String... failingPipelines) {
        this.failing = Set.of(failingPipelines);
    }

    @Override
    public String start(String pipelineName, String clientRequestToken) {
        starts.add(new Start(pipelineName, clientRequestToken));
        if (failing.contains(pipelineName)) {
            throw new IllegalStateException("CodePipeline unavailable for " + pipelineName);
        }
        return "exec-" + pipelineName + "-" + starts.size();
    }

    List<Start> starts() {
        return List.copyOf(starts);
    }

    List<String> startedPipelines() {
        return starts.stream().map(Start::pipelineName).toList();
    }
}
