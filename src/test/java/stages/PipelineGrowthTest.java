package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import app.AwsEnv;
import app.CdkJson;
import app.FleetCatalog;
import app.OffboarderMemory;
import app.SiloTenant;
import app.TempDirs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The same fleet at one, two, three and again two pipelines (small wave limits shard a small fleet the way the real
 * limits shard a large one), each synthesized to an assembly as a pipeline run synthesizes it. Going from one
 * assembly to the next, the first pipeline's Pipelines step ({@code scripts/pipelines.sh}, run with bash against a
 * recording stand-in for the CLIs) creates exactly the next assembly's new pipeline stacks and deletes exactly the
 * fleet's pipeline stacks it no longer has; every pipeline's self-mutation deploys a stack of the next assembly, and
 * the baseline's trigger starts exactly the next assembly's pipelines.
 */
class PipelineGrowthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Five stacks a pipeline (template bytes), three a wave: 1, 2 and 3 pipelines for 3, 5 and 8 tenants. */
    private static final WaveLimits SMALL = new WaveLimits(6, 50, 5_000, 0, 1_000);
    private static final int[] SIZES = {3, 5, 8, 5};
    private static final List<Assembly> ASSEMBLIES = new ArrayList<>();

    @TempDir
    Path dir;

    /** One synthesized fleet: its pipeline stacks' names, the parent's Pipelines env, self-mutation targets. */
    record Assembly(Path directory, List<String> pipelines, String pipelineStacksEnv, List<String> selfMutations,
                    List<String> triggered, List<String> supportStacks, String supportRegionsEnv) {
    }

    @BeforeAll
    static void synthesizeEachSize() {
        for (int size : SIZES) {
            ASSEMBLIES.add(synthesize(size));
        }
    }

    private static FleetCatalog catalog(int tenants) {
        var silos = IntStream.range(0, tenants)
                .mapToObj(i -> PlanCatalogs.silo(String.format("tenant-%02d", i),
                        new AwsEnv("333333333333", "eu-west-1")))
                .toList();
        return PlanCatalogs.catalog(silos);
    }

    private static Assembly synthesize(int tenants) {
        var outdir = TempDirs.createDeletedOnExit("growth-" + tenants);
        var app = new App(AppProps.builder().outdir(outdir.toString()).stackTraces(false)
                .context(CdkJson.featureFlags()).build());
        var fleet = FleetPipelines.addTo(app, catalog(tenants), PipelineFleet.FUNCTIONS, OffboarderMemory.NONE,
                FleetChecks.Coverage.PIPELINE_STACKS, SMALL);
        app.synth();
        var names = fleet.pipelines().stream().map(Stack::getStackName).sorted().toList();
        String pipelineStacks = null;
        String supportRegions = null;
        var selfMutations = new ArrayList<String>();
        for (var pipeline : fleet.pipelines()) {
            for (JsonNode project : resources(pipeline, "AWS::CodeBuild::Project")) {
                var text = project.toString();
                if (text.contains("bash scripts/pipelines.sh")) {
                    for (JsonNode variable : project.path("Properties").path("Environment")
                            .path("EnvironmentVariables")) {
                        if (variable.path("Name").asText().equals("PIPELINE_STACKS")) {
                            pipelineStacks = variable.path("Value").asText();
                        }
                        if (variable.path("Name").asText().equals("SUPPORT_REGIONS")) {
                            supportRegions = variable.path("Value").asText();
                        }
                    }
                }
                var mutation = java.util.regex.Pattern.compile("cdk -a \\. deploy ([A-Za-z0-9-]+) ").matcher(text);
                while (mutation.find()) {
                    selfMutations.add(mutation.group(1));
                }
            }
        }
        var triggered = new ArrayList<String>();
        app.getNode().findAll().stream().filter(Stack.class::isInstance).map(Stack.class::cast)
                .filter(s -> s.getStackName().equals("saas-baseline"))
                .forEach(baseline -> resources(baseline, "AWS::Lambda::Function").forEach(fn -> {
                    var value = fn.path("Properties").path("Environment").path("Variables").path("PIPELINE_NAMES");
                    if (!value.isMissingNode()) {
                        triggered.addAll(List.of(value.asText().split(",")));
                    }
                }));
        var supportStacks = app.getNode().findAll().stream().filter(Stack.class::isInstance).map(Stack.class::cast)
                .map(Stack::getStackName).filter(n -> n.contains("-support-")).sorted().toList();
        return new Assembly(outdir, names, pipelineStacks, selfMutations, triggered, supportStacks, supportRegions);
    }

    private static List<JsonNode> resources(Stack stack, String type) {
        var found = new ArrayList<JsonNode>();
        JSON.valueToTree(Template.fromStack(stack).toJSON()).path("Resources").forEach(r -> {
            if (r.path("Type").asText().equals(type)) {
                found.add(r);
            }
        });
        return found;
    }

    @Test
    void theFleetGrowsFromOneToThreePipelinesAndShrinksToTwo() {
        assertEquals(List.of(1, 2, 3, 2), ASSEMBLIES.stream().map(a -> a.pipelines().size()).toList());
        for (var assembly : ASSEMBLIES) {
            assertTrue(assembly.pipelines().contains("saas-fleet"), "the first pipeline keeps its name: " + assembly);
        }
    }

    @Test
    void eachPipelineDeploysOnlyItselfAndTheTriggerStartsExactlyTheAssemblysPipelines() {
        for (var assembly : ASSEMBLIES) {
            assertEquals(assembly.pipelines(), assembly.selfMutations().stream().sorted().toList(), assembly.toString());
            assertEquals(assembly.pipelines(), assembly.triggered().stream().sorted().toList(), assembly.toString());
        }
    }

    @Test
    void eachPipelineHasItsOwnSupportStackInTheTenantsRegion() {
        for (var assembly : ASSEMBLIES) {
            assertEquals(assembly.pipelines().stream().map(p -> p + "-support-eu-west-1").sorted().toList(),
                    assembly.supportStacks(), assembly.toString());
            assertEquals("eu-west-1", assembly.supportRegionsEnv(), assembly.toString());
        }
    }

    @Test
    void theFirstPipelineCreatesUpdatesAndRetiresItsSiblingsStepByStep() throws Exception {
        for (int i = 1; i < ASSEMBLIES.size(); i++) {
            var before = ASSEMBLIES.get(i - 1);
            var after = ASSEMBLIES.get(i);
            var run = runPipelinesStep(before, after);
            assertEquals(0, run.exit(), run.err());
            // Only the siblings that do not exist yet: existing ones mutate themselves (after their older runs).
            var wanted = after.pipelines().stream().filter(n -> !n.equals("saas-fleet"))
                    .filter(n -> !before.pipelines().contains(n)).toList();
            var deployed = run.calls().stream().filter(c -> c.startsWith("npx cdk deploy"))
                    .flatMap(c -> List.of(c.substring(c.indexOf("--require-approval never ") + 25).split(" ")).stream())
                    .sorted().toList();
            assertEquals(wanted, deployed, "step " + i + ": " + run.calls());
            for (var name : deployed) {
                assertTrue(Files.exists(after.directory().resolve(name + ".template.json")), name);
            }
            var retired = new TreeSet<>(before.pipelines());
            retired.removeAll(after.pipelines());
            var deletes = run.calls().stream().filter(c -> c.contains("cloudformation delete-stack"))
                    .map(c -> c.substring(c.indexOf("--stack-name ") + 13)).sorted().toList();
            var expectedDeletes = new TreeSet<String>();
            retired.forEach(name -> {
                expectedDeletes.add(stackId(name));
                expectedDeletes.add(stackId(name + "-support-eu-west-1"));
            });
            assertEquals(List.copyOf(expectedDeletes), deletes, "step " + i + ": " + run.calls());
            // Each region's stacks through that region's deploy role; the first pipeline's support stack is kept.
            assertTrue(run.calls().stream().anyMatch(c -> c.contains("sts assume-role --role-arn "
                    + "arn:aws:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1 ")),
                    run.calls().toString());
            assertTrue(run.calls().stream().noneMatch(c -> c.contains("delete-stack")
                    && c.contains("/saas-fleet-support-")), run.calls().toString());
        }
    }

    @Test
    void aSiblingWhoseFirstCreateFailedIsCreatedAgainAndAnExistingOneIsLeftToItsOwnSelfMutation() throws Exception {
        var three = ASSEMBLIES.get(2);
        var siblings = three.pipelines().stream().filter(n -> !n.equals("saas-fleet")).toList();
        var run = runPipelinesStep(three, three, Map.of(siblings.get(0), "ROLLBACK_COMPLETE"));
        assertEquals(0, run.exit(), run.err());
        var deployed = run.calls().stream().filter(c -> c.startsWith("npx cdk deploy")).toList();
        assertEquals(1, deployed.size(), run.calls().toString());
        assertTrue(deployed.get(0).endsWith("--require-approval never " + siblings.get(0)), deployed.toString());
    }

    private static String stackId(String name) {
        return "arn:aws:cloudformation:us-east-1:111111111111:stack/" + name + "/0000";
    }

    private record Run(int exit, String err, List<String> calls) {
    }

    // The stacks deployed before this step: the previous assembly's pipelines, the baseline, and another fleet's
    // pipeline in the same account, as describe-stacks filtered to this fleet's ManagedBy tag would still list the
    // baseline (the script must not retire anything but <prefix>-<suffix> stacks).
    private Run runPipelinesStep(Assembly before, Assembly after) throws Exception {
        return runPipelinesStep(before, after, Map.of());
    }

    /** @param statuses the StackStatus describe-stacks reports per stack name (CREATE_COMPLETE when absent) */
    private Run runPipelinesStep(Assembly before, Assembly after, Map<String, String> statuses) throws Exception {
        var work = Files.createTempDirectory(dir, "step");
        var bin = Files.createDirectories(work.resolve("bin"));
        Files.copy(Path.of("src/test/resources/fake-aws/aws"), bin.resolve("aws"));
        Files.writeString(bin.resolve("npx"), "#!/usr/bin/env bash\necho \"npx $*\" >> \"$FAKE_AWS_DIR/calls\"\n");
        assertTrue(bin.resolve("aws").toFile().setExecutable(true) && bin.resolve("npx").toFile().setExecutable(true));
        var deployed = new ArrayList<String>();
        before.pipelines().forEach(name -> deployed.add(name + "\t" + stackId(name) + "\t"
                + statuses.getOrDefault(name, "CREATE_COMPLETE")));
        // The fake CLI answers every region alike: each region's loop must pick its own support stacks by name.
        before.supportStacks().forEach(name -> deployed.add(name + "\t" + stackId(name)));
        deployed.add("saas-fleet-8-support-us-west-2\t" + stackId("saas-fleet-8-support-us-west-2"));
        deployed.add("saas-baseline\t" + stackId("saas-baseline"));
        Files.writeString(work.resolve("stack-output"), String.join("\n", deployed) + "\n");
        Map<String, String> env = new HashMap<>(Map.of(
                "ASSEMBLY", after.directory().toString(),
                "PIPELINE_PREFIX", "saas-fleet",
                "PIPELINE_STACKS", after.pipelineStacksEnv(),
                "MANAGED_BY", "saas-fleet",
                "DEPLOY_ROLE_ARN", "arn:aws:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-us-east-1",
                "PIPELINE_REGION", "us-east-1",
                "SUPPORT_REGIONS", after.supportRegionsEnv()));
        var builder = new ProcessBuilder("bash", Path.of("scripts", "pipelines.sh").toString())
                .redirectOutput(work.resolve("out").toFile()).redirectError(work.resolve("err").toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_AWS_DIR", work.toString());
        builder.environment().putAll(env);
        var process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pipelines.sh finished");
        var calls = work.resolve("calls");
        return new Run(process.exitValue(), Files.readString(work.resolve("err"), StandardCharsets.UTF_8),
                Files.exists(calls) ? Files.readAllLines(calls).stream().map(c -> c.replaceFirst("^key=\\S+ ", ""))
                        .collect(Collectors.toList()) : List.of());
    }
}
