package app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the entry point as the CDK CLI does: a fresh JVM, context in {@code CDK_CONTEXT_JSON}, output dir in
 * {@code CDK_OUTDIR}. Per-JVM effects (hash seeds, identity hashes) show up only this way.
 */
public final class AppProcess {

    public record Run(int exitCode, String output, Path outdir) {
    }

    private AppProcess() {
    }

    public static Run run(String contextJson, Path outdir) throws IOException, InterruptedException {
        return run(contextJson, outdir, Map.of());
    }

    /** Runs with extra environment variables (e.g. SDK settings that keep a test on loopback). */
    public static Run run(String contextJson, Path outdir, Map<String, String> env)
            throws IOException, InterruptedException {
        Files.createDirectories(outdir);
        var javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "app.FleetApp")
                .redirectErrorStream(true);
        builder.environment().put("CDK_OUTDIR", outdir.toString());
        builder.environment().put("CDK_CONTEXT_JSON", contextJson);
        builder.environment().putAll(env);
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "app finished");
        return new Run(process.exitValue(), output, outdir);
    }
}
