package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * scripts/await-older-executions.sh (the first command of every pipeline's synth) run with bash and the real AWS CLI
 * against {@link CodePipelineStub}: an onboarding's execution queued behind a running release does not reach its
 * self-mutation, which would end that release, until the release has ended; newer executions and ended ones do not
 * hold it.
 */
// Waits on bash and CLI child processes only: runs beside the in-process CDK tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
class AwaitOlderExecutionsScriptTest {

    private static final String RELEASE = "11111111-2222-3333-4444-555555555555";
    private static final String ONBOARDING = "66666666-7777-8888-9999-000000000000";
    private static final String LATER = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

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

    private Process start(int timeoutSeconds) throws IOException {
        return codePipeline.startScript(dir, "await-older-executions.sh", Map.of("PIPELINE_NAME", "saas-fleet-8",
                "EXECUTION_ID", ONBOARDING, "TIMEOUT_SECONDS", Integer.toString(timeoutSeconds), "POLL_SECONDS", "1"));
    }

    private CodePipelineStub.ScriptRun finish(Process process) throws Exception {
        return CodePipelineStub.finish(process, dir);
    }

    // Newest first, as ListPipelineExecutions lists them; the script orders by startTime itself.
    private static String execution(String id, String status, long startTime) {
        return "{\"pipelineExecutionId\": \"" + id + "\", \"status\": \"" + status + "\", \"startTime\": "
                + startTime + "}";
    }

    @Test
    void anOnboardingQueuedBehindARunningReleaseGoesOnOnlyOnceTheReleaseHasEnded() throws Exception {
        codePipeline.executions(execution(LATER, "InProgress", 1_796_000_200L),
                execution(ONBOARDING, "InProgress", 1_796_000_100L),
                execution(RELEASE, "InProgress", 1_796_000_000L));
        var process = start(110);
        // Two looks at the running release (however slow the CLI starts here), and still held.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
        while (codePipeline.requests().size() < 2 && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(process.isAlive(), "held while the older release runs");
        codePipeline.replaceExecutions(execution(LATER, "InProgress", 1_796_000_200L),
                execution(ONBOARDING, "InProgress", 1_796_000_100L),
                execution(RELEASE, "Succeeded", 1_796_000_000L));

        var run = finish(process);

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains(ONBOARDING + " waits for older executions of saas-fleet-8: " + RELEASE),
                run.out());
        assertTrue(run.out().contains("no older execution of saas-fleet-8 is running"), run.out());
        assertTrue(codePipeline.requests().stream().allMatch(r -> r.startsWith("ListPipelineExecutions ")
                && r.contains("\"pipelineName\": \"saas-fleet-8\"")), codePipeline.requests().toString());
    }

    @Test
    void newerAndEndedExecutionsDoNotHoldIt() throws Exception {
        codePipeline.executions(execution(LATER, "InProgress", 1_796_000_200L),
                execution(ONBOARDING, "InProgress", 1_796_000_100L),
                execution(RELEASE, "Failed", 1_796_000_000L),
                execution("99999999-2222-3333-4444-555555555555", "Superseded", 1_795_000_000L));

        var run = finish(start(30));

        assertEquals(0, run.exit(), run.err());
        assertTrue(!run.out().contains("waits for"), run.out());
    }

    @Test
    void aStoppingOlderExecutionHoldsItUntilTheTimeout() throws Exception {
        codePipeline.executions(execution(ONBOARDING, "InProgress", 1_796_000_100L),
                execution(RELEASE, "Stopping", 1_796_000_000L));

        var run = finish(start(2));

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("older executions of saas-fleet-8 still running after 2s: " + RELEASE),
                run.err());
    }

    @Test
    void anExecutionThePipelineDoesNotListFailsInsteadOfGoingOnUnchecked() throws Exception {
        codePipeline.executions(execution(RELEASE, "InProgress", 1_796_000_000L));

        var run = finish(start(30));

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("execution " + ONBOARDING + " is not among the newest 500 executions"),
                run.err());
    }
}
