package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The pipeline's offboarding: a last stage that hands the fleet plan to a function allowed to delete stacks. */
class OffboardingPipelineTest {

    private static FleetPipelineStack pipelineStack() {
        return PipelineFleet.shipped().pipelines.get(0);
    }

    private static Template template() {
        return Template.fromStack(pipelineStack());
    }

    @Test
    void offboardingAndSiloActivationAreTheLastStageAfterEveryWave() {
        var stages = PipelineFleet.stages(pipelineStack());
        var names = PipelineFleet.stageNames(stages);
        assertEquals("Offboard", names.get(names.size() - 1), names.toString());
        var actions = stages.get(stages.size() - 1).get("Actions");
        var actionNames = new java.util.ArrayList<String>();
        actions.forEach(action -> {
            actionNames.add(action.get("Name").asText());
            assertEquals("CodeBuild", action.get("ActionTypeId").get("Provider").asText());
            // Its inputs: the source (for the script) and the synth output (for fleet-plan.json).
            assertEquals(2, action.get("InputArtifacts").size(), action.toString());
        });
        assertEquals(List.of("ActivateSilos", "Offboard"), actionNames.stream().sorted().toList());
    }

    @Test
    void aFleetWithoutSiloTenantsStillEndsWithOffboardingSoItsLastTenantsStackIsDeleted() {
        // What a marked TenantStackMapping table without records synthesizes (DynamoDbCatalogSourceTest): the
        // stage of the last silo tenant is gone and the Offboard step hands a plan without it to the offboarder
        // (which deletes every tenant stack not in the plan: lambda-src OffboarderTest).
        var catalog = PipelineFleet.shippedCatalog();
        var empty = new app.FleetCatalog(catalog.pipeline(), catalog.baseline(), catalog.pooledTiers(), List.of());
        var fleet = PipelineFleet.of(empty);
        assertTrue(fleet.plan.toJson().contains("\"BASELINE\"") && !fleet.plan.toJson().contains("SILO_TENANT"),
                fleet.plan.toJson());
        var stages = PipelineFleet.stages(fleet.pipelines.get(0));
        var names = PipelineFleet.stageNames(stages);
        assertEquals("Offboard", names.get(names.size() - 1), names.toString());
        var actions = new ArrayList<String>();
        stages.get(stages.size() - 1).get("Actions").forEach(a -> actions.add(a.get("Name").asText()));
        assertEquals(List.of("ActivateSilos", "Offboard"), actions.stream().sorted().toList());
    }

    @Test
    void siloActivationRunsOnlyAfterOffboardingFinished() {
        // A tenant moved to another account or region has its old stack deleted by Offboard; activating it beside
        // that deletion would record the stack being deleted. CodePipeline runs a stage's actions by RunOrder.
        var stages = PipelineFleet.stages(pipelineStack());
        var runOrder = new java.util.HashMap<String, Integer>();
        stages.get(stages.size() - 1).get("Actions")
                .forEach(a -> runOrder.put(a.get("Name").asText(), a.get("RunOrder").asInt()));
        assertTrue(runOrder.get("ActivateSilos") > runOrder.get("Offboard"), runOrder.toString());
    }

