package stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import app.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The same catalog gives a byte-identical assembly in two separate runs of the app, as two `cdk synth`
 * invocations would: reviews then diff only what the catalog or the code changed.
 */
// Waits on child processes only (no jsii in this JVM): runs beside the in-process CDK tests.
@Execution(ExecutionMode.CONCURRENT)
class DeterminismTest {

    @Test
    void twoRunsOfTheSameCatalogWriteByteIdenticalAssemblies() throws Exception {
        var first = AppProcess.shipped().first();
        var second = AppProcess.shipped().second();
        assertEquals(0, first.exitCode(), first.output());
        assertEquals(0, second.exitCode(), second.output());
        var files = assemblyFiles(first.outdir());
        assertEquals(files, assemblyFiles(second.outdir()), "same set of files");
        assertTrue(files.stream().filter(f -> f.endsWith(".template.json")).count() >= 8, files.toString());
        assertTrue(files.contains("fleet-plan.json"), files.toString());
        // CDK's synth-time template validation ran, as under `cdk synth` (the test JVM turns it off in-process only).
        assertTrue(files.contains("validation-report.json"), files.toString());
        for (var file : files) {
            assertArrayEquals(Files.readAllBytes(first.outdir().resolve(file)),
                    Files.readAllBytes(second.outdir().resolve(file)),
                    file + " differs between two syntheses of the same catalog");
        }
        for (var file : files.stream().filter(f -> f.endsWith(".json")).toList()) {
            var text = Files.readString(first.outdir().resolve(file));
            assertFalse(text.matches("(?s).*20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d.*"), file + " has a timestamp");
        }
    }

    /** Every file of the assembly, nested stage assemblies included (templates, manifests, assets, plan). */
    static List<String> assemblyFiles(Path outdir) throws IOException {
        try (Stream<Path> files = Files.walk(outdir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> outdir.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }
}
