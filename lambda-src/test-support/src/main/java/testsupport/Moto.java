package testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The one AWS emulator of every test JVM: a moto server (Apache-2.0, pinned to {@link #VERSION}) started on a free
 * loopback port by {@code lambda-src/test-tools/moto_server.py}, which announces the version it serves and the port
 * the OS gave it on its first line. It stops at JVM exit (a shutdown hook, and the server itself exits when its
 * standard input closes, so a killed JVM leaves no server behind).
 *
 * <p>This file is compiled into the tests of lambda-src and of the CDK app (build-helper's add-test-source) and into
 * bench/registration (add-source), so every build starts the emulator the same way. State is shared by the whole JVM: tests use
 * fresh, uniquely named resources; {@link #reset()} clears everything for the tests that need an empty account.
 */
public final class Moto {

    /** The moto release the tests are written against; a different one fails the build at start. */
    public static final String VERSION = "5.2.1";
    /** moto's default account: what plain static credentials (not an assumed role's) act in. */
    public static final String ACCOUNT = "123456789012";
    public static final Region REGION = Region.US_EAST_1;
    public static final String INSTALL = "pip install 'moto[server]==" + VERSION + "'";
    /** Set by surefire in each pom to the launcher script; the python interpreter can be overridden likewise. */
    static final String SCRIPT_PROPERTY = "moto.script";
    static final String PYTHON_PROPERTY = "moto.python";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static Moto instance;

    private final URI endpoint;
    private final Duration startupTime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Moto(URI endpoint, Duration startupTime) {
        this.endpoint = endpoint;
        this.startupTime = startupTime;
    }

    public static synchronized Moto get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** From process start to the server announcing its port. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Static test credentials: requests act in {@link #ACCOUNT}. */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    /**
     * Points an SDK client builder at this server the way the functions build theirs (url-connection-client,
     * region {@link #REGION}, static test credentials). The caller may still override any of it.
     */
    public <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(B builder) {
        return builder.httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials());
    }

    /** Drops every resource of every service and account ({@code POST /moto-api/reset}). */
    public void reset() {
        post("/moto-api/reset");
    }

    private void post(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve(path))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: moto " + path, e);
        }
    }

    private static Moto start() {
        return start(System.getProperty(PYTHON_PROPERTY, "python3"), script());
    }

    /** Starts a server with this interpreter and launcher; package-private so the fixture's own refusals are tested. */
    static Moto start(String python, Path script) {
        Path log;
        try {
            log = Files.createTempFile("moto-", ".log");
            log.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // stderr to a file, not a pipe: nobody reads a pipe after startup, and a full pipe would block the server.
        var builder = new ProcessBuilder(python, script.toString()).redirectError(log.toFile());
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + python + "' for the moto server: Python 3 with "
                    + INSTALL + " is needed to run the tests", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
        String announced = firstLine(process, log);
        String[] words = announced.split(" ");
        if (words.length != 3 || !words[0].equals("moto")) {
            process.destroyForcibly();
            throw new IllegalStateException("the moto launcher " + script + " said '" + announced
                    + "' instead of 'moto <version> <port>'");
        }
        if (!words[1].equals(VERSION)) {
            process.destroyForcibly();
            throw new IllegalStateException("moto " + words[1] + " answered; the tests are pinned to " + VERSION
                    + ": run " + INSTALL);
        }
        drain(process);
        return new Moto(URI.create("http://127.0.0.1:" + Integer.parseInt(words[2])),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static Path script() {
        String configured = System.getProperty(SCRIPT_PROPERTY);
        Path script = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.dir"), "test-tools", "moto_server.py");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("the moto launcher is not at " + script + " (system property "
                    + SCRIPT_PROPERTY + ")");
        }
        return script;
    }

    private static String firstLine(Process process, Path log) {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String first = line.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (first == null) {
                process.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("the moto server did not start (exit "
                        + (process.isAlive() ? "?" : process.exitValue()) + "): " + read(log).strip()
                        + "\nThe tests need Python 3 with " + INSTALL);
            }
            return first;
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the moto server did not announce its port within "
                    + STARTUP_TIMEOUT.toSeconds() + " s; its output:\n" + read(log), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the moto server's output", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting moto", e);
        }
    }

    /** Reads whatever else the server prints, so it can never block on a full stdout pipe. */
    private static void drain(Process process) {
        Thread drainer = new Thread(() -> {
            try {
                process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // The server is gone; nothing left to drain.
            }
        }, "moto-stdout");
        drainer.setDaemon(true);
        drainer.start();
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