    @Test
    void siloActivationMayCallOnlyTheInternalActivateRouteAndReadTheBaselinesOutputs() {
        var template = template();
        var project = json(template.findResources("AWS::CodeBuild::Project")).properties()
                .stream().filter(p -> p.toString().contains("bash scripts/activate-silos.sh"))
                .filter(p -> !p.toString().contains("\"Name\":\"WAVE\"")).toList();
        // ActivateSilos here; ActivateCanaries (the same script and role, the canary wave only) is in
        // canaryTenantsAreActivatedBeforeTheirValidationProbesThem.
        assertEquals(1, project.size(), "one CodeBuild project runs scripts/activate-silos.sh for every tenant");
        var env = project.get(0).get("Environment").get("EnvironmentVariables").toString();
        assertTrue(env.contains("{\"Name\":\"PIPELINE_NAME\",\"Type\":\"PLAINTEXT\",\"Value\":\"saas-fleet\"}"), env);
        assertTrue(env.contains("{\"Name\":\"BASELINE_STACK\",\"Type\":\"PLAINTEXT\",\"Value\":\"saas-baseline\"}"),
                env);
        var invoke = Match.objectLike(Map.of(
                "Action", "execute-api:Invoke",
                "Resource", "arn:aws:execute-api:us-east-1:111111111111:*/prod/POST/internal/tenants/*/activate"));
        var outputs = Match.objectLike(Map.of(
                "Action", "cloudformation:DescribeStacks",
                "Resource", "arn:aws:cloudformation:us-east-1:111111111111:stack/saas-baseline/*"));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(invoke, outputs)))))));
        // A fixed role name: the control plane accepts internal calls from this role's sessions only.
        var role = template.findResources("AWS::IAM::Role", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("RoleName", "saas-fleet-activate-silos")))));
        assertEquals(1, role.size(), role.toString());
        assertTrue(project.get(0).get("ServiceRole").toString().contains(role.keySet().iterator().next()),
                project.get(0).get("ServiceRole").toString());
    }

    @Test
    void canaryTenantsAreActivatedBeforeTheirValidationProbesThem() {
        var stages = PipelineFleet.stages(pipelineStack());
        var canary = stages.get(PipelineFleet.stageNames(stages).indexOf("Canary"));
        var runOrder = new java.util.HashMap<String, Integer>();
        canary.get("Actions").forEach(a -> runOrder.put(a.get("Name").asText(), a.get("RunOrder").asInt()));
        assertTrue(runOrder.get("ActivateCanaries") < runOrder.get("ValidateCanary"), runOrder.toString());
        var project = json(template().findResources("AWS::CodeBuild::Project")).properties().stream()
                .filter(p -> p.toString().contains("\"Name\":\"WAVE\",\"Type\":\"PLAINTEXT\",\"Value\":\"Canary\""))
                .toList();
        assertEquals(1, project.size());
        assertTrue(project.get(0).toString().contains("bash scripts/activate-silos.sh"), project.get(0).toString());
    }

    @Test
    void stuckStacksAreClearedInAStageOfTheirOwnBeforeTheFirstWave() {
        var stages = PipelineFleet.stages(pipelineStack());
        var names = PipelineFleet.stageNames(stages);
        var preflight = names.indexOf("Preflight");
        assertTrue(preflight > names.indexOf("UpdatePipeline") && preflight < names.indexOf("Baseline"),
                names.toString());
        var actions = new ArrayList<String>();
        stages.get(preflight).get("Actions").forEach(a -> actions.add(a.get("Name").asText()));
        // The first pipeline also keeps its siblings in step there (PipelineGrowthTest).
        assertEquals(List.of("ClearStuckStacks", "Pipelines"), actions.stream().sorted().toList());
    }

    @Test
    void offboardStepInvokesTheOffboarderAliasWithTheSynthesizedPlan() {
        var template = template();
        var alias = template.findResources("AWS::Lambda::Alias");
        var offboarderAlias = alias.keySet().stream().filter(id -> id.startsWith("Offboarder")).toList();
        assertEquals(1, offboarderAlias.size(), alias.keySet().toString());
        var project = json(template.findResources("AWS::CodeBuild::Project")).properties()
                .stream().filter(p -> p.toString().contains("bash scripts/offboard.sh")).toList();
        // Two steps run scripts/offboard.sh: ClearStuckStacks before the first wave, Offboard after the last.
        assertEquals(2, project.size(), "two CodeBuild projects run scripts/offboard.sh");
        var modes = new ArrayList<String>();
        for (var p : project) {
            var env = p.get("Environment").get("EnvironmentVariables");
            var text = env.toString();
            assertTrue(text.contains("\"FLEET_PLAN\"") && text.contains("cdk.out/fleet-plan.json"), text);
            assertTrue(text.contains("\"OFFBOARD_FUNCTION\"") && text.contains(offboarderAlias.get(0)), text);
            env.forEach(v -> {
                if (v.get("Name").asText().equals("OFFBOARD_MODE")) {
                    modes.add(v.get("Value").asText());
                }
            });
        }
        assertEquals(List.of("clear-stuck", "offboard"), modes.stream().sorted().toList());
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "lambda:InvokeFunction",
                        "Resource", Map.of("Ref", offboarderAlias.get(0)))))))))));
    }

    @Test
    void offboarderMayAssumeOnlyCdkDeployRolesAndUseItsOwnTable() {
        var template = template();
        var statements = new Capture();
        var roles = template.findResources("AWS::IAM::Role");
        var offboarderRole = roles.keySet().stream().filter(id -> id.startsWith("OffboarderFunctionRole")).toList();
        assertEquals(1, offboarderRole.size(), roles.keySet().toString());
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", offboarderRole.get(0))),
                "PolicyDocument", Match.objectLike(Map.of("Statement", statements)))));
        var policy = new ObjectMapper().valueToTree(statements.asArray());
        var assume = find(policy, "sts:AssumeRole");
        assertEquals("deploy", assume.get("Condition").get("StringEquals")
                .get("iam:ResourceTag/aws-cdk:bootstrap-role").asText());
        // The deploy roles of the catalog's accounts only (baseline 111..., pooled tiers 222..., silo tenants 333...
        // and 444...), any region of each; OffboarderScopeTest proves remembered accounts are added.
        var accounts = new ArrayList<String>();
        assume.get("Resource").forEach(r -> accounts.add(r.toString()));
        assertEquals(List.of("111111111111", "222222222222", "333333333333", "444444444444").stream()
                .map(a -> "{\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":\"AWS::Partition\"},\":iam::" + a
                        + ":role/cdk-hnb659fds-deploy-role-" + a + "-*\"]]}").toList(), accounts);
        var table = find(policy, "dynamodb:Scan");
        // Sorted: @aws-cdk/aws-iam:minimizePolicies (cdk.json) orders a statement's actions.
        assertEquals(List.of("dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan"),
                new ObjectMapper().convertValue(table.get("Action"), List.class));
        assertTrue(table.get("Resource").toString().contains("OffboarderEnvironments"), table.toString());
        // The catalog as it is now, checked before each delete: one GetItem on TenantStackMapping, its key via DynamoDB.
        var catalog = find(policy, "dynamodb:GetItem");
        assertTrue(catalog.get("Resource").toString().contains("table/saas-fleet-TenantStackMapping"), catalog.toString());
        var catalogKey = new ArrayList<JsonNode>();
        policy.forEach(st -> {
            if (st.get("Action").isTextual() && st.get("Action").asText().equals("kms:Decrypt")) {
                catalogKey.add(st);
            }
        });
        assertEquals(1, catalogKey.size(), policy.toString());
        assertEquals("saas-fleet-TenantStackMapping", catalogKey.get(0).get("Condition").get("StringEquals")
                .get("kms:EncryptionContext:aws:dynamodb:tableName").asText());
        for (var statement : policy) {
            var actions = statement.get("Action").toString();
            assertTrue(!actions.contains("cloudformation:") && !actions.contains("\"*\""),
                    "the offboarder acts in target accounts only through their deploy roles: " + statement);
        }
    }

    @Test
    void offboarderRunsTheOffboardHandlerWithItsLimits() {
        template().hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "functions.offboard.OffboardHandler::handleRequest",
                "Timeout", 300,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "BOOTSTRAP_QUALIFIER", "hnb659fds",
                        "MAX_DELETIONS", Integer.toString(FleetPipelineStack.OFFBOARD_MAX_DELETIONS),
                        "CATALOG_TABLE", "saas-fleet-TenantStackMapping",
                        "ENVIRONMENTS_TABLE", Match.anyValue()))))));
    }

    @Test
    void offboarderIsRolledByCodeDeployLikeEveryFunction() {
        template().hasResourceProperties("AWS::CodeDeploy::DeploymentGroup", Match.objectLike(Map.of(
                "DeploymentConfigName", "CodeDeployDefault.LambdaCanary10Percent5Minutes",
                "AutoRollbackConfiguration", Match.objectLike(Map.of("Enabled", true)))));
    }

    // Every pipeline of a sharded fleet ends with offboarding too: asserted in ShardedFleetTest (700 tenants).

    private static JsonNode find(JsonNode statements, String action) {
        for (var statement : statements) {
            if (statement.get("Action").toString().contains("\"" + action + "\"")) {
                return statement;
            }
        }
        throw new AssertionError("no statement with " + action + " in " + statements);
    }

    private record Resources(List<JsonNode> properties) {
    }

    private static Resources json(Map<String, ?> resources) {
        var mapper = new ObjectMapper();
        return new Resources(resources.values().stream()
                .map(r -> mapper.valueToTree(r).get("Properties"))
                .toList());
    }
}
