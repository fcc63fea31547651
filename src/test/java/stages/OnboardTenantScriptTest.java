package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * scripts/onboard-tenant.sh run with bash. The AWS CLI is the recording stand-in src/test/resources/fake-aws/aws:
 * moto 5.2.1 implements neither ListPipelineExecutions nor ListActionExecutions, and the script's queries run there
 * with JMESPath on responses in the API's shape
 * (https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ListPipelineExecutions.html,
 * https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ListActionExecutions.html). npm and npx (the CDK
 * CLI) are stand-ins that record which source revision they ran in; npx cdk synth writes a one-stack assembly as the
 * app's onlyTenant synth does (OneTenantSynthTest checks that synth). The admin API is a loopback server.
 */
// Waits on bash child processes only: runs beside the in-process CDK tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
class OnboardTenantScriptTest {

    private static final String BUCKET = "saas-fleet-pipelineartifactsbucket-1a2b3c";
    private static final String RELEASED_KEY = "saas-fleet/Source/released.zip";
    private static final String HEAD_KEY = "saas-fleet/Source/head.zip";
    private static final String STACK_PATH = "saas-fleet/SiloTenant-umbrella/SiloTenant-umbrella";

    private static final String NPM = """
            #!/usr/bin/env bash
            echo "npm $* revision=$(cat REVISION 2>/dev/null || echo none)" >> "$FAKE_AWS_DIR/calls"
            """;
    // cdk synth -o DIR: a one-stack assembly as `-c onlyTenant=<id>` writes it; cdk deploy fails on deploy-fails.
    private static final String NPX = """
            #!/usr/bin/env bash
            set -euo pipefail
            echo "npx $* revision=$(cat REVISION 2>/dev/null || echo none)" >> "$FAKE_AWS_DIR/calls"
            if [ "$1 $2" = "cdk synth" ]; then
              out=""; tenant=""
              while [ $# -gt 0 ]; do
                case $1 in -o) out=$2; shift ;; onlyTenant=*) tenant=${1#onlyTenant=} ;; esac
                shift
              done
              mkdir -p "$out/assembly-saas-fleet-SiloTenant-$tenant"
              cat > "$out/assembly-saas-fleet-SiloTenant-$tenant/manifest.json" <<JSON
            {"version": "48.0.0", "artifacts": {
              "saasfleetSiloTenant$tenant.assets": {"type": "cdk:asset-manifest"},
              "saasfleetSiloTenant$tenant": {"type": "aws:cloudformation:stack",
                "environment": "aws://333333333333/eu-west-1",
                "properties": {"stackName": "saas-silo-$tenant", "templateFile": "t.json"},
                "displayName": "saas-fleet/SiloTenant-$tenant/SiloTenant-$tenant"}}}
            JSON
            elif [ "$1 $2" = "cdk deploy" ] && [ -e "$FAKE_AWS_DIR/deploy-fails" ]; then
              echo "saas-silo-umbrella failed: CREATE_FAILED" >&2
              exit 1
            fi
            """;

    @TempDir
    Path dir;
    private HttpServer adminApi;
    private final List<String> activations = new CopyOnWriteArrayList<>();

    private record Run(int exit, String out, String err, List<String> calls) {
    }

