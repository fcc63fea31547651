package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import stages.FleetApp;

/**
 * The entry point, run as the CDK CLI runs it (a separate JVM, context and output dir from the environment):
 * bad input exits non-zero, names the culprit, and writes nothing a deploy could pick up.
 */
// Waits on child processes only (no jsii in this JVM): runs beside the in-process CDK tests.
@Execution(ExecutionMode.CONCURRENT)
class FleetAppTest {

    @TempDir
    Path dir;

    private AppProcess.Run runApp(String contextJson) throws IOException, InterruptedException {
        return AppProcess.run(contextJson, dir.resolve("cdk.out"));
    }

    private static List<Path> filesIn(Path outdir) throws IOException {
        try (Stream<Path> files = Files.list(outdir)) {
            return files.toList();
        }
    }

    @Test
    void shippedCatalogSynthesizesThePipelineEveryFleetStackAndThePlan() throws Exception {
        var run = AppProcess.shipped().first();
        assertEquals(0, run.exitCode(), run.output());
        var outdir = run.outdir();
        assertTrue(Files.isRegularFile(outdir.resolve("saas-fleet.template.json")), "pipeline template");
        for (var stack : List.of("Baseline", "PooledTier-basic-222222222222-us-east-1",
                "PooledTier-standard-222222222222-us-east-1", "PooledTier-premium-222222222222-us-east-1",
                "SiloTenant-acme", "SiloTenant-globex", "SiloTenant-initech")) {
            var stageDir = outdir.resolve("assembly-saas-fleet-" + stack);
            try (var files = Files.list(stageDir)) {
                assertEquals(1, files.filter(f -> f.toString().endsWith(".template.json")).count(), stack);
            }
        }
        var plan = new ObjectMapper().readTree(outdir.resolve(FleetApp.PLAN_FILE).toFile());
        assertEquals("saas-fleet", plan.get("pipelines").get(0).get("name").asText());
        assertTrue(plan.toString().contains("saas-silo-acme"), plan.toString());
        assertTrue(run.output().contains("Canary"), "plan table printed: " + run.output());
    }

    @Test
    void withoutSesThePlanSummarySaysInOneLineThatCognitosDefaultMailerAndItsDailyLimitApply() {
        var run = AppProcess.shipped().first();
        assertEquals(0, run.exitCode(), run.output());

        var lines = run.output().lines().filter(l -> l.startsWith("mail: ")).toList();
        assertEquals(List.of(MailSettings.summaryLine(java.util.Optional.empty())), lines, run.output());
        assertTrue(lines.get(0).contains("Cognito's default mailer") && lines.get(0).contains("50 emails a day"));
    }

    @Test
    void aBadSesSettingStopsTheSynthNamingTheFieldAndWritesNoAssembly() throws Exception {
        var catalog = Files.writeString(dir.resolve("bad-mail.json"), Files.readString(Path.of("tenants.json"))
                .replaceFirst("\\{", "{\"mail\": {\"fromAddress\": \"no-reply@example.com\", \"sesIdentityArn\":"
                        + " \"arn:aws:ses:us-east-1:111111111111:identity/example.org\"},"));
        var run = runApp("{\"tenantsFile\": \"" + catalog + "\"}");

        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("mail: field 'fromAddress' 'no-reply@example.com' is not covered by SES"
                + " identity 'example.org'"), run.output());
        assertEquals(List.of(), filesIn(run.outdir()), "nothing written");
    }

    @Test
    void malformedCatalogFailsNamingTheRecordAndWritesNoAssembly() throws Exception {
        var catalog = Files.writeString(dir.resolve("bad.json"),
                Files.readString(Path.of("tenants.json")).replace("\"account\": \"444444444444\"",
                        "\"account\": \"44444\""));
        var run = runApp("{\"tenantsFile\": \"" + catalog + "\"}");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("tenants[2]"), run.output());
        assertTrue(run.output().contains("initech"), run.output());
        assertTrue(run.output().contains("account"), run.output());
        assertEquals(List.of(), filesIn(run.outdir()), "nothing written");
    }

    @Test
    void unparsableCatalogFailsWithLineAndColumnAndWritesNoAssembly() throws Exception {
        var catalog = Files.writeString(dir.resolve("broken.json"), "{\n  \"pipeline\": {,\n}");
        var run = runApp("{\"tenantsFile\": \"" + catalog + "\"}");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("line 2"), run.output());
        assertEquals(List.of(), filesIn(run.outdir()), "nothing written");
    }

    @Test
    void missingCatalogFailsNamingThePath() throws Exception {
        var run = runApp("{\"tenantsFile\": \"" + dir.resolve("nope.json") + "\"}");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("nope.json"), run.output());
        assertEquals(List.of(), filesIn(run.outdir()), "nothing written");
    }

    @Test
    void unreachableCatalogTableFailsNamingTheTableAndWritesNoAssembly() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        // Dummy credentials, no instance metadata, endpoint on a closed loopback port: nothing leaves the machine.
        var run = AppProcess.run("{\"tenantSource\": \"dynamodb\"}", dir.resolve("cdk.out"), Map.of(
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + closedPort));
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("saas-fleet-TenantStackMapping"), run.output());
        assertEquals(List.of(), filesIn(run.outdir()), "nothing written");
    }

    @Test
    void onlyTenantWritesThatTenantsStageAloneWithoutPipelineOrPlan() throws Exception {
        var run = runApp("{\"onlyTenant\": \"globex\"}");
        assertEquals(0, run.exitCode(), run.output());
        var names = filesIn(run.outdir()).stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.contains("assembly-saas-fleet-SiloTenant-globex"), names.toString());
        assertEquals(1, names.stream().filter(n -> n.startsWith("assembly-")).count(), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.endsWith(".template.json") || n.equals(FleetApp.PLAN_FILE)),
                "no pipeline stack, no plan: " + names);
    }

    @Test
    void onlyTenantThatIsNoSiloTenantFailsNamingItAndWritesNothing() throws Exception {
        var run = runApp("{\"onlyTenant\": \"umbrella\"}");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("onlyTenant: 'umbrella' is not a silo tenant of the catalog"), run.output());
        assertEquals(List.of(), filesIn(run.outdir()), "nothing written");
    }

    @Test
    void unknownTenantSourceFailsNamingTheFlag() throws Exception {
        var run = runApp("{\"tenantSource\": \"s3\"}");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("tenantSource"), run.output());
        assertEquals(List.of(), filesIn(run.outdir()), "nothing written");
    }

    @Test
    void missingFunctionsJarFailsWithTheBuildCommand() throws Exception {
        var run = runApp("{\"functionsDir\": \"" + dir.resolve("missing") + "\"}");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("mvn -f lambda-src/pom.xml package"), run.output());
        assertEquals(List.of(), filesIn(run.outdir()), "nothing written");
    }
}
