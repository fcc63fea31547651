package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import testsupport.Moto;

/**
 * The fresh installation (scripts/install-fleet.sh, README "Fresh installation") run with bash against moto: the
 * real app synthesizes, only the CDK CLI's deploys are a recording stand-in (src/test/resources/fake-cdk/cdk: a
 * deploy needs AWS), whose baseline deploy creates the catalog table as the baseline stack would. Each test uses
 * its own fleet name, so its TenantStackMapping table is its own on the shared moto server.
 */
// Waits on child processes and moto (no jsii in this JVM): runs beside the in-process CDK tests, as FleetAppTest.
@Execution(ExecutionMode.CONCURRENT)
class InstallFleetScriptTest {

    private static final MotoCatalogTables DDB = MotoCatalogTables.get();
    /** The smallest fleet: each synth of it runs the whole app, so every stack less is seconds less. */
    private static final String ONE_POOLED_TIER =
            "[{\"tier\": \"BASIC\", \"account\": \"222222222222\", \"region\": \"us-east-1\"}]";

    @TempDir
    Path dir;

    private record Run(int exit, String output, List<String> calls) {
    }

    private final String fleet = "i" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String table = fleet + "-fleet-TenantStackMapping";

    private Path tenantsFile() throws IOException {
        return Files.writeString(dir.resolve("tenants.json"),
                Catalogs.catalog(Catalogs.PIPELINE, Catalogs.BASELINE, ONE_POOLED_TIER, "[]")
                        .replaceFirst("\\{", "{\"fleetName\": \"" + fleet + "\","));
    }

    private Run install(String... args) throws Exception {
        var bin = Files.createDirectories(dir.resolve("bin"));
        var cdk = Files.copy(Path.of("src/test/resources/fake-cdk/cdk"), bin.resolve("cdk"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(cdk.toFile().setExecutable(true));
        var command = new java.util.ArrayList<>(List.of("bash", "scripts/install-fleet.sh"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(LowPriority.command(command)).redirectErrorStream(true);
        var env = builder.environment();
        // Keeps CDK_VALIDATION=false from the test JVM: no test reads CDK's validation report (cfn-lint is the gate).
        env.putAll(Map.of(
                "TENANTS_FILE", tenantsFile().toString(),
                "INSTALL_OUT", dir.resolve("cdk.install.out").toString(),
                "CDK", cdk.toString(),
                "FLEET_APP_CP", System.getProperty("java.class.path"),
                "FAKE_CDK_DIR", dir.toString(),
                "FAKE_CDK_TABLE", table,
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                "AWS_ENDPOINT_URL_DYNAMODB", Moto.get().endpoint().toString(),
                "AWS_EC2_METADATA_DISABLED", "true"));
        env.put("PATH", System.getProperty("java.home") + "/bin:" + System.getenv("PATH"));
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "install-fleet.sh finished");
        var calls = dir.resolve("calls");
        return new Run(process.exitValue(), output, Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    private Map<String, AttributeValue> marker() {
        return DDB.client().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("tenantId", AttributeValue.fromS(FleetMarker.TENANT_ID)))).item();
    }

    @Test
    void freshInstallationDeploysTheBaselineThenMarksTheTableThenDeploysThePipelinesOfAnEmptyFleet()
            throws Exception {
        var run = install();

        assertEquals(0, run.exit(), run.output());
        var out = dir.resolve("cdk.install.out").toString();
        var file = dir.resolve("tenants.json").toString();
        assertEquals(List.of(
                "cdk synth -q -c tenantsFile=" + file + " -c tenantSource=dynamodb -c allowEmptyFleet=true -o " + out,
                "cdk deploy --app " + out + " --require-approval never */Baseline/Baseline",
                "cdk synth -q -c tenantsFile=" + file + " -c tenantSource=dynamodb -o " + out,
                "cdk deploy --app " + out + " --require-approval never " + fleet + "-fleet"), run.calls());
        assertEquals(fleet, marker().get("fleetName").s());
        // The second synth is the pipeline's own: a marked table without tenants is an empty fleet.
        var plan = new ObjectMapper().readTree(dir.resolve("cdk.install.out").resolve(FleetApp.PLAN_FILE).toFile());
        assertEquals(fleet + "-fleet", plan.get("pipelines").get(0).get("name").asText());
        assertFalse(plan.toString().contains("SILO_TENANT"), plan.toString());
        assertTrue(run.output().contains("fleet marker written to table " + table), run.output());
    }

    @Test
    void withoutTheBootstrapFlagAMissingTableFailsTheSynthNamingTheInstallation() throws Exception {
        var app = AppProcess.run("{\"tenantSource\": \"dynamodb\", \"tenantsFile\": \"" + tenantsFile() + "\"}",
                dir.resolve("cdk.out"), Map.of(
                        "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                        "AWS_EC2_METADATA_DISABLED", "true",
                        "AWS_ENDPOINT_URL_DYNAMODB", Moto.get().endpoint().toString()));

        assertEquals(2, app.exitCode(), app.output());
        assertTrue(app.output().contains("cannot read table " + table + ": ResourceNotFoundException"), app.output());
        assertTrue(app.output().contains("scripts/install-fleet.sh"), app.output());
    }

    @Test
    void markWritesOnlyTheMarkerAndFailsWhenTheTableIsMissing() throws Exception {
        var missing = install("mark");
        assertEquals(2, missing.exit(), missing.output());
        assertTrue(missing.output().contains("Cannot write the fleet marker"), missing.output());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(ResourceNotFoundException.class, this::marker)
                .getMessage().contains("not found"));

        DDB.client().createTable(r -> r.tableName(table)
                .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("tenantId")
                        .attributeType(software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("tenantId")
                        .keyType(software.amazon.awssdk.services.dynamodb.model.KeyType.HASH)));
        var marked = install("mark");

        assertEquals(0, marked.exit(), marked.output());
        assertEquals(List.of(), marked.calls(), "mark deploys nothing");
        assertEquals(fleet, marker().get("fleetName").s());
    }
}
