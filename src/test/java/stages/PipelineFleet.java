package stages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import app.CdkJson;
import app.FleetCatalog;
import app.JsonFileCatalogSource;
import app.OffboarderMemory;
import app.TempDirs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/** The fleet's pipelines built from a catalog, with helpers to read their CodePipeline stages. */
final class PipelineFleet {

    /** The lambda-src directory: the stacks deploy each function family's jar from its module. */
    static final String FUNCTIONS = "lambda-src";
    /** The tenant API family's jar (its classes and lambda-src's shared runtime). */
    private static final Pattern NAG_RULE = Pattern.compile("(AwsSolutions|Serverless)-|CdkNagValidationFailure");

    final FleetPlan plan;
    final List<FleetPipelineStack> pipelines;
    final App app;

    private PipelineFleet(FleetCatalog catalog, FleetChecks.Coverage checks) {
        this(catalog, OffboarderMemory.NONE, checks);
    }

    private PipelineFleet(FleetCatalog catalog, OffboarderMemory memory, FleetChecks.Coverage checks) {
        this.app = new App(AppProps.builder().outdir(TempDirs.createDeletedOnExit("fleet-pipeline").toString())
                .context(CdkJson.featureFlags())
                .stackTraces(false).build());
        var fleet = FleetPipelines.addTo(app, catalog, FUNCTIONS, memory, checks);
        this.plan = fleet.plan();
        this.pipelines = fleet.pipelines();
    }

    private static PipelineFleet shipped;

    /** The pipeline app of the shipped catalog, built once per test JVM. */
    static synchronized PipelineFleet shipped() {
        if (shipped == null) {
            shipped = of(shippedCatalog());
        }
        return shipped;
    }

    /** The fleet's pipeline app as FleetApp builds it: cdk-nag packs on every stack. */
    static PipelineFleet of(FleetCatalog catalog) {
        return new PipelineFleet(catalog, FleetChecks.Coverage.EVERY_STACK);
    }

    /**
     * The same app with cdk-nag packs on the pipeline stacks only ({@link FleetChecks.Coverage#PIPELINE_STACKS}):
     * for a large fleet whose stage stacks repeat the shapes that FleetComplianceTest checks on the shipped fleet.
     */
    static PipelineFleet withChecksOnPipelineStacksOnly(FleetCatalog catalog) {
        return new PipelineFleet(catalog, FleetChecks.Coverage.PIPELINE_STACKS);
    }

    /** As the pipeline's synth builds it, its offboarders remembering what {@code memory} says. */
    static PipelineFleet remembering(FleetCatalog catalog, OffboarderMemory memory) {
        return new PipelineFleet(catalog, memory, FleetChecks.Coverage.PIPELINE_STACKS);
    }

    private static PipelineFleet sharded;

    /**
     * 276 silo tenants over 3 accounts x 4 regions: the lower half of the key space holds the 253 the first pipeline
     * can (6 canaries and 247 by key), the upper half 23, in a second pipeline. Synthesized once per test JVM (about
     * a minute and a half): ShardedFleetTest and FleetCanaryGateTest read it.
     */
    static synchronized PipelineFleet sharded() {
        if (sharded == null) {
            sharded = withChecksOnPipelineStacksOnly(shardedCatalog());
            sharded.assemblyDirectory();
        }
        return sharded;
    }

    static FleetCatalog shardedCatalog() {
        var shipped = shippedCatalog();
        return new FleetCatalog(shipped.pipeline(), shipped.baseline(), shipped.pooledTiers(),
                PlanCatalogs.byKeyHalf(6, 247, 23));
    }

    static FleetCatalog shippedCatalog() {
        return new JsonFileCatalogSource(Path.of("tenants.json")).load();
    }

    /** The directory the app's assembly is written to; synthesizes the app the first time only. */
    Path assemblyDirectory() {
        return Path.of(app.synth().getDirectory());
    }

    /** The CodePipeline stages of one pipeline stack, as the template declares them. */
    static JsonNode stages(FleetPipelineStack stack) {
        var template = new ObjectMapper().valueToTree(Template.fromStack(stack).toJSON());
        for (var resource : template.get("Resources")) {
            if (resource.get("Type").asText().equals("AWS::CodePipeline::Pipeline")) {
                return resource.get("Properties").get("Stages");
            }
        }
        throw new AssertionError("no AWS::CodePipeline::Pipeline in " + stack.getStackName());
    }

    static List<String> stageNames(JsonNode stages) {
        var names = new ArrayList<String>();
        stages.forEach(stage -> names.add(stage.get("Name").asText()));
        return names;
    }

    /**
     * The AwsSolutions and Serverless errors cdk-nag left unsuppressed on a stack: the error messages of the stack's
     * artifact (what {@code Annotations.fromStack(stack).findError} reads), taken from the assembly of the stack's
     * own stage as first synthesized. {@code Annotations.fromStack} re-synthesizes the whole app for each stack it is
     * asked about; the tree is not changed after synthesis here, so the first assembly holds the same messages.
     */
    static List<String> nagErrors(Stack stack) {
        return nagMessages(stack, SynthesisMessageLevel.ERROR);
    }

    /**
     * The cdk-nag warnings left unsuppressed on a stack, read as {@link #nagErrors}: AwsSolutions and Serverless
     * findings, and a rule's own crash ({@code CdkNagValidationFailure[<rule>]}), which the CLI prints at every synth.
     */
    static List<String> nagWarnings(Stack stack) {
        return nagMessages(stack, SynthesisMessageLevel.WARNING);
    }

    private static List<String> nagMessages(Stack stack, SynthesisMessageLevel level) {
        return Stage.of(stack).synth().getStackArtifact(stack.getArtifactId()).getMessages().stream()
                .filter(m -> m.getLevel() == level)
                .filter(m -> NAG_RULE.matcher(String.valueOf(m.getEntry().getData())).find())
                .map(m -> m.getId() + ": " + m.getEntry().getData())
                .toList();
    }
}
