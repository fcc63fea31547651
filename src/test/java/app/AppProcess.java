package app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the entry point as the CDK CLI does: a fresh JVM, context in {@code CDK_CONTEXT_JSON} (cdk.json's, the given
 * context over it), output dir in {@code CDK_OUTDIR}. Per-JVM effects (hash seeds, identity hashes) show up only this way.
 */
public final class AppProcess {

    public record Run(int exitCode, String output, Path outdir) {
    }

    /** Two separate runs of the app on the shipped catalog, with the default context (cdk.json's). */
    public record ShippedRuns(Run first, Run second) {
    }

    /**
     * The test JVM sets it to skip CDK's synth-time CloudFormation validation in the in-process syntheses (which
     * report nothing the tests read); the app's own runs keep CDK's default, as under {@code cdk synth}.
     */
    static final String CDK_VALIDATION = "CDK_VALIDATION";

    private static ShippedRuns shipped;

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
        var builder = new ProcessBuilder(
                LowPriority.command(javaBin, "-cp", System.getProperty("java.class.path"), "app.FleetApp"))
                .redirectErrorStream(true);
        builder.environment().remove(CDK_VALIDATION);
        builder.environment().put("CDK_OUTDIR", outdir.toString());
        builder.environment().put("CDK_CONTEXT_JSON", CdkJson.withCdkJson(contextJson));
        builder.environment().putAll(env);
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "app finished");
        return new Run(process.exitValue(), output, outdir);
    }

    /**
     * The shipped catalog's assembly, written twice by two runs started together (each run is mostly one busy core),
     * once per test JVM: DeterminismTest compares the two, the tests that only read an assembly (CfnLintTest,
     * FleetAppTest) read the first. Nothing may write into them.
     */
    public static synchronized ShippedRuns shipped() {
        if (shipped == null) {
            var dir = TempDirs.createDeletedOnExit("shipped-app");
            var second = CompletableFuture.supplyAsync(() -> runUnchecked("{}", dir.resolve("second")));
            var first = runUnchecked("{}", dir.resolve("first"));
            try {
                shipped = new ShippedRuns(first, second.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return shipped;
    }

    private static Run runUnchecked(String contextJson, Path outdir) {
        try {
            return run(contextJson, outdir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the app ran", e);
        }
    }
}
