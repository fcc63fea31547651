package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import app.OffboarderMemory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The offboarder can reach every account it may have to clean up, and no other: the catalog's accounts and the
 * accounts its environments table still remembers (a silo tenant that had an account to itself and left the catalog,
 * so its stack is still there). The pipeline's synth can read every pipeline's memory of this fleet, a pipeline added
 * since included, and no other fleet's.
 */
class OffboarderScopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The account of a silo tenant that left the catalog: only the offboarder's memory still names it. */
    private static final String LEFT = "555555555555";
    private static final String NEVER_IN_THE_FLEET = "999999999999";

    @Test
    void anAccountWhoseLastTenantLeftStaysReachableWhileTheOffboarderRemembersIt() {
        var remembering = PipelineFleet.remembering(PipelineFleet.shippedCatalog(), pipeline -> accounts(LEFT));
        var grant = assumable(remembering);
        for (var region : List.of("eu-west-1", "us-east-1", "ap-southeast-2")) {
            assertTrue(reaches(grant, LEFT, region), LEFT + "/" + region + " not reachable: " + grant);
        }
        for (var account : List.of("111111111111", "222222222222", "333333333333", "444444444444")) {
            assertTrue(reaches(grant, account, "us-east-1"), account + " not reachable: " + grant);
        }
        assertFalse(reaches(grant, NEVER_IN_THE_FLEET, "us-east-1"), grant.toString());
    }

    @Test
    void anAccountNeitherInTheCatalogNorRememberedIsNotReachable() {
        var grant = assumable(PipelineFleet.shipped());
        assertFalse(reaches(grant, LEFT, "eu-west-1"), grant.toString());
        assertFalse(reaches(grant, NEVER_IN_THE_FLEET, "eu-west-1"), grant.toString());
        // Not another role of a catalog account either: only its CDK deploy roles.
        assertFalse(grant.stream().anyMatch(r -> IamArn.matches(r,
                "arn:P:iam::333333333333:role/cdk-hnb659fds-cfn-exec-role-333333333333-us-east-1")), grant.toString());
    }

    @Test
    void theSynthReadsEveryPipelinesMemoryOfItsFleetAndNoOtherFleets() {
        var tables = new ArrayList<String>();
        statements(PipelineFleet.shipped().pipelines.get(0), "dynamodb:Scan").forEach(s ->
                s.path("Resource").forEach(r -> tables.add(flatten(r))));
        for (var pipeline : List.of("saas-fleet", "saas-fleet-01", "saas-fleet-03")) {
            var arn = "arn:P:dynamodb:us-east-1:111111111111:table/"
                    + StackNames.offboarderEnvironmentsTableName(pipeline);
            assertTrue(tables.stream().anyMatch(t -> IamArn.matches(t, arn)), arn + " not readable: " + tables);
        }
        // Their keys only through DynamoDB, only for those tables (DynamoDB's encryption context names the table).
        var memoryKeys = statements(PipelineFleet.shipped().pipelines.get(0), "kms:Decrypt").stream()
                .filter(st -> st.path("Condition").has("StringLike")).toList();
        assertEquals(1, memoryKeys.size(), memoryKeys.toString());
        assertEquals("{\"StringEquals\":{\"kms:ViaService\":\"dynamodb.us-east-1.amazonaws.com\"},\"StringLike\":"
                + "{\"kms:EncryptionContext:aws:dynamodb:tableName\":[\"saas-fleet-offboard-environments\","
                + "\"saas-fleet-*-offboard-environments\"]}}", memoryKeys.get(0).path("Condition").toString());
        for (var otherFleet : List.of("saas-stg", "saas-staging", "saasx")) {
            var arn = "arn:P:dynamodb:us-east-1:111111111111:table/"
                    + StackNames.offboarderEnvironmentsTableName(StackNames.pipelineName(otherFleet));
            assertFalse(tables.stream().anyMatch(t -> IamArn.matches(t, arn)), arn + " readable: " + tables);
        }
    }

    private static SortedSet<String> accounts(String... accounts) {
        return new TreeSet<>(List.of(accounts));
    }

    // The deploy role CDK bootstrap creates: cdk-<qualifier>-deploy-role-<account>-<region> (lambda-src DeployRole).
    private static boolean reaches(List<String> grant, String account, String region) {
        var role = "arn:P:iam::" + account + ":role/cdk-hnb659fds-deploy-role-" + account + "-" + region;
        return grant.stream().anyMatch(r -> IamArn.matches(r, role));
    }

    private static List<String> assumable(PipelineFleet fleet) {
        var resources = new ArrayList<String>();
        statements(fleet.pipelines.get(0), "sts:AssumeRole").stream()
                .filter(s -> s.path("Condition").toString().contains("bootstrap-role"))
                .forEach(s -> s.path("Resource").forEach(r -> resources.add(flatten(r))));
        assertFalse(resources.isEmpty(), "no offboarder sts:AssumeRole statement found");
        return resources;
    }

    private static List<JsonNode> statements(Stack stack, String action) {
        JsonNode template = JSON.valueToTree(Template.fromStack(stack).toJSON());
        var found = new ArrayList<JsonNode>();
        template.path("Resources").forEach(resource -> resource.path("Properties").path("PolicyDocument")
                .path("Statement").forEach(statement -> {
                    if (statement.path("Action").toString().contains("\"" + action + "\"")) {
                        found.add(statement);
                    }
                }));
        return found;
    }

    // {"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::..."]]} -> arn:P:iam::...
    private static String flatten(JsonNode resource) {
        if (resource.isTextual()) {
            return resource.asText();
        }
        var text = new StringBuilder();
        resource.path("Fn::Join").path(1).forEach(part -> text.append(part.isTextual() ? part.asText() : "P"));
        return text.toString();
    }
}
