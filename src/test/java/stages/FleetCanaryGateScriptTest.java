package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * scripts/wait-for-fleet-canary.sh run with bash and the real AWS CLI against a loopback server answering as
 * CodePipeline's JSON API does (ListPipelineExecutions, ListActionExecutions): moto 5.2.1 implements neither call
 * (its CodePipeline backend has pipelines and tags only), so the answers are written here in the shapes of
 * https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ListPipelineExecutions.html and
 * https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ListActionExecutions.html.
 */
// Waits on bash and CLI child processes only: runs beside the in-process CDK tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
class FleetCanaryGateScriptTest {

    private static final String REVISION = "3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39";
    private static final String EXECUTION = "11111111-2222-3333-4444-555555555555";
    private static final String RESTARTED = "66666666-7777-8888-9999-000000000000";

    @TempDir
    Path dir;
    private CodePipelineStub codePipeline;

    @BeforeEach
    void start() throws IOException {
        codePipeline = CodePipelineStub.start();
    }

    @AfterEach
    void stop() {
        codePipeline.close();
    }

    private CodePipelineStub.ScriptRun gate(int timeoutSeconds) throws Exception {
        return CodePipelineStub.finish(codePipeline.startScript(dir, "wait-for-fleet-canary.sh", Map.of(
                "CANARY_PIPELINE", "saas-fleet-01", "SOURCE_REVISION", REVISION,
                "TIMEOUT_SECONDS", Integer.toString(timeoutSeconds), "POLL_SECONDS", "1")), dir);
    }

    private static String execution(String id, String status, String revision) {
        return "{\"pipelineExecutionId\": \"" + id + "\", \"status\": \"" + status + "\", \"sourceRevisions\": "
                + "[{\"actionName\": \"source\", \"revisionId\": \"" + revision + "\"}]}";
    }

    private static String action(String execution, String name, String status, long start) {
        return "{\"pipelineExecutionId\": \"" + execution + "\", \"stageName\": \"Canary\", \"actionName\": \"" + name
                + "\", \"status\": \"" + status + "\", \"startTime\": " + start + "}";
    }

    @Test
    void passesOnceTheCanaryPipelinesValidationOfTheSameRevisionSucceeded() throws Exception {
        codePipeline.executions(execution(EXECUTION, "InProgress", REVISION),
                execution("99999999-2222-3333-4444-555555555555", "Succeeded", "0ld0000000000000000000000000000000000000"));
        codePipeline.actions(EXECUTION, action(EXECUTION, "ValidateCanary", "Succeeded", 1_796_000_000L),
                action(EXECUTION, "Prepare", "Succeeded", 1_795_999_000L));

        var run = gate(30);

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("fleet canary validated " + REVISION + " in saas-fleet-01"), run.out());
        assertTrue(codePipeline.requests().contains("ListPipelineExecutions {\"pipelineName\": \"saas-fleet-01\"}")
                || codePipeline.requests().stream().anyMatch(r -> r.startsWith("ListPipelineExecutions ")
                        && r.contains("\"pipelineName\": \"saas-fleet-01\"")), codePipeline.requests().toString());
        assertTrue(codePipeline.requests().stream().anyMatch(r -> r.startsWith("ListActionExecutions ")
                && r.contains("\"pipelineExecutionId\": \"" + EXECUTION + "\"")), codePipeline.requests().toString());
    }

    @Test
    void failsWhenTheCanaryValidationOfTheRevisionFailed() throws Exception {
        codePipeline.executions(execution(EXECUTION, "Failed", REVISION));
        codePipeline.actions(EXECUTION, action(EXECUTION, "ValidateCanary", "Failed", 1_796_000_000L));

        var run = gate(30);

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("ValidateCanary of execution " + EXECUTION + " is Failed"), run.err());
    }

    @Test
    void aRetriedValidationCountsByItsNewestRun() throws Exception {
        codePipeline.executions(execution(EXECUTION, "InProgress", REVISION));
        codePipeline.actions(EXECUTION, action(EXECUTION, "ValidateCanary", "Succeeded", 1_796_000_900L),
                action(EXECUTION, "ValidateCanary", "Failed", 1_796_000_000L));

        assertEquals(0, gate(30).exit());
    }

    @Test
    void waitsWhileTheCanaryRunsAndFailsAtTheTimeout() throws Exception {
        codePipeline.executions(execution(EXECUTION, "InProgress", REVISION));
        codePipeline.actions(EXECUTION, action(EXECUTION, "ValidateCanary", "InProgress", 1_796_000_000L));

        var run = gate(2);

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("waiting: saas-fleet-01 is running " + REVISION), run.out());
        assertTrue(run.err().contains("did not succeed for " + REVISION + " within 2s"), run.err());
    }

    @Test
    void aRevisionTheCanaryPipelineNeverRanIsWaitedForNotTakenFromAnotherRevision() throws Exception {
        codePipeline.executions(execution(EXECUTION, "Succeeded", "0ld0000000000000000000000000000000000000"));
        codePipeline.actions(EXECUTION, action(EXECUTION, "ValidateCanary", "Succeeded", 1_796_000_000L));

        var run = gate(2);

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("waiting: saas-fleet-01 has no execution of " + REVISION), run.out());
    }

    @Test
    void failsWhenEveryExecutionOfTheRevisionEndedWithoutValidating() throws Exception {
        // Superseded by a newer commit before its canary validated, then a self-mutation restart that failed early.
        codePipeline.executions(execution(RESTARTED, "Failed", REVISION), execution(EXECUTION, "Superseded", REVISION));

        var run = gate(30);

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("every execution of " + REVISION + " in saas-fleet-01 ended without "
                + "ValidateCanary succeeding"), run.err());
    }
}
