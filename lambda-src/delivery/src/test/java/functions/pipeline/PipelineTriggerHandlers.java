package functions.pipeline;

import java.util.Map;

/** For tests outside this package: the handler built from an environment, as its Lambda constructor builds it. */
public final class PipelineTriggerHandlers {

    private PipelineTriggerHandlers() {
    }

    public static PipelineTriggerHandler fromEnvironment(Map<String, String> env) {
        return new PipelineTriggerHandler(PipelineTriggerConfig.fromEnvironment(env));
    }
}
