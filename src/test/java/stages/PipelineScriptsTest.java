package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell steps the pipeline runs, executed for real with bash; only the AWS CLI is a recording stand-in
 * (src/test/resources/fake-aws/aws), since nothing here can answer STS, CloudWatch or Lambda calls.
 */
class PipelineScriptsTest {

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
        var builder = new ProcessBuilder("bash", Path.of("scripts", script).toString())
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_AWS_DIR", dir.toString());
        builder.environment().remove("AWS_ACCESS_KEY_ID");
        builder.environment().putAll(env);
        var process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
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
                "POLL_SECONDS", "1"));
    }

    @Test
    void healthyCanariesPassAfterWatchingEveryStackThroughTheBake() throws Exception {
        var run = validate(ACME + " " + BASIC);

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("stayed healthy for 2s"), run.out());
        var alarmReads = run.calls().stream().filter(c -> c.contains("cloudwatch describe-alarms")).toList();
        assertTrue(alarmReads.size() >= 4, "each canary polled more than once during the bake: " + alarmReads);
        // Each read happens in the canary's own account, through its CDK lookup role, in its region.
        assertTrue(run.calls().contains("key=none sts assume-role --role-arn arn:aws:iam::333333333333:role/"
                + "cdk-hnb659fds-lookup-role-333333333333-eu-west-1 --role-session-name canary-validation --query "
                + "[Credentials.AccessKeyId,Credentials.SecretAccessKey,Credentials.SessionToken] --output text"),
                run.calls().toString());
        assertTrue(alarmReads.contains("key=AKIA333333333333 cloudwatch describe-alarms --region eu-west-1 "
                + "--alarm-name-prefix saas-silo-acme- --state-value ALARM --query MetricAlarms[].AlarmName "
                + "--output text"), alarmReads.toString());
        assertTrue(alarmReads.stream().anyMatch(c -> c.startsWith("key=AKIA222222222222 ")
                && c.contains("--region us-east-1 --alarm-name-prefix saas-pooled-basic-")), alarmReads.toString());
    }

    @Test
    void anAlarmFiringDuringTheBakeFailsNamingTheCanaryAndTheAlarm() throws Exception {
        Files.writeString(dir.resolve("alarm-saas-pooled-basic"), "2 saas-pooled-basic-ProductP99-1A2B\n");

        var run = validate(ACME + " " + BASIC);

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("canary saas-pooled-basic (222222222222/us-east-1) has alarms in ALARM: "
                + "saas-pooled-basic-ProductP99-1A2B"), run.err());
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
        assertEquals(read(plan), read(dir.resolve("payload")));
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
    void aMissingPlanFailsWithoutCallingTheFunction() throws Exception {
        var run = run("offboard.sh", Map.of("OFFBOARD_FUNCTION", "offboarder",
                "FLEET_PLAN", dir.resolve("absent.json").toString()));

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("is missing or empty: nothing is offboarded"), run.err());
        assertEquals(List.of(), run.calls());
    }
}
