package functions.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one double of CodePipeline, since moto 5.2.1 does not implement StartPipelineExecution (it answers HTTP 500;
 * its CodePipeline has create, get, update, list, delete and tags only). Records every start; fails for the
 * pipelines it is told to. CodePipelineStarterTest checks the real starter's request as it leaves the client.
 */
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
