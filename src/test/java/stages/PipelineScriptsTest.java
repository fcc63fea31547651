package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The shell steps the pipeline runs, executed for real with bash; only the AWS CLI is a recording stand-in
 * (src/test/resources/fake-aws/aws) for the cases moto cannot produce (an AssumeRole answered AccessDenied: moto
 * evaluates no IAM) or does not serve (Lambda invoke of the offboarder), and the admin API is a loopback server
 * that sees the real curl's SigV4-signed requests. scripts/validate-canary.sh's healthy and failing bakes run against
 * moto in CanaryValidationScriptTest.
 */
// Waits on bash and CLI child processes only: runs beside the in-process CDK tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
class PipelineScriptsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ACME = "saas-silo-acme:333333333333:eu-west-1";
    private static final String BASIC = "saas-pooled-basic:222222222222:us-east-1";

    @TempDir
    Path dir;
    private Path bin;

    private record Run(int exit, String out, String err, List<String> calls) {
    }

    @BeforeEach
    void installFakeAws() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        var aws = bin.resolve("aws");
        Files.copy(Path.of("src/test/resources/fake-aws/aws"), aws);
        assertTrue(aws.toFile().setExecutable(true));
    }

    private Run run(String script, Map<String, String> env) throws Exception {
        var builder = new ProcessBuilder(app.LowPriority.command("bash", Path.of("scripts", script).toString()))
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_AWS_DIR", dir.toString());
        builder.environment().remove("AWS_ACCESS_KEY_ID");
        builder.environment().putAll(env);
        var process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish within 60 s");
        }
        var calls = dir.resolve("calls");
        return new Run(process.exitValue(), read(dir.resolve("out")), read(dir.resolve("err")),
                Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private Run validate(String canaries) throws Exception {
        return run("validate-canary.sh", Map.of("CANARY_STACKS", canaries, "BAKE_SECONDS", "2",
                "POLL_SECONDS", "1", "PROBE_ROLES", "saas-silo-acme=arn:aws:iam::333333333333:role/"
                        + StackNames.canaryProbeRoleName("saas-silo-acme", "eu-west-1")));
    }

    @Test
    void aLookupRoleThatCannotBeAssumedFailsInsteadOfReadingAlarmsWithTheBuildsOwnCredentials() throws Exception {
        Files.writeString(dir.resolve("deny-333333333333"), "");

        var run = validate(ACME);

        assertNotEquals(0, run.exit(), run.out());
        assertTrue(run.err().contains("AccessDenied"), run.err());
        assertFalse(run.calls().stream().anyMatch(c -> c.contains("describe-alarms")), run.calls().toString());
        assertFalse(run.out().contains("healthy"), run.out());
    }

    @Test
    void anEmptyOrMalformedCanaryListFailsBeforeAnyCall() throws Exception {
        var empty = run("validate-canary.sh", Map.of("CANARY_STACKS", " "));
        assertEquals(1, empty.exit());
        assertTrue(empty.err().contains("CANARY_STACKS is empty"), empty.err());

        var malformed = validate("saas-silo-acme:3333:eu-west-1");
        assertEquals(1, malformed.exit());
        assertTrue(malformed.err().contains("'saas-silo-acme:3333:eu-west-1' is not stackName:account:region"),
                malformed.err());
        assertEquals(List.of(), malformed.calls());
    }

    @Test
    void offboardingHandsTheSynthesizedPlanToTheFunctionAndPrintsItsSummary() throws Exception {
        var plan = Files.writeString(dir.resolve("fleet-plan.json"), "{\"pipelines\": []}\n");
        Files.writeString(dir.resolve("lambda-result"), "{\"deleting\":[{\"stackName\":\"saas-silo-gone\"}]}");

        var run = run("offboard.sh", Map.of("OFFBOARD_FUNCTION", "arn:aws:lambda:us-east-1:111111111111:"
                + "function:offboarder:live", "FLEET_PLAN", plan.toString()));

        assertEquals(0, run.exit(), run.err());
        // The plan as synthesized, with the mode beside its pipelines.
        assertEquals(JSON.readTree("{\"pipelines\": [], \"mode\": \"offboard\"}"),
                JSON.readTree(read(dir.resolve("payload"))));
        assertTrue(run.out().contains("{\"deleting\":[{\"stackName\":\"saas-silo-gone\"}]}"), run.out());
        var invoke = run.calls().get(0);
        assertTrue(invoke.contains("lambda invoke --function-name arn:aws:lambda:us-east-1:111111111111:function:"
                + "offboarder:live") && invoke.contains("--cli-read-timeout 0"), invoke);
    }

    @Test
    void aFunctionErrorFailsTheOffboardingStep() throws Exception {
        var plan = Files.writeString(dir.resolve("fleet-plan.json"), "{\"pipelines\": []}\n");
        Files.writeString(dir.resolve("lambda-result"), "{\"errorMessage\":\"6 stacks to delete exceed MAX_DELETIONS\"}");
        Files.writeString(dir.resolve("lambda-error"), "Unhandled\n");

        var run = run("offboard.sh", Map.of("OFFBOARD_FUNCTION", "offboarder", "FLEET_PLAN", plan.toString()));

        assertEquals(1, run.exit());
        assertTrue(run.out().contains("exceed MAX_DELETIONS"), run.out());
        assertTrue(run.err().contains("offboarding failed (Unhandled)"), run.err());
    }

    @Test
    void beforeTheFirstWaveTheSamePlanAsksTheFunctionToClearStuckStacks() throws Exception {
        var plan = Files.writeString(dir.resolve("fleet-plan.json"), "{\"pipelines\": [{\"name\": \"saas-fleet\"}]}\n");
        Files.writeString(dir.resolve("lambda-result"), "{\"deleted\":[{\"stackName\":\"saas-silo-new\"}]}");

        var run = run("offboard.sh", Map.of("OFFBOARD_FUNCTION", "offboarder", "FLEET_PLAN", plan.toString(),
                "OFFBOARD_MODE", "clear-stuck"));

        assertEquals(0, run.exit(), run.err());
        assertEquals(JSON.readTree("{\"pipelines\": [{\"name\": \"saas-fleet\"}], \"mode\": \"clear-stuck\"}"),
                JSON.readTree(read(dir.resolve("payload"))));
        assertTrue(run.out().contains("clearing stuck stacks done"), run.out());
    }

    @Test
    void anUnknownModeFailsWithoutCallingTheFunction() throws Exception {
        var plan = Files.writeString(dir.resolve("fleet-plan.json"), "{\"pipelines\": []}\n");

        var run = run("offboard.sh", Map.of("OFFBOARD_FUNCTION", "offboarder", "FLEET_PLAN", plan.toString(),
                "OFFBOARD_MODE", "everything"));

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("OFFBOARD_MODE must be offboard or clear-stuck, got 'everything'"), run.err());
        assertEquals(List.of(), run.calls());
    }

    @Test
    void aMissingPlanFailsWithoutCallingTheFunction() throws Exception {
        var run = run("offboard.sh", Map.of("OFFBOARD_FUNCTION", "offboarder",
                "FLEET_PLAN", dir.resolve("absent.json").toString()));

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("is missing or empty: nothing is offboarded"), run.err());
        assertEquals(List.of(), run.calls());
    }

    @Test
    void aProbeOfAStackOutsideTheCanaryWaveFailsBeforeAnyCall() throws Exception {
        var run = validate(BASIC);

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("PROBE_ROLES names saas-silo-acme, which is not in CANARY_STACKS"), run.err());
        assertEquals(List.of(), run.calls());
    }

    // A loopback stand-in for the admin API: records each request line with its SigV4 headers and answers
    // with the status configured per tenant (200 when none).
    private record AdminApi(HttpServer server, List<String> requests) implements AutoCloseable {
        static AdminApi start(Map<String, Integer> statusByTenant) throws IOException {
            var requests = new CopyOnWriteArrayList<String>();
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                var path = exchange.getRequestURI().getPath();
                var authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
                requests.add(exchange.getRequestMethod() + " " + path + " auth=" + authorization.split(" ")[0]
                        + " credential=" + authorization.replaceAll(".*Credential=([^/]+)/[0-9]+/([a-z0-9-]+)/"
                        + "([a-z-]+)/.*", "$1/$2/$3")
                        + " token=" + exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"));
                var tenant = path.replaceAll("^/prod/internal/tenants/([^/]+)/activate$", "$1");
                int status = statusByTenant.getOrDefault(tenant, 200);
                var body = ("{\"tenant\":\"" + tenant + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new AdminApi(server, requests);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/prod/";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private Path plan(String pipeline, String... siloTenants) throws IOException {
        var stacks = new StringBuilder("{\"kind\": \"POOLED_TIER\", \"stackName\": \"saas-pooled-basic\", "
                + "\"tenantId\": null}");
        for (var tenant : siloTenants) {
            stacks.append(", {\"kind\": \"SILO_TENANT\", \"stackName\": \"saas-silo-").append(tenant)
                    .append("\", \"tenantId\": \"").append(tenant).append("\"}");
        }
        return Files.writeString(dir.resolve("fleet-plan.json"), "{\"pipelines\": [{\"name\": \"" + pipeline
                + "\", \"waves\": [{\"name\": \"Canary\", \"stacks\": [" + stacks + "]}]}, {\"name\": "
                + "\"other\", \"waves\": [{\"name\": \"Wave-01\", \"stacks\": [{\"kind\": \"SILO_TENANT\", "
                + "\"tenantId\": \"elsewhere\"}]}]}]}\n");
    }

    private Run activate(Path plan, Map<String, String> extra) throws Exception {
        var env = new java.util.HashMap<>(Map.of("PIPELINE_NAME", "saas-fleet", "FLEET_PLAN", plan.toString(),
                "AWS_REGION", "us-east-1"));
        env.putAll(extra);
        return run("activate-silos.sh", env);
    }

    @Test
    void activationSignsOneInternalCallPerSiloTenantOfThisPipelineWithTheBuildsCredentials() throws Exception {
        try (var api = AdminApi.start(Map.of())) {
            Files.writeString(dir.resolve("stack-output"), api.url() + "\n");

            var run = activate(plan("saas-fleet", "acme", "globex"), Map.of());

            assertEquals(0, run.exit(), run.err());
            assertEquals(List.of(
                    "POST /prod/internal/tenants/acme/activate auth=AWS4-HMAC-SHA256 "
                            + "credential=AKIABUILD/us-east-1/execute-api token=build-token",
                    "POST /prod/internal/tenants/globex/activate auth=AWS4-HMAC-SHA256 "
                            + "credential=AKIABUILD/us-east-1/execute-api token=build-token"), api.requests());
            assertTrue(run.calls().get(0).contains("cloudformation describe-stacks --stack-name saas-baseline"),
                    run.calls().toString());
            assertTrue(run.out().contains("acme: active") && run.out().contains("silo activation done"), run.out());
        }
    }

    @Test
    void withAWaveOnlyThatWavesSiloTenantsAreActivated() throws Exception {
        // ActivateCanaries: the canary wave's tenants, before their validation probes them.
        var plan = Files.writeString(dir.resolve("fleet-plan.json"), "{\"pipelines\": [{\"name\": \"saas-fleet\", "
                + "\"waves\": [{\"name\": \"Canary\", \"stacks\": [{\"kind\": \"SILO_TENANT\", \"tenantId\": "
                + "\"acme\"}]}, {\"name\": \"Wave-x0\", \"stacks\": [{\"kind\": \"SILO_TENANT\", \"tenantId\": "
                + "\"globex\"}]}]}]}\n");
        try (var api = AdminApi.start(Map.of())) {
            Files.writeString(dir.resolve("stack-output"), api.url() + "\n");

            var run = activate(plan, Map.of("WAVE", "Canary"));

            assertEquals(0, run.exit(), run.err());
            assertEquals(1, api.requests().size(), api.requests().toString());
            assertTrue(api.requests().get(0).startsWith("POST /prod/internal/tenants/acme/activate"), api.requests().toString());
        }
    }

    @Test
    void theCanaryTiersProbeTenantIsActivatedBesideTheWavesSiloTenants() throws Exception {
        try (var api = AdminApi.start(Map.of())) {
            var run = activate(plan("saas-fleet", "acme"), Map.of("WAVE", "Canary", "ADMIN_API_URL", api.url(),
                    "PROBE_TENANTS", "canary-probe-basic"));

            assertEquals(0, run.exit(), run.err());
            assertEquals(List.of("/prod/internal/tenants/acme/activate", "/prod/internal/tenants/canary-probe-basic/"
                    + "activate"), api.requests().stream().map(r -> r.split(" ")[1]).toList());
            var bad = activate(plan("saas-fleet", "acme"), Map.of("ADMIN_API_URL", api.url(),
                    "PROBE_TENANTS", "acme-corp"));
            assertEquals(1, bad.exit());
            assertTrue(bad.err().contains("PROBE_TENANTS entry 'acme-corp' is not canary-probe-<tier>"), bad.err());
        }
    }

    @Test
    void unknownAndOperatorHeldTenantsAreSkippedButAnyOtherAnswerFailsAfterTryingEveryTenant() throws Exception {
        try (var api = AdminApi.start(Map.of("acme", 404, "globex", 409, "initech", 500))) {
            var run = activate(plan("saas-fleet", "acme", "globex", "initech", "umbrella"),
                    Map.of("ADMIN_API_URL", api.url()));

            assertEquals(1, run.exit(), run.out());
            assertEquals(4, api.requests().size(), api.requests().toString());
            assertTrue(run.out().contains("acme: no control-plane record, skipped"), run.out());
            assertTrue(run.out().contains("globex: not activated"), run.out());
            assertTrue(run.err().contains("initech: activation failed (HTTP 500)"), run.err());
            assertTrue(run.out().contains("umbrella: active"), run.out());
        }
    }

    @Test
    void aPlanWithoutThisPipelineOrWithoutAUrlFailsBeforeAnyCall() throws Exception {
        try (var api = AdminApi.start(Map.of())) {
            var missing = activate(plan("another-fleet", "acme"), Map.of("ADMIN_API_URL", api.url()));
            assertEquals(1, missing.exit());
            assertTrue(missing.err().contains("pipeline saas-fleet is not in"), missing.err());

            Files.writeString(dir.resolve("stack-output"), "None\n");
            var noUrl = activate(plan("saas-fleet", "acme"), Map.of());
            assertEquals(1, noUrl.exit());
            assertTrue(noUrl.err().contains("admin API URL 'None' is not a URL"), noUrl.err());
            assertEquals(List.of(), api.requests());
        }
    }

    @Test
    void aPipelineWithoutSiloTenantsActivatesNothing() throws Exception {
        var run = activate(plan("saas-fleet"), Map.of());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("no silo tenants in pipeline saas-fleet"), run.out());
        assertEquals(List.of(), run.calls());
    }
}
