package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The onboarding fast lane as deployed: the onboard project in the first pipeline's stack, what its role may do, and
 * the baseline's trigger that starts it (shipped catalog; the app synthesized once per test JVM).
 */
class OnboardProjectTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Template pipelineTemplate() {
        return Template.fromStack(PipelineFleet.shipped().pipelines.get(0));
    }

    private static List<JsonNode> statementsOfRole(JsonNode resources, String roleLogicalId) {
        var statements = new ArrayList<JsonNode>();
        resources.fields().forEachRemaining(e -> {
            var r = e.getValue();
            if (r.get("Type").asText().equals("AWS::IAM::Policy")
                    && r.at("/Properties/Roles").toString().contains("\"" + roleLogicalId + "\"")) {
                r.at("/Properties/PolicyDocument/Statement").forEach(statements::add);
            }
        });
        return statements;
    }

    @Test
    void theFirstPipelineStackHasTheOnboardProjectWithEncryptedLogsRunningTheScript() {
        var template = pipelineTemplate();
        template.resourcePropertiesCountIs("AWS::CodeBuild::Project",
                Match.objectLike(Map.of("Name", "saas-fleet-onboard")), 1);
        template.hasResourceProperties("AWS::CodeBuild::Project", Match.objectLike(Map.of(
                "Name", "saas-fleet-onboard",
                "EncryptionKey", Match.anyValue(),
                "TimeoutInMinutes", 60,
                "Source", Match.objectLike(Map.of("Type", "S3",
                        "BuildSpec", Match.stringLikeRegexp(".*bash onboard-tenant.sh.*"))),
                "Environment", Match.objectLike(Map.of("EnvironmentVariables", Match.arrayWith(List.of(
                        Map.of("Name", "PIPELINE_NAME", "Type", "PLAINTEXT", "Value", "saas-fleet"))))),
                "LogsConfig", Match.objectLike(Map.of("CloudWatchLogs", Match.objectLike(Map.of(
                        "Status", "ENABLED", "GroupName", Match.anyValue())))))));
        template.hasResourceProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of(
                "KmsKeyId", Match.anyValue(), "RetentionInDays", 365)));
    }

    @Test
    void theOnboardRoleListsOnlyTheFirstPipelinesExecutionsAndAssumesOnlySiloAccountsBootstrapRoles() {
        var template = pipelineTemplate();
        var roles = template.findResources("AWS::IAM::Role", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("RoleName", "saas-fleet-onboard")))));
        assertEquals(1, roles.size(), roles.toString());
        var resources = JSON.valueToTree(template.toJSON()).get("Resources");
        var statements = statementsOfRole(resources, roles.keySet().iterator().next());

        var lists = statements.stream().filter(s -> s.toString().contains("codepipeline:List")).toList();
        assertEquals(1, lists.size(), statements.toString());
        assertEquals("arn:aws:codepipeline:us-east-1:111111111111:saas-fleet", lists.get(0).get("Resource").asText());

        var assume = statements.stream().filter(s -> s.get("Action").toString().contains("sts:AssumeRole")).toList();
        assertEquals(1, assume.size(), statements.toString());
        // tenants.json: silo tenants in 333333333333 (acme, globex) and 444444444444 (initech); the pooled tiers'
        // account 222222222222 and the pipeline's are not named.
        assertEquals(JSON.valueToTree(List.of("333333333333", "444444444444").stream()
                        .flatMap(a -> List.of("deploy", "file-publishing").stream()
                                .map(kind -> Map.of("Fn::Join", List.of("", List.of("arn:",
                                        Map.of("Ref", "AWS::Partition"), ":iam::" + a + ":role/cdk-hnb659fds-" + kind
                                                + "-role-" + a + "-*"))))).toList()),
                assume.get(0).get("Resource"));
        assertEquals(List.of("deploy", "file-publishing"), JSON.convertValue(
                assume.get(0).at("/Condition/StringEquals/iam:ResourceTag~1aws-cdk:bootstrap-role"), List.class));
        assertTrue(statements.stream().noneMatch(s -> s.get("Action").toString().contains("s3:Put")),
                "the build writes no artifact: " + statements);
    }

    @Test
    void theBaselineTriggerMayStartTheOnboardProjectOnlyAndIsToldItsName() {
        var fleet = SynthesizedFleet.shipped();
        var template = fleet.template(fleet.stacks.baseline());
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "functions.pipeline.PipelineTriggerHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "PIPELINE_NAMES", "saas-fleet", "ONBOARD_PROJECT", "saas-fleet-onboard"))))));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "codebuild:StartBuild",
                        "Resource", "arn:aws:codebuild:us-east-1:111111111111:project/saas-fleet-onboard")))))))));
    }
}