    @BeforeEach
    void fakes() throws IOException {
        var bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(Path.of("src/test/resources/fake-aws/aws"), bin.resolve("aws"));
        Files.writeString(bin.resolve("npm"), NPM);
        Files.writeString(bin.resolve("npx"), NPX);
        for (var tool : List.of("aws", "npm", "npx")) {
            assertTrue(bin.resolve(tool).toFile().setExecutable(true));
        }
        Files.createDirectories(dir.resolve("stacks"));
        object(RELEASED_KEY, "released-3f1c2a9d");
        object(HEAD_KEY, "head-9e8d7c6b");
        actions("exec-released", RELEASED_KEY);
        actions("exec-head", HEAD_KEY);
        adminApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        adminApi.createContext("/", exchange -> {
            activations.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        adminApi.start();
    }

    @AfterEach
    void stop() {
        adminApi.stop(0);
    }

    /** A source artifact as the CodeConnections action writes it: the repository zipped, here with a REVISION file. */
    private void object(String key, String revision) throws IOException {
        var zip = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("REVISION"));
            out.write(revision.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        var file = dir.resolve("s3").resolve(BUCKET).resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, zip.toByteArray());
    }

    // The execution's Source action (output: the source artifact) and a Build action whose output is not the source.
    private void actions(String execution, String sourceKey) throws IOException {
        Files.writeString(dir.resolve("action-executions-" + execution + ".json"), """
                {"actionExecutionDetails": [
                  {"pipelineExecutionId": "%1$s", "stageName": "Build", "actionName": "Synth", "status": "Succeeded",
                   "output": {"outputArtifacts": [{"name": "Synth_Output",
                     "s3location": {"bucket": "%2$s", "key": "saas-fleet/Synth_Outp/synth.zip"}}]}},
                  {"pipelineExecutionId": "%1$s", "stageName": "Source", "actionName": "owner_saas-fleet",
                   "status": "Succeeded",
                   "output": {"outputArtifacts": [{"name": "owner_saas_fleet_Source",
                     "s3location": {"bucket": "%2$s", "key": "%3$s"}}]}}
                ]}
                """.formatted(execution, BUCKET, sourceKey));
    }

    // Newest first, as ListPipelineExecutions lists them.
    private void executions(String... idAndStatus) throws IOException {
        var summaries = new StringBuilder();
        for (int i = 0; i < idAndStatus.length; i += 2) {
            summaries.append(i == 0 ? "" : ",").append("{\"pipelineExecutionId\": \"").append(idAndStatus[i])
                    .append("\", \"status\": \"").append(idAndStatus[i + 1]).append("\"}");
        }
        Files.writeString(dir.resolve("pipeline-executions.json"),
                "{\"pipelineExecutionSummaries\": [" + summaries + "]}");
    }

    private Run onboard() throws Exception {
        var builder = new ProcessBuilder(app.LowPriority.command(
                "bash", Path.of("scripts/onboard-tenant.sh").toAbsolutePath().toString()))
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().putAll(Map.of("FAKE_AWS_DIR", dir.toString(), "TENANT_ID", "umbrella",
                "PIPELINE_NAME", "saas-fleet", "AWS_REGION", "us-east-1", "WORK_DIR",
                Files.createDirectories(dir.resolve("work")).toString(),
                "ADMIN_API_URL", "http://127.0.0.1:" + adminApi.getAddress().getPort() + "/prod/"));
        var process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("onboard-tenant.sh did not finish within 60 s");
        }
        var calls = dir.resolve("calls");
        return new Run(process.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")),
                Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    private static List<String> callsOf(Run run, String prefix) {
        return run.calls().stream().filter(c -> c.startsWith(prefix)).toList();
    }

    @Test
    void deploysTheNewestSucceededExecutionsSourceNotTheBranchHeadAndActivatesTheTenantOnce() throws Exception {
        executions("exec-head", "InProgress", "exec-broken", "Failed", "exec-released", "Succeeded",
                "exec-older", "Succeeded");

        var run = onboard();

        assertEquals(0, run.exit(), run.err() + run.out());
        assertTrue(run.calls().stream().anyMatch(c -> c.contains("s3 cp") && c.contains(RELEASED_KEY)),
                run.calls().toString());
        assertFalse(run.calls().stream().anyMatch(c -> c.contains(HEAD_KEY)), run.calls().toString());
        assertEquals(List.of("npm ci revision=released-3f1c2a9d"), callsOf(run, "npm"));
        var cdk = callsOf(run, "npx");
        assertEquals(2, cdk.size(), cdk.toString());
        assertTrue(cdk.get(0).startsWith("npx cdk synth") && cdk.get(0).contains("-c tenantSource=dynamodb")
                && cdk.get(0).contains("-c onlyTenant=umbrella") && cdk.get(0).endsWith("revision=released-3f1c2a9d"),
                cdk.get(0));
        assertTrue(cdk.get(1).startsWith("npx cdk deploy") && cdk.get(1).contains("--exclusively " + STACK_PATH)
                && cdk.get(1).contains("--require-approval never")
                && cdk.get(1).endsWith("revision=released-3f1c2a9d"), cdk.get(1));
        // The stack was looked for in the tenant's account and region, through its CDK deploy role, before the deploy.
        assertTrue(run.calls().stream().anyMatch(c -> c.contains("sts assume-role")
                && c.contains("arn:aws:iam::333333333333:role/cdk-hnb659fds-deploy-role-333333333333-eu-west-1")));
        assertTrue(run.calls().stream().anyMatch(c -> c.startsWith("key=AKIA333333333333 cloudformation describe-stacks")
                && c.contains("--stack-name saas-silo-umbrella") && c.contains("--region eu-west-1")),
                run.calls().toString());
        assertEquals(List.of("POST /prod/internal/tenants/umbrella/activate"), activations);
        assertTrue(run.out().contains("saas-silo-umbrella created from execution exec-released"), run.out());
    }

    @Test
    void withoutASucceededExecutionNothingIsDeployedAndTheBuildSucceeds() throws Exception {
        executions("exec-head", "InProgress", "exec-broken", "Failed");

        var run = onboard();

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("saas-fleet has no succeeded execution yet"), run.out());
        assertEquals(List.of(), callsOf(run, "npx"));
        assertFalse(run.calls().stream().anyMatch(c -> c.contains("s3 cp")), run.calls().toString());
        assertEquals(List.of(), activations);
    }

    @Test
    void aStackThePipelineCreatedFirstIsLeftToItAndTheBuildSucceeds() throws Exception {
        executions("exec-released", "Succeeded");
        Files.writeString(dir.resolve("stacks").resolve("saas-silo-umbrella"), "REVIEW_IN_PROGRESS\n");

        var run = onboard();

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("stack saas-silo-umbrella exists already (REVIEW_IN_PROGRESS)"), run.out());
        assertFalse(run.calls().stream().anyMatch(c -> c.startsWith("npx cdk deploy")), run.calls().toString());
        assertEquals(List.of(), activations);
    }

    @Test
    void aFailedDeployFailsTheBuildNamingTheStepAndActivatesNothing() throws Exception {
        executions("exec-released", "Succeeded");
        Files.writeString(dir.resolve("deploy-fails"), "");

        var run = onboard();

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("onboard umbrella: step 'deploy' failed: cdk deploy of saas-silo-umbrella"),
                run.err());
        assertEquals(List.of(), activations);
    }

    @Test
    void aMissingSourceArtifactFailsTheBuildNamingTheDownloadStep() throws Exception {
        executions("exec-released", "Succeeded");
        Files.delete(dir.resolve("s3").resolve(BUCKET).resolve(RELEASED_KEY));

        var run = onboard();

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("step 'download' failed: s3://" + BUCKET + "/" + RELEASED_KEY), run.err());
        assertEquals(List.of(), callsOf(run, "npx"));
    }
}
