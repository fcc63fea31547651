package functions.pipeline;

import static functions.shared.Environment.required;

import functions.shared.FunctionConfig;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The trigger's environment, read and checked once at init so a misconfigured deployment fails on its first
 * cold start with a message naming the variable.
 *
 * @param pipelineNames the fleet pipelines, each started once per relevant batch ({@code PIPELINE_NAMES},
 *                      comma-separated: the fleet may be sharded over several pipelines)
 * @param region        the function's region, also the pipelines' ({@code AWS_REGION})
 */
record PipelineTriggerConfig(List<String> pipelineNames, String region) {

    static final String PIPELINE_NAMES = "PIPELINE_NAMES";

    // CodePipeline's own rule for pipeline names.
    private static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9.@_-]{1,100}");

    PipelineTriggerConfig {
        pipelineNames = List.copyOf(pipelineNames);
        Objects.requireNonNull(region, FunctionConfig.AWS_REGION);
        if (pipelineNames.isEmpty()) {
            throw new IllegalStateException(PIPELINE_NAMES + " must name at least one pipeline");
        }
    }

    /** Reads the configuration; throws {@link IllegalStateException} naming the first bad variable. */
    static PipelineTriggerConfig fromEnvironment(Map<String, String> env) {
        return new PipelineTriggerConfig(
                pipelineNames(required(env, PIPELINE_NAMES)),
                required(env, FunctionConfig.AWS_REGION));
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
