package functions.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineTriggerConfigTest {

    private static Map<String, String> env(String pipelineNames, String region) {
        Map<String, String> env = new HashMap<>();
        if (pipelineNames != null) {
            env.put("PIPELINE_NAMES", pipelineNames);
        }
        if (region != null) {
            env.put("AWS_REGION", region);
        }
        return env;
    }

    private static void assertFailsNaming(String variable, Map<String, String> env) {
        var e = assertThrows(IllegalStateException.class, () -> PipelineTriggerConfig.fromEnvironment(env));
        assertTrue(e.getMessage().contains(variable), e.getMessage());
    }

    @Test
    void onePipelineAndTheRegionAreRead() {
        assertEquals(new PipelineTriggerConfig(List.of("saas-fleet"), "us-east-1"),
                PipelineTriggerConfig.fromEnvironment(env("saas-fleet", "us-east-1")));
    }

    @Test
    void shardedFleetListsEveryPipelineInOrderWithBlanksAroundNamesIgnored() {
        assertEquals(List.of("saas-fleet-1", "saas-fleet-2", "saas-fleet-3"),
                PipelineTriggerConfig.fromEnvironment(env(" saas-fleet-1, saas-fleet-2 ,saas-fleet-3 ", "us-east-1"))
                        .pipelineNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void missingOrBlankPipelineNamesFailFastNamingTheVariable(String raw) {
        assertFailsNaming("PIPELINE_NAMES", env(raw, "us-east-1"));
        assertFailsNaming("PIPELINE_NAMES", env(null, "us-east-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,,b", "a,", "fleet pipeline", "a,b,a"})
    void emptyInvalidOrRepeatedPipelineNameFailsFastNamingTheVariable(String raw) {
        assertFailsNaming("PIPELINE_NAMES", env(raw, "us-east-1"));
    }

    @Test
    void missingRegionFailsFastNamingTheVariable() {
        assertFailsNaming("AWS_REGION", env("saas-fleet", null));
        assertFailsNaming("AWS_REGION", env("saas-fleet", " "));
    }

    @Test
    void theOnboardProjectIsReadWhenSetAndAbsentOtherwise() {
        var env = env("saas-fleet", "us-east-1");
        assertEquals(java.util.Optional.empty(), PipelineTriggerConfig.fromEnvironment(env).onboardProject());
        env.put("ONBOARD_PROJECT", "saas-fleet-onboard");
        assertEquals(java.util.Optional.of("saas-fleet-onboard"),
                PipelineTriggerConfig.fromEnvironment(env).onboardProject());
    }

    @ParameterizedTest
    @ValueSource(strings = {"saas fleet", "-onboard", "a"})
    void anInvalidOnboardProjectFailsFastNamingTheVariable(String raw) {
        var env = env("saas-fleet", "us-east-1");
        env.put("ONBOARD_PROJECT", raw);
        assertFailsNaming("ONBOARD_PROJECT", env);
    }
}
