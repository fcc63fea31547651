package functions.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * One cognito-local (the npm emulator, pinned in {@code test-tools/package.json} and installed by the build)
 * per test JVM, on a free loopback port, with its state ({@code .cognito/}) in a fresh temp directory that
 * is deleted at JVM exit. Tests get a fresh user pool each, shaped like {@code constructs.TenantUserPool}'s,
 * so they never share users or groups. It listens 1-4 s after the process starts (2 shared cores); it runs under
 * {@code node} directly (not {@code npx}, which adds a package resolution) so the process we destroy is the server.
 */
public final class CognitoLocal {

    /** Set by surefire (lambda-src/pom.xml) to the installed cognito-local entry point. */
    static final String SCRIPT_PROPERTY = "cognitoLocal.script";
    private static final String SCRIPT = "test-tools/node_modules/cognito-local/lib/bin/start.js";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    static final String UNRELATED_GROUP = "cognito-local-needs-one-group";

    private static CognitoLocal instance;

    private final URI endpoint;
    private final CognitoIdentityProviderClient client;
    private final Duration startupTime;

    private CognitoLocal(URI endpoint, Duration startupTime) {
        this.endpoint = endpoint;
        this.startupTime = startupTime;
        this.client = CognitoIdentityProviderClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    public static synchronized CognitoLocal get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public CognitoIdentityProviderClient client() {
        return client;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** From process start to the port accepting connections. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The real implementation on this emulator's client. */
    public CognitoUserDirectory directory() {
        return new CognitoUserDirectory(client);
    }

    /**
     * A new pool with TenantUserPool's sign-in (email as username) and custom attributes, holding one unrelated
     * group: in a pool that has never had a group, cognito-local 5.3.0 answers every group lookup (GetGroup,
     * ListUsersInGroup, AdminAddUserToGroup) with an HTTP 500 ("Can't run .value() on non-existant property")
     * instead of Cognito's ResourceNotFoundException; with any group present it answers as Cognito does.
     */
    public String createUserPool() {
        String id = client.createUserPool(r -> r.poolName("test-" + UUID.randomUUID())
                .usernameAttributes(UsernameAttributeType.EMAIL)
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .schema(customString("tenantId", 64, false), customString("userRole", 32, true),
                        customString("tier", 16, true)))
                .userPool().id();
        client.createGroup(r -> r.userPoolId(id).groupName(UNRELATED_GROUP));
        return id;
    }

    private static SchemaAttributeType customString(String name, int maxLength, boolean mutable) {
        return SchemaAttributeType.builder()
                .name(name)
                .attributeDataType(AttributeDataType.STRING)
                .mutable(mutable)
                .stringAttributeConstraints(c -> c.minLength("1").maxLength(String.valueOf(maxLength)))
                .build();
    }

    private static CognitoLocal start() {
        Path script = script();
        int port = freeLoopbackPort();
        Path workDir;
        try {
            workDir = Files.createTempDirectory("cognito-local-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = workDir.resolve("cognito-local.log");
        var builder = new ProcessBuilder("node", script.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                // To a file, not a pipe: nobody reads a pipe after startup, and a full pipe would block the server.
                .redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().remove("DEBUG");
        builder.environment().remove("CODE");
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run 'node " + script + "': is Node.js on the PATH?", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, workDir)));
        awaitPort(process, port, log);
        return new CognitoLocal(URI.create("http://127.0.0.1:" + port),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static Path script() {
        String configured = System.getProperty(SCRIPT_PROPERTY);
        Path script = configured != null ? Path.of(configured) : Path.of(System.getProperty("user.dir"), SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("cognito-local is not installed at " + script
                    + ": run 'mvn generate-test-resources' in lambda-src (it runs npm ci in test-tools)");
        }
        return script;
    }

    private static void awaitPort(Process process, int port, Path log) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("cognito-local exited with code " + process.exitValue()
                        + " before listening on port " + port + "; its output:\n" + read(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("cognito-local did not listen on port " + port + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s; its output:\n" + read(log));
    }

    private static void stop(Process process, Path workDir) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(workDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // The JVM is exiting; a leftover temp directory is harmless.
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for cognito-local", e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
