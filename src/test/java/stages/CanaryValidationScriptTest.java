package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import testsupport.Moto;
import testsupport.PythonTools;

/**
 * scripts/validate-canary.sh run for real with bash and the real AWS CLI against the JVM's moto server (STS, the
 * canary stacks' outputs in CloudFormation, their alarms in CloudWatch, the probe user in Cognito, each canary in its
 * own account), with a loopback server in place of the canary's tenant API that answers as configured and sees the
 * probe's requests. Every AWS CLI call is recorded on its way to moto (src/test/resources/canary-validation/aws).
 */
// Waits on bash and CLI child processes only: runs beside the in-process CDK tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
class CanaryValidationScriptTest {

    private static final AtomicInteger NEXT_ACCOUNT = new AtomicInteger();
    private static final Path FIXTURES = Path.of("src/test/resources/canary-validation");

    @TempDir
    Path dir;
    private Path bin;
    private final String account = "7" + String.format("%011d", ProcessHandle.current().pid() * 100
            + NEXT_ACCOUNT.incrementAndGet()).substring(0, 11);
    private TenantApiStub api;

    @BeforeEach
    void recordAwsCalls() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(FIXTURES.resolve("aws"), bin.resolve("aws"));
        assertTrue(bin.resolve("aws").toFile().setExecutable(true));
        api = TenantApiStub.start();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    private record Run(int exit, String out, String err, List<String> calls) {
    }

    private Map<String, String> awsEnvironment() throws IOException, InterruptedException {
        var which = new ProcessBuilder("bash", "-c", "PATH=\"$0\" command -v aws", PythonTools.path()).start();
        assertTrue(which.waitFor(10, TimeUnit.SECONDS));
        var env = new HashMap<String, String>();
        env.put("REAL_AWS", new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        env.put("AWS_ENDPOINT_URL", Moto.get().endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CALLS", dir.resolve("calls").toString());
        return env;
    }

    private Run bash(Path script, List<String> args, Map<String, String> env) throws Exception {
        var command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        var builder = new ProcessBuilder(app.LowPriority.command(command))
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().put("PATH", bin + ":" + PythonTools.path());
        builder.environment().putAll(awsEnvironment());
        builder.environment().putAll(env);
        Files.deleteIfExists(dir.resolve("calls"));
        var process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish within 120 s");
        }
        var calls = dir.resolve("calls");
        return new Run(process.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")),
                Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    /** A deployed canary stack in moto: outputs, pool and alarms ("<logicalId>=<OK|ALARM>"); api "-" for none. */
    private void canary(String region, String stack, String apiUrl, String... alarms) throws Exception {
        var args = new ArrayList<>(List.of(account, region, stack, apiUrl));
        args.addAll(List.of(alarms));
        var command = new ArrayList<>(List.of(PythonTools.tool("python3"), FIXTURES.resolve("make_canary.py").toString()));
        command.addAll(args);
        var builder = new ProcessBuilder(app.LowPriority.command(command)).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().putAll(awsEnvironment());
        builder.environment().put("PATH", PythonTools.path());
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "make_canary.py finished");
        assertEquals(0, process.exitValue(), output);
    }

    private String probeRole(String stack, String region) {
        return stack + "=arn:aws:iam::" + account + ":role/" + StackNames.canaryProbeRoleName(stack, region);
    }

    private Run validate(String canaries, String probes) throws Exception {
        return validate(canaries, probes, 2);
    }

    private Run validate(String canaries, String probes, int bakeSeconds) throws Exception {
        return bash(Path.of("scripts/validate-canary.sh"), List.of(), Map.of("CANARY_STACKS", canaries,
                "PROBE_ROLES", probes, "BAKE_SECONDS", Integer.toString(bakeSeconds), "POLL_SECONDS", "1",
                "PROBE_REQUESTS", "2"));
    }

    @Test
    void aProbedCanaryServingItsProbeAsItsOwnTenantUserWithQuietAlarmsPasses() throws Exception {
        canary("eu-west-1", "saas-silo-acme", api.url(), "ProductServiceErrors=OK", "OrderServiceErrors=OK");
        canary("us-east-1", "saas-pooled-basic", "-", "ProductServiceErrors=OK");

        var run = validate("saas-silo-acme:" + account + ":eu-west-1 saas-pooled-basic:" + account + ":us-east-1",
                probeRole("saas-silo-acme", "eu-west-1"));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("canary saas-silo-acme: ") && run.out().contains("probe requests succeeded"),
                run.out());
        assertTrue(run.out().contains("stayed healthy for 2s"), run.out());
        assertTrue(api.requests().size() >= 2, "two requests per poll: " + api.requests());
        // Each request is a read of the tenant's own data, carrying an ID token of the canary tenant's own user.
        var claims = api.requests().get(0);
        assertTrue(claims.startsWith("GET /prod/products "), claims);
        assertTrue(claims.contains("\"custom:tenantId\":\"acme\"") && claims.contains("\"custom:userRole\":\"TenantUser\"")
                && claims.contains("\"custom:tier\":\"PLATINUM\"") && claims.contains("\"token_use\":\"id\""), claims);
        // Alarms and outputs are read through each account's lookup role, the user is made through the probe role.
        assertTrue(run.calls().stream().anyMatch(c -> c.contains("sts assume-role --role-arn arn:aws:iam::" + account
                + ":role/cdk-hnb659fds-lookup-role-" + account + "-eu-west-1 ")), run.calls().toString());
        assertTrue(run.calls().stream().anyMatch(c -> c.contains("sts assume-role --role-arn arn:aws:iam::" + account
                + ":role/" + StackNames.canaryProbeRoleName("saas-silo-acme", "eu-west-1") + " ")),
                run.calls().toString());
        var alarmReads = run.calls().stream().filter(c -> c.contains("cloudwatch describe-alarms")).toList();
        assertTrue(alarmReads.stream().anyMatch(c -> c.contains("--region us-east-1 --alarm-name-prefix saas-pooled-basic-")),
                "each canary's alarms read in its region: " + alarmReads);
        assertFalse(alarmReads.stream().anyMatch(c -> c.startsWith("key=testing ")),
                "never with the build's own credentials: " + alarmReads);
    }

    @Test
    void aProbedCanaryNoneOfWhoseRequestsSucceedsFailsEvenWithQuietAlarms() throws Exception {
        api.answer(403);
        canary("eu-west-1", "saas-silo-acme", api.url(), "ProductServiceErrors=OK");

        var run = validate("saas-silo-acme:" + account + ":eu-west-1", probeRole("saas-silo-acme", "eu-west-1"));

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("canary saas-silo-acme: none of its probe requests succeeded (HTTP: 403 403"),
                run.err());
        assertFalse(run.out().contains("stayed healthy"), run.out());
    }

