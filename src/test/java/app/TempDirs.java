package app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temp dirs for assemblies that a whole test JVM shares (JUnit's {@code @TempDir} lives for one class): removed
 * when the JVM exits, so repeated runs do not fill /tmp with assemblies of hundreds of stacks.
 */
public final class TempDirs {

    private TempDirs() {
    }

    public static Path createDeletedOnExit(String prefix) {
        try {
            var dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort at JVM exit: a leftover temp dir is not worth failing the build for.
        }
    }
}
