package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

import app.AppProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import testsupport.PythonTools;

/**
 * Every template the app writes for the shipped catalog (the pipeline, its stages' stacks, CodePipeline's
 * cross-region support stacks) passes cfn-lint (settings in .cfnlintrc), errors and warnings alike.
 */
// Waits on child processes only (no jsii in this JVM): runs beside the in-process CDK tests.
@Execution(ExecutionMode.CONCURRENT)
class CfnLintTest {

    @Test
    void everySynthesizedTemplatePassesCfnLint() throws IOException, InterruptedException {
        var run = AppProcess.shipped().first();
        assertEquals(0, run.exitCode(), run.output());
        var outdir = run.outdir();
        var templates = DeterminismTest.assemblyFiles(outdir).stream()
                .filter(f -> f.endsWith(".template.json"))
                .map(f -> outdir.resolve(f).toString())
                .toList();
        assertTrue(templates.size() >= 8, "pipeline, baseline, 3 pooled tiers, 3 silo tenants: " + templates);
        var command = new ArrayList<String>();
        command.add(PythonTools.tool("cfn-lint"));
        command.add("--");
        command.addAll(templates);
        Process process;
        try {
            var builder = new ProcessBuilder(app.LowPriority.command(command)).redirectErrorStream(true);
            builder.environment().put("PATH", PythonTools.path());
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cfn-lint must be on the PATH (it is preinstalled on this machine kind)", e);
        }
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "cfn-lint finished");
        assertEquals(0, process.exitValue(), "cfn-lint findings:\n" + output);
    }
}