    @Test
    void aCanaryWaveWithoutAProbedCanaryFailsBeforeAnyCall() throws Exception {
        var run = validate("saas-pooled-basic:" + account + ":us-east-1", "");

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("PROBE_ROLES is empty: no canary is sent traffic"), run.err());
        assertEquals(List.of(), run.calls());
    }

    @Test
    void anAlarmOfACanaryFiringFailsNamingTheCanaryAndTheAlarm() throws Exception {
        canary("eu-west-1", "saas-silo-acme", api.url(), "ProductServiceErrors=OK");
        canary("us-east-1", "saas-pooled-basic", "-", "ProductP99=ALARM");

        var run = validate("saas-silo-acme:" + account + ":eu-west-1 saas-pooled-basic:" + account + ":us-east-1",
                probeRole("saas-silo-acme", "eu-west-1"));

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("canary saas-pooled-basic (" + account + "/us-east-1) has alarms in ALARM: "
                + "saas-pooled-basic-ProductP99-1A2B3C4D5E6F"), run.err());
    }

    @Test
    void anotherStacksAlarmsSharingTheNamePrefixAreNeverReadAsTheCanarys() throws Exception {
        canary("eu-west-1", "saas-silo-acme", api.url(), "ProductServiceErrors=OK");
        canary("eu-west-1", "saas-silo-acme-corp", "-", "ProductServiceErrors=ALARM");

        var run = validate("saas-silo-acme:" + account + ":eu-west-1", probeRole("saas-silo-acme", "eu-west-1"));

        assertEquals(0, run.exit(), run.err());
    }

    @Test
    void aCanaryWithoutAlarmsOfItsOwnFails() throws Exception {
        canary("eu-west-1", "saas-silo-acme", api.url());
        canary("eu-west-1", "saas-silo-acme-corp", "-", "ProductServiceErrors=OK");

        var run = validate("saas-silo-acme:" + account + ":eu-west-1", probeRole("saas-silo-acme", "eu-west-1"));

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("canary saas-silo-acme has no CloudWatch alarms"), run.err());
    }

    @Test
    void aCanaryInAChinaRegionIsReadThroughItsLookupRoleInTheAwsCnPartition() throws Exception {
        canary("cn-north-1", "saas-pooled-basic", "-", "ProductServiceErrors=OK");
        canary("eu-west-1", "saas-silo-acme", api.url(), "ProductServiceErrors=OK");

        var run = validate("saas-pooled-basic:" + account + ":cn-north-1 saas-silo-acme:" + account + ":eu-west-1",
                probeRole("saas-silo-acme", "eu-west-1"));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.calls().stream().anyMatch(c -> c.contains("sts assume-role --role-arn arn:aws-cn:iam::"
                + account + ":role/cdk-hnb659fds-lookup-role-" + account + "-cn-north-1 ")), run.calls().toString());
    }

    /**
     * The canary tenant's API as the probe meets it: answers GET with the configured status and records each
     * request line with the claims of the bearer ID token it carried (decoded, not verified: the authorizer's job).
     */
    private record TenantApiStub(HttpServer server, List<String> requests, AtomicInteger status)
            implements AutoCloseable {
        static TenantApiStub start() throws IOException {
            var requests = new CopyOnWriteArrayList<String>();
            var status = new AtomicInteger(200);
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                var authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
                var parts = authorization.replaceFirst("^Bearer ", "").split("\\.");
                var claims = parts.length == 3
                        ? new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8) : "no token";
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + claims);
                var body = "{\"items\": []}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status.get(), body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new TenantApiStub(server, requests, status);
        }

        void answer(int code) {
            status.set(code);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/prod/";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
