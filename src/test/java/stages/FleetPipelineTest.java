package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.FleetCatalog;
import app.SiloTenant;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class FleetPipelineTest {

    private static PipelineFleet shipped() {
        return PipelineFleet.shipped();
    }

    /** Deploy actions (change-set create) of a stack name, across all stages: stage name → action. */
    private static List<Map.Entry<String, JsonNode>> deployActions(JsonNode stages, String stackName) {
        var found = new ArrayList<Map.Entry<String, JsonNode>>();
        for (var stage : stages) {
            for (var action : stage.get("Actions")) {
                var config = action.get("Configuration");
                if (config != null && config.has("StackName") && config.get("StackName").asText().equals(stackName)
                        && config.get("ActionMode").asText().equals("CHANGE_SET_REPLACE")) {
                    found.add(Map.entry(stage.get("Name").asText(), action));
                }
            }
        }
        return found;
    }

    @Test
    void shippedFleetHasOneSelfMutatingV2PipelineFromTheConnection() {
        var fleet = shipped();
        assertEquals(1, fleet.pipelines.size());
        var template = Template.fromStack(fleet.pipelines.get(0));
        template.hasResourceProperties("AWS::CodePipeline::Pipeline", Match.objectLike(Map.of(
                "PipelineType", "V2",
                "Name", "saas-fleet",
                // An onboarding's execution waits for the running release instead of cancelling or superseding it.
                "ExecutionMode", "QUEUED")));
        var stages = PipelineFleet.stages(fleet.pipelines.get(0));
        var names = PipelineFleet.stageNames(stages);
        assertEquals(List.of("Source", "Build", "UpdatePipeline"), names.subList(0, 3));
        var source = stages.get(0).get("Actions").get(0);
        assertEquals("CodeStarSourceConnection", source.get("ActionTypeId").get("Provider").asText());
        assertEquals("example-org/saas-fleet", source.get("Configuration").get("FullRepositoryId").asText());
        assertEquals("main", source.get("Configuration").get("BranchName").asText());
        assertTrue(source.get("Configuration").get("ConnectionArn").asText().startsWith("arn:aws:codeconnections:"));
    }

    @Test
    void artifactsAreEncryptedWithARotatedCrossAccountKey() {
        var template = Template.fromStack(shipped().pipelines.get(0));
        template.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        // Cross-region stages: one artifact store per region, each encrypted with a KMS key.
        var stores = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(template.findResources(
                "AWS::CodePipeline::Pipeline")).elements().next().get("Properties").get("ArtifactStores");
        assertTrue(stores.size() >= 3, "us-east-1, eu-west-1, us-west-2: " + stores);
        for (var store : stores) {
            assertEquals("KMS", store.get("ArtifactStore").get("EncryptionKey").get("Type").asText(), store.toString());
        }
    }

    @Test
    void baselineDeploysFirstThenTheCanaryWaveWithItsValidationStep() {
        var stages = PipelineFleet.stages(shipped().pipelines.get(0));
        var names = PipelineFleet.stageNames(stages);
        var baseline = names.indexOf("Baseline");
        var canary = names.indexOf("Canary");
        assertTrue(baseline > 0 && canary == baseline + 1, "Baseline then Canary: " + names);
        assertTrue(names.indexOf("Wave-x0") > canary, names.toString());
        assertEquals("Canary", deployActions(stages, "saas-silo-acme").get(0).getKey());
        assertEquals("Canary", deployActions(stages, "saas-pooled-basic").get(0).getKey());
        var canaryActions = new ArrayList<String>();
        stages.get(canary).get("Actions").forEach(a -> canaryActions.add(a.get("Name").asText()));
        assertTrue(canaryActions.contains("ValidateCanary"), canaryActions.toString());
    }

    @Test
    void everySiloTenantDeploysInExactlyOneStageToItsOwnAccountAndRegion() {
        var stages = PipelineFleet.stages(shipped().pipelines.get(0));
        for (var tenant : PipelineFleet.shippedCatalog().tenants()) {
            var actions = deployActions(stages, "saas-silo-" + tenant.tenantId());
            assertEquals(1, actions.size(), tenant.tenantId());
            var action = actions.get(0).getValue();
            assertTrue(action.get("RoleArn").toString().contains(tenant.env().account()), action.toString());
            assertTrue(action.get("RoleArn").toString().contains(tenant.env().region()), action.toString());
        }
    }

    @Test
    void synthMayReadOnlyTheCatalogTable() {
        var template = Template.fromStack(shipped().pipelines.get(0));
        var table = Match.objectLike(Map.of(
                // Sorted: @aws-cdk/aws-iam:minimizePolicies (cdk.json) orders a statement's actions.
                "Action", List.of("dynamodb:DescribeTable", "dynamodb:Scan"),
                "Resource", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(
                        ":dynamodb:us-east-1:111111111111:table/saas-fleet-TenantStackMapping"))))))));
        // The table's key is the baseline's: decrypt only through DynamoDB, for that table only.
        var key = Match.objectLike(Map.of(
                "Action", "kms:Decrypt",
                "Condition", Map.of("StringEquals", Map.of(
                        "kms:EncryptionContext:aws:dynamodb:tableName", "saas-fleet-TenantStackMapping",
                        "kms:ViaService", "dynamodb.us-east-1.amazonaws.com"))));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(table, key)))))));
    }

    @Test
    void theSynthFirstWaitsForThisPipelinesOlderExecutionsAndMayListOnlyThem() {
        var pipeline = shipped().pipelines.get(0);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Template.fromStack(pipeline).toJSON());
        var synth = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        json.get("Resources").forEach(r -> {
            if (r.path("Type").asText().equals("AWS::CodeBuild::Project")
                    && r.toString().contains("npx cdk synth -c tenantSource=dynamodb")) {
                synth.add(r);
            }
        });
        assertEquals(1, synth.size());
        var buildSpec = synth.get(0).at("/Properties/Source/BuildSpec").asText();
        int await = buildSpec.indexOf("bash scripts/await-older-executions.sh");
        assertTrue(await >= 0 && await < buildSpec.indexOf("npx cdk synth"), buildSpec);
        // This execution's id reaches the step as a CodePipeline variable of the action.
        var actions = json.toString();
        assertTrue(actions.matches("(?s).*EXECUTION_ID.{0,60}#\\{codepipeline\\.PipelineExecutionId\\}.*"),
                "EXECUTION_ID is #{codepipeline.PipelineExecutionId}");
        Template.fromStack(pipeline).hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(
                        Map.of("Action", "codepipeline:ListPipelineExecutions",
                                "Resource", "arn:aws:codepipeline:us-east-1:111111111111:saas-fleet")))))))));
    }

    @Test
    void removingATenantRemovesItsStage() {
        var catalog = PipelineFleet.shippedCatalog();
        var without = new FleetCatalog(catalog.pipeline(), catalog.baseline(), catalog.pooledTiers(),
                catalog.tenants().stream().filter(t -> !t.tenantId().equals("globex")).toList());
        var stages = PipelineFleet.stages(PipelineFleet.of(without).pipelines.get(0));
        assertEquals(0, deployActions(stages, "saas-silo-globex").size());
        assertEquals(1, deployActions(stages, "saas-silo-initech").size());
    }

    @Test
    void aPinnedWaveIsHonoured() {
        var catalog = PipelineFleet.shippedCatalog();
        var pinned = catalog.tenants().stream()
                .map(t -> List.of("globex", "initech").contains(t.tenantId())
                        ? new SiloTenant(t.tenantId(), t.tenantName(), t.tier(), t.env(), false, 2) : t)
                .toList();
        var stages = PipelineFleet.stages(PipelineFleet.of(new FleetCatalog(catalog.pipeline(), catalog.baseline(),
                catalog.pooledTiers(), pinned)).pipelines.get(0));
        // Two pinned stacks keep Wave-02 a wave: CDK names a one-stage wave's CodePipeline stage after the stage.
        assertEquals("Wave-02", deployActions(stages, "saas-silo-initech").get(0).getKey());
        assertEquals("Wave-02", deployActions(stages, "saas-silo-globex").get(0).getKey());
    }

    // Big fleets: WavePlannerLimitsTest plans 150 tenants into one pipeline within the limits; ShardedFleetTest
    // synthesizes a pipeline of 253 silo tenants (the most the planner puts in one) and proves on its template that
    // every stage keeps 50 actions, the pipeline 50 stages and 1 MB, and each tenant deploys exactly once.

    @Test
    void aCatalogAskingForApprovalMakesEveryReleaseWaitForAPersonAfterTheCanaryValidation() {
        var shippedCatalog = PipelineFleet.shippedCatalog();
        var p = shippedCatalog.pipeline();
        var approving = new FleetCatalog(new app.PipelineSettings(p.env(), p.connectionArn(), p.repository(),
                p.branch(), true), shippedCatalog.baseline(), shippedCatalog.pooledTiers(), shippedCatalog.tenants(),
                shippedCatalog.fleetName());
        for (var fleet : List.of(PipelineFleet.withChecksOnPipelineStacksOnly(approving), shipped())) {
            var stages = PipelineFleet.stages(fleet.pipelines.get(0));
            var canary = stages.get(PipelineFleet.stageNames(stages).indexOf("Canary"));
            Map<String, JsonNode> byName = new java.util.HashMap<>();
            canary.get("Actions").forEach(a -> byName.put(a.get("Name").asText(), a));
            var approval = byName.get(FleetPipelineStack.APPROVAL_STEP);
            if (fleet == shipped()) {
                assertEquals(null, approval, "no approval unless the catalog asks: " + byName.keySet());
                continue;
            }
            assertEquals("Manual", approval.get("ActionTypeId").get("Provider").asText(), approval.toString());
            assertTrue(approval.get("RunOrder").asInt() > byName.get("ValidateCanary").get("RunOrder").asInt(),
                    "the approval comes after the validation: " + byName);
            var later = stages.get(PipelineFleet.stageNames(stages).indexOf("Canary") + 1);
            assertTrue(later.get("Name").asText().startsWith("Wave-"), later.get("Name").asText());

        }
    }

    @Test
    void withApprovalEveryOtherPipelineWaitsForTheApprovalOfTheSameCommit() {
        // Small wave limits shard five tenants over two pipelines (PipelineGrowthTest).
        var base = PlanCatalogs.catalog(java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> PlanCatalogs.silo(String.format("tenant-%02d", i),
                        new app.AwsEnv("333333333333", "eu-west-1"))).toList());
        var p = base.pipeline();
        var approving = new FleetCatalog(new app.PipelineSettings(p.env(), p.connectionArn(), p.repository(),
                p.branch(), true), base.baseline(), base.pooledTiers(), base.tenants(), base.fleetName());
        var cdkApp = new software.amazon.awscdk.App(software.amazon.awscdk.AppProps.builder()
                .outdir(app.TempDirs.createDeletedOnExit("approval").toString()).stackTraces(false).build());
        var fleet = FleetPipelines.addTo(cdkApp, approving, PipelineFleet.FUNCTIONS, app.OffboarderMemory.NONE,
                FleetChecks.Coverage.PIPELINE_STACKS, new WaveLimits(6, 50, 5_000, 0, 1_000));
        assertEquals(2, fleet.pipelines().size());
        var gate = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Template.fromStack(
                fleet.pipelines().get(1)).findResources("AWS::CodeBuild::Project")).toString();
        assertTrue(gate.contains("wait-for-fleet-canary.sh"), gate);
        assertTrue(gate.contains("{\"Name\":\"CANARY_ACTION\",\"Type\":\"PLAINTEXT\",\"Value\":\"ApproveRelease\"}"),
                gate);
    }
}
