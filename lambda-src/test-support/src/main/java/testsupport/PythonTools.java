package testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The PATH for child processes that run Python tools (the AWS CLI, cfn-lint, python3): the bin directory of the
 * interpreter that {@code python3} resolves to comes first, so each tool starts directly rather than through a
 * version manager's shim (a pyenv shim measured 1.16 s per {@code aws --version} against 0.50 s direct, on this
 * machine). Where python3 is not shimmed the directory is already on the PATH and nothing changes.
 */
public final class PythonTools {

    private static String path;
    private static String bin;

    private PythonTools() {
    }

    /** {@code <interpreter's bin>:$PATH}, resolved once per JVM. */
    public static synchronized String path() {
        if (path == null) {
            path = bin() + ":" + System.getenv("PATH");
        }
        return path;
    }

    /**
     * The tool {@code name} (python3, cfn-lint) in the interpreter's bin directory, to start a process with: a
     * ProcessBuilder looks a bare command up on the JVM's own PATH, not on the PATH it gives the child, so a tool
     * started by name still went through the shim (0.36 s of CPU per {@code python3 -c pass} against 0.05 s direct
     * here). The bare name where the directory has no such tool.
     */
    public static String tool(String name) {
        var direct = java.nio.file.Path.of(bin(), name);
        return java.nio.file.Files.isExecutable(direct) ? direct.toString() : name;
    }

    private static synchronized String bin() {
        if (bin == null) {
            bin = binDirectory();
        }
        return bin;
    }

    private static String binDirectory() {
        try {
            var process = new ProcessBuilder("python3", "-c",
                    "import os, sys; print(os.path.dirname(os.path.realpath(sys.executable)))")
                    .redirectErrorStream(true).start();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || out.isEmpty()) {
                throw new IllegalStateException("python3 could not name its own directory: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("python3 must be on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking python3 for its directory", e);
        }
    }
}
