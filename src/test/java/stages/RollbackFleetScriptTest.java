package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code scripts/rollback-fleet.sh}, the fast way back from a bad release, run with bash against a stand-in for the
 * CodePipeline CLI calls it makes (moto 5.2.1 implements neither RollbackStage nor execution listings): after Build's
 * inbound transition is disabled, every deployment stage of each pipeline is rolled back to the newest succeeded
 * standard release before the newest one, one stage at a time, each awaited until its rollback execution succeeded;
 * a failed or overdue rollback, or a pipeline without a good release before the newest, stops.
 */
// Waits on bash and CLI child processes only: runs beside the in-process CDK tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
class RollbackFleetScriptTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err, List<String> calls) {
    }

    // Answers list-pipeline-executions from executions-<pipeline> ("<id> <status>" lines, newest first, as the
    // script's query prints them), the stage names from stages-<pipeline>, and a
    // stage's latest execution from state-<stage> (one "<id> <status>" line per look, the last one repeating).
    private static final String FAKE_AWS = """
            #!/usr/bin/env bash
            set -euo pipefail
            dir=${FAKE_AWS_DIR:?}
            echo "$*" >> "$dir/calls"
            arg() { local name=$1; shift; while [ $# -gt 0 ]; do [ "$1" = "$name" ] && { echo "$2"; return; }; shift; done; }
            case "$1 $2" in
              "codepipeline list-pipeline-executions") cat "$dir/executions-$(arg --pipeline-name "$@")" ;;
              "codepipeline disable-stage-transition") ;;
              "codepipeline rollback-stage")
                stage=$(arg --stage-name "$@")
                echo "rb-$stage" ;;
              "codepipeline get-pipeline-state")
                query=$(arg --query "$@")
                if [[ $query == 'stageStates[].stageName' ]]; then cat "$dir/stages-$(arg --name "$@")"; exit 0; fi
                stage=$(sed -E "s/.*stageName=='([^']+)'.*/\\\\1/" <<<"$query")
                n=$(( $(cat "$dir/looks-$stage" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$dir/looks-$stage"
                lines=$(wc -l < "$dir/state-$stage")
                sed -n "$(( n < lines ? n : lines ))p" "$dir/state-$stage" ;;
              *) echo "unexpected: $*" >&2; exit 2 ;;
            esac
            """;

    private Run run(String... pipelines) throws Exception {
        return runWith(java.util.Map.of(), pipelines);
    }

    private Run runWith(java.util.Map<String, String> env, String... pipelines) throws Exception {
        var bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("aws"), FAKE_AWS);
        assertTrue(bin.resolve("aws").toFile().setExecutable(true));
        var command = new ArrayList<>(List.of("bash", "scripts/rollback-fleet.sh"));
        command.addAll(List.of(pipelines));
        var builder = new ProcessBuilder(app.LowPriority.command(command))
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_AWS_DIR", dir.toString());
        builder.environment().put("POLL_SECONDS", "0");
        builder.environment().putAll(env);
        var process = builder.start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "rollback-fleet.sh finished");
        var calls = dir.resolve("calls");
        return new Run(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8),
                Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    private void pipeline(String name, String executions, String stages) throws Exception {
        Files.writeString(dir.resolve("executions-" + name), executions + "\n");
        Files.writeString(dir.resolve("stages-" + name), stages + "\n");
    }

    private void stage(String stage, String... looks) throws Exception {
        Files.writeString(dir.resolve("state-" + stage), String.join("\n", looks) + "\n");
    }

    @Test
    void everyDeploymentStageRollsBackToTheLastGoodReleaseOneAtATime() throws Exception {
        // The bad release itself finished (its harm showed later): the target is the succeeded one before it.
        pipeline("saas-fleet", "bad-2\tSucceeded\nfailed-1\tFailed\ngood-1\tSucceeded\ngood-0\tSucceeded", "Source\tBuild\tUpdatePipeline\tAssets\tPreflight\tBaseline\tCanary\tWave-x0\tOffboard");
        // The stage still shows the bad release first, then the rollback running, then done.
        stage("Baseline", "bad-2 Succeeded", "rb-Baseline InProgress", "rb-Baseline Succeeded");
        stage("Canary", "rb-Canary Succeeded");
        stage("Wave-x0", "rb-Wave-x0 InProgress", "rb-Wave-x0 Succeeded");

        var run = run("saas-fleet");

        assertEquals(0, run.exit(), run.err());
        var rollbacks = run.calls().stream().filter(c -> c.startsWith("codepipeline rollback-stage")).toList();
        assertEquals(List.of("Baseline", "Canary", "Wave-x0"), rollbacks.stream()
                .map(c -> c.replaceAll(".*--stage-name (\\S+).*", "$1")).toList());
        assertTrue(rollbacks.stream().allMatch(c -> c.contains("--target-pipeline-execution-id good-1")), rollbacks.toString());
        // Each stage awaited before the next was started.
        var order = run.calls().stream().map(c -> c.startsWith("codepipeline rollback-stage") ? "R"
                : c.contains("latestExecution") ? "L" : "").filter(s -> !s.isEmpty()).reduce("", String::concat);
        assertEquals("RLLLRLRLL", order, run.calls().toString());
        // No later execution rebuilds the bad head over the rollback: Build's inbound transition is disabled first.
        var disable = run.calls().stream().filter(c -> c.startsWith("codepipeline disable-stage-transition")).toList();
        assertEquals(1, disable.size(), run.calls().toString());
        assertTrue(disable.get(0).contains("--stage-name Build --transition-type Inbound"), disable.get(0));
        assertTrue(run.calls().indexOf(disable.get(0)) < run.calls().indexOf(rollbacks.get(0)), run.calls().toString());
        assertTrue(run.out().contains("saas-fleet: 3 stages rolled back to good-1"), run.out());
    }

    @Test
    void aFailedRollbackStopsNamingTheStage() throws Exception {
        pipeline("saas-fleet", "bad-2\tFailed\ngood-1\tSucceeded", "Baseline\tCanary");
        stage("Baseline", "rb-Baseline Failed");

        var run = run("saas-fleet");

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("saas-fleet/Baseline: rollback ended Failed"), run.err());
        assertEquals(1, run.calls().stream().filter(c -> c.startsWith("codepipeline rollback-stage")).count());
    }

    @Test
    void aPipelineWithoutASucceededReleaseBeforeTheNewestIsNotTouched() throws Exception {
        pipeline("saas-fleet-8", "only-1\tSucceeded", "Wave-x0");

        var run = run("saas-fleet-8");

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("saas-fleet-8: no succeeded release before the newest one (only-1)"), run.err());
        assertTrue(run.calls().stream().noneMatch(c -> c.startsWith("codepipeline rollback-stage")
                || c.startsWith("codepipeline disable-stage-transition")), run.calls().toString());
    }

    @Test
    void aRollbackThatNeverShowsUpStopsAtTheStageDeadline() throws Exception {
        pipeline("saas-fleet", "bad-2\tFailed\ngood-1\tSucceeded", "Baseline");
        stage("Baseline", "bad-2 Succeeded");

        var run = runWith(java.util.Map.of("STAGE_TIMEOUT_SECONDS", "1"), "saas-fleet");

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("saas-fleet/Baseline: rollback rb-Baseline not done after 1s"), run.err());
    }
}
