package functions.pipeline;

import static functions.shared.Environment.required;

import contract.Env;
import functions.shared.FunctionConfig;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The trigger's environment, read and checked once at init so a misconfigured deployment fails on its first
 * cold start with a message naming the variable.
 *
 * @param pipelineNames the fleet pipelines, each started once per relevant batch ({@code PIPELINE_NAMES},
 *                      comma-separated: the fleet may be sharded over several pipelines)
 * @param region        the function's region, also the pipelines' ({@code AWS_REGION})
 * @param onboardProject the fleet's onboard CodeBuild project, started once per new silo tenant
 *                      ({@code ONBOARD_PROJECT}); @default none: no fast lane, the pipelines alone onboard
 */
record PipelineTriggerConfig(List<String> pipelineNames, String region, Optional<String> onboardProject) {

    static final String PIPELINE_NAMES = Env.PIPELINE_NAMES.variable();
    static final String ONBOARD_PROJECT = Env.ONBOARD_PROJECT.variable();

    // CodeBuild's rule for project names (CreateProject: [A-Za-z0-9][A-Za-z0-9\-_]{1,254}).
    private static final Pattern PROJECT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{1,254}");

    // CodePipeline's own rule for pipeline names.
    private static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9.@_-]{1,100}");

    PipelineTriggerConfig {
        pipelineNames = List.copyOf(pipelineNames);
        Objects.requireNonNull(region, FunctionConfig.AWS_REGION);
        Objects.requireNonNull(onboardProject, ONBOARD_PROJECT);
        if (pipelineNames.isEmpty()) {
            throw new IllegalStateException(PIPELINE_NAMES + " must name at least one pipeline");
        }
    }

    PipelineTriggerConfig(List<String> pipelineNames, String region) {
        this(pipelineNames, region, Optional.empty());
    }

    /** Reads the configuration; throws {@link IllegalStateException} naming the first bad variable. */
    static PipelineTriggerConfig fromEnvironment(Map<String, String> env) {
        return new PipelineTriggerConfig(
                pipelineNames(required(env, PIPELINE_NAMES)),
                required(env, FunctionConfig.AWS_REGION),
                onboardProject(env.get(ONBOARD_PROJECT)));
    }

    private static Optional<String> onboardProject(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        if (!PROJECT_NAME.matcher(raw).matches()) {
            throw new IllegalStateException(ONBOARD_PROJECT + " must be a CodeBuild project name of "
                    + "[A-Za-z0-9][A-Za-z0-9_-]{1,254}, got '" + raw + "'");
        }
        return Optional.of(raw);
    }

    private static List<String> pipelineNames(String raw) {
        List<String> names = Arrays.stream(raw.split(",", -1)).map(String::strip).toList();
        for (String name : names) {
            if (!PIPELINE_NAME.matcher(name).matches()) {
                throw new IllegalStateException(PIPELINE_NAMES + " must be comma-separated pipeline names of "
                        + "[A-Za-z0-9.@_-]{1,100}, got '" + raw + "'");
            }
        }
        // A name listed twice would start that pipeline twice per batch.
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalStateException(PIPELINE_NAMES + " lists a pipeline twice: '" + raw + "'");
        }
        return names;
    }
}
