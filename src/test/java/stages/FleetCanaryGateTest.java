package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * One fleet canary gates every pipeline: on a fleet sharded into two pipelines, each pipeline other than the first
 * runs WaitForFleetCanary, which reads only pipeline 1's executions, in a stage of its own right before its first
 * tenant wave (a stage of its own: a full wave has no action to spare).
 */
// Right after ShardedFleetTest, whose sharded fleet it reads.
@Order(2)
class FleetCanaryGateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PipelineFleet fleet;

    @BeforeAll
    static void synthesizeShardedFleet() {
        // The sharded fleet ShardedFleetTest reads too (two pipelines), synthesized once.
        fleet = PipelineFleet.sharded();
    }

    private static JsonNode template(FleetPipelineStack stack) {
        return JSON.valueToTree(Template.fromStack(stack).toJSON());
    }

    private static List<String> actionNames(JsonNode stage) {
        var names = new ArrayList<String>();
        stage.get("Actions").forEach(a -> names.add(a.get("Name").asText()));
        return names;
    }

    @Test
    void everyPipelineButTheFirstWaitsInItsFirstTenantWaveForTheFirstPipelinesCanary() {
        var names = fleet.plan.pipelines().stream().map(PipelinePlan::name).toList();
        assertTrue(names.size() >= 2, names.toString());
        for (var pipeline : fleet.pipelines) {
            var stages = PipelineFleet.stages(pipeline);
            var plan = fleet.plan.pipelines().stream()
                    .filter(p -> p.name().equals(pipeline.getStackName())).findFirst().orElseThrow();
            var stageNames = PipelineFleet.stageNames(stages);
            var gated = !pipeline.getStackName().equals(names.get(0));
            var waiting = new ArrayList<String>();
            stages.forEach(stage -> {
                if (actionNames(stage).contains("WaitForFleetCanary")) {
                    waiting.add(stage.get("Name").asText());
                }
            });
            assertEquals(gated ? List.of(FleetPipelineStack.FLEET_CANARY_GATE) : List.of(), waiting,
                    pipeline.getStackName());
            if (gated) {
                // Right before the stage deploying the plan's first wave (CDK Pipelines names a one-stack wave's
                // stage after its stack), and alone in its stage.
                var gate = stageNames.indexOf(FleetPipelineStack.FLEET_CANARY_GATE);
                var next = new ArrayList<String>();
                stages.get(gate + 1).get("Actions").forEach(a -> next.add(a.at("/Configuration/StackName").asText()));
                assertTrue(next.containsAll(plan.waves().get(0).stacks().stream().map(PlannedStack::stackName)
                        .toList()), stageNames + " " + next);
                assertEquals(List.of("WaitForFleetCanary"), actionNames(stages.get(gate)));
            }
            var template = template(pipeline).toString();
            if (!pipeline.getStackName().equals(names.get(0))) {
                // The gate names pipeline 1 and may read its executions only.
                assertTrue(template.contains("\\\"name\\\":\\\"CANARY_PIPELINE\\\",\\\"type\\\":\\\"PLAINTEXT\\\","
                        + "\\\"value\\\":\\\"" + names.get(0) + "\\\"")
                        || template.contains("{\"Name\":\"CANARY_PIPELINE\",\"Type\":\"PLAINTEXT\",\"Value\":\""
                        + names.get(0) + "\"}"), pipeline.getStackName() + " names " + names.get(0));
                var reads = new ArrayList<String>();
                template(pipeline).get("Resources").forEach(r -> {
                    if (r.get("Type").asText().equals("AWS::IAM::Policy")) {
                        r.at("/Properties/PolicyDocument/Statement").forEach(st -> {
                            if (st.get("Action").toString().contains("codepipeline:List")) {
                                reads.add(st.get("Action").toString() + " " + st.get("Resource"));
                            }
                        });
                    }
                });
                // The gate reads pipeline 1; the synth lists its own pipeline's executions (await-older-executions). Actions
                // sorted: @aws-cdk/aws-iam:minimizePolicies (cdk.json) merges and sorts statements.
                assertEquals(List.of("\"codepipeline:ListPipelineExecutions\" \"arn:aws:codepipeline:"
                        + pipeline.getRegion() + ":" + pipeline.getAccount() + ":" + pipeline.getStackName() + "\"",
                        "[\"codepipeline:ListActionExecutions\",\"codepipeline:ListPipelineExecutions\"] "
                        + "\"arn:aws:codepipeline:" + pipeline.getRegion() + ":" + pipeline.getAccount() + ":"
                        + names.get(0) + "\""), reads.stream().sorted().toList(),
                        pipeline.getStackName() + " reads " + names.get(0) + " and its own executions only");
            } else {
                assertFalse(template.contains("wait-for-fleet-canary.sh"), names.get(0) + " is the fleet canary");
            }
        }
    }
}
