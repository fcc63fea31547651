package functions.shared;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the test JVM writes to stdout, line by line, as Lambda hands a function's stdout to CloudWatch Logs:
 * installed once (a tee in front of the real stdout), so tests read what real handlers printed (log lines and EMF
 * documents) without a fake logger, and {@code NoSecretsInLogsTest} scans every line all handler tests printed.
 */
public final class LogCapture {

    private static final List<String> LINES = new ArrayList<>();
    private static final java.util.Set<String> SECRETS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static volatile boolean installed;

    private LogCapture() {
    }

    /** Idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        PrintStream original = System.out;
        System.setOut(new PrintStream(new Tee(original), true, StandardCharsets.UTF_8));
        installed = true;
    }

    /** A position to read from later. */
    public static int mark() {
        install();
        synchronized (LINES) {
            return LINES.size();
        }
    }

    /** The lines written since {@code mark}. */
    public static List<String> since(int mark) {
        System.out.flush();
        synchronized (LINES) {
            return new ArrayList<>(LINES.subList(Math.min(mark, LINES.size()), LINES.size()));
        }
    }

    /** Records a value no log line may contain (a code, a token, a key, a password a test made). */
    public static void secret(String value) {
        if (value != null && value.length() >= 6) {
            SECRETS.add(value);
        }
    }

    /** Every value passed to {@link #secret}. */
    public static java.util.Set<String> secrets() {
        return java.util.Set.copyOf(SECRETS);
    }

    /** Every line written since {@link #install}. */
    public static List<String> all() {
        return since(0);
    }

    private static final class Tee extends OutputStream {
        private final PrintStream original;
        private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);

        Tee(PrintStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            original.write(b);
            if (b == '\n') {
                complete();
            } else {
                pending.get().write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            original.write(bytes, offset, length);
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    complete();
                } else {
                    pending.get().write(bytes[i]);
                }
            }
        }

        private void complete() {
            ByteArrayOutputStream line = pending.get();
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            synchronized (LINES) {
                LINES.add(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
