package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.FleetCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/**
 * A catalog too big for one pipeline is sharded over several self-mutating pipelines, proven on the pipeline
 * templates as synthesized. The fleet fills the first pipeline with the most stacks the planner ever gives one
 * pipeline (baseline, 3 pooled tiers, 6 canaries and 247 silo tenants whose pipeline key is in the lower half:
 * {@code WaveLimits.DEFAULT.maxStacksPerPipeline}) and puts 23 tenants in the upper half, so the key space splits in
 * two and the largest pipeline template a fleet of any size can get is measured for real; a larger fleet only adds
 * pipelines of at most that many stacks (WavePlannerShardingTest plans 700 tenants over 4 pipelines).
 *
 * <p>The stacks in the stages carry no cdk-nag packs here ({@link FleetChecks.Coverage#PIPELINE_STACKS}): they repeat
 * the shipped fleet's baseline, pooled-tier and silo shapes, which FleetComplianceTest checks stack by stack. The
 * pipeline stacks and their support stacks, whose shape depends on the sharding, are checked here.
 */
// First in the in-process line (junit-platform.properties): the longest class, overlapped by the rest.
@Order(1)
class ShardedFleetTest {

    static final long CLOUDFORMATION_TEMPLATE_LIMIT = 1_000_000;

    private static FleetCatalog catalog;
    private static PipelineFleet fleet;

    @BeforeAll
    static void synthesizeShardedFleet() {
        // PipelineFleet.sharded(): 253 tenants in the first pipeline, 23 in a second.
        catalog = PipelineFleet.shardedCatalog();
        fleet = PipelineFleet.sharded();
    }

    @Test
    void firstPipelineHoldsTheMostStacksThePlannerAllowsAndTheRestIsShardedIntoASecond() {
        assertEquals(List.of("saas-fleet", "saas-fleet-8"),
                fleet.pipelines.stream().map(Stack::getStackName).toList());
        assertEquals(fleet.plan.pipelines().stream().map(PipelinePlan::name).toList(),
                fleet.pipelines.stream().map(Stack::getStackName).toList());
        assertEquals(WaveLimits.DEFAULT.maxStacksPerPipeline(true), fleet.plan.pipelines().get(0).stackCount());
    }

    @Test
    void everyPipelineTemplateAsWrittenIsUnderTheCloudFormationLimit() throws IOException {
        for (var pipeline : fleet.pipelines) {
            var template = fleet.assemblyDirectory().resolve(pipeline.getArtifactId() + ".template.json");
            long size = Files.size(template);
            assertTrue(size < CLOUDFORMATION_TEMPLATE_LIMIT, pipeline.getStackName() + " template is " + size + " bytes");
        }
    }

    @Test
    void everyPipelineKeepsCodePipelinesStageAndActionLimitsAndEndsWithOffboarding() {
        for (var pipeline : fleet.pipelines) {
            var stages = PipelineFleet.stages(pipeline);
            assertTrue(stages.size() <= 50, pipeline.getStackName() + " has " + stages.size() + " stages");
            for (var stage : stages) {
                assertTrue(stage.get("Actions").size() <= 50,
                        stage.get("Name").asText() + " has " + stage.get("Actions").size() + " actions");
            }
            var names = PipelineFleet.stageNames(stages);
            assertEquals("Offboard", names.get(names.size() - 1), pipeline.getStackName() + " ends with offboarding");
        }
    }

    @Test
    void everyTenantIsDeployedExactlyOnceByThePipelineThePlanNames() {
        Map<String, String> pipelineOf = new HashMap<>();
        for (var pipeline : fleet.pipelines) {
            for (var stage : PipelineFleet.stages(pipeline)) {
                for (var action : stage.get("Actions")) {
                    var config = action.get("Configuration");
                    if (config != null && config.has("StackName")
                            && config.get("ActionMode").asText().equals("CHANGE_SET_REPLACE")) {
                        var previous = pipelineOf.put(config.get("StackName").asText(), pipeline.getStackName());
                        assertNull(previous, config.get("StackName").asText() + " deployed twice");
                    }
                }
            }
        }
        for (var tenant : catalog.tenants()) {
            assertEquals(fleet.plan.pipelineOf(tenant.tenantId()).orElseThrow(),
                    pipelineOf.get("saas-silo-" + tenant.tenantId()), tenant.tenantId() + " deployed by its pipeline");
        }
    }

    @Test
    void shardedPipelineStacksAndTheirSupportStacksHaveNoUnsuppressedNagErrors() {
        var stacks = fleet.app.getNode().getChildren().stream()
                .filter(Stack.class::isInstance).map(Stack.class::cast).toList();
        // Two pipelines, and a support stack per other region that CodePipeline deploys to.
        assertTrue(stacks.size() > fleet.pipelines.size(), stacks.toString());
        for (var stack : stacks) {
            // The packs ran on the stack (cdk-nag writes a report per pack and stack) and left no error unsuppressed.
            for (var pack : List.of("AwsSolutions", "Serverless")) {
                var report = pack + "-" + stack.getStackName() + "-NagReport.csv";
                assertTrue(Files.isRegularFile(fleet.assemblyDirectory().resolve(report)), report);
            }
            assertEquals("", String.join("\n", PipelineFleet.nagErrors(stack)), stack.getStackName());
        }
    }
}
