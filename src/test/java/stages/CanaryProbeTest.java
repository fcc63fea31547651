package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * A canary tenant's stack lets the fleet's canary validation send it real traffic, least privilege: a probe role only
 * the pipelines' ValidateCanary roles may assume, allowed to make, set and sign in users of that tenant's pool only;
 * the outputs the script reads; the admin-only sign-in flow on the pool's app client. No other tenant has any of it,
 * and the ValidateCanary step may assume exactly the lookup and probe roles it names.
 */
class CanaryProbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SynthesizedFleet fleet = SynthesizedFleet.shipped();

    private JsonNode template(software.amazon.awscdk.Stack stack) {
        return JSON.valueToTree(fleet.template(stack).toJSON());
    }

    private static List<JsonNode> resources(JsonNode template, String type) {
        var found = new java.util.ArrayList<JsonNode>();
        template.get("Resources").forEach(r -> {
            if (r.get("Type").asText().equals(type)) {
                found.add(r);
            }
        });
        return found;
    }

    @Test
    void theCanaryTenantsProbeRoleIsAssumableByTheValidationRolesOnlyAndSignsInItsOwnPoolsUsersOnly() {
        var acme = fleet.stacks.siloTenants().get(0);
        assertEquals("saas-silo-acme", acme.getStackName());
        var template = template(acme);
        var probe = resources(template, "AWS::IAM::Role").stream()
                .filter(r -> r.at("/Properties/RoleName").asText().equals("saas-silo-acme-pr-eu-west-1"))
                .findFirst().orElseThrow();
        var trust = probe.at("/Properties/AssumeRolePolicyDocument/Statement/0");
        assertEquals("arn:aws:iam::111111111111:role/saas-fleet-validate-canary",
                trust.at("/Condition/ArnEquals/aws:PrincipalArn/0").asText(), trust.toString());
        assertEquals(1, trust.at("/Condition/ArnEquals/aws:PrincipalArn").size(), trust.toString());
        assertEquals("sts:AssumeRole", trust.get("Action").asText());
        assertEquals(1, probe.at("/Properties/AssumeRolePolicyDocument/Statement").size());
        var policies = resources(template, "AWS::IAM::Policy").stream()
                .filter(p -> p.at("/Properties/Roles/0/Ref").asText().startsWith("ServicesCanaryProbeRole")
                        || p.at("/Properties/Roles/0/Ref").asText().startsWith("CanaryProbeRole"))
                .toList();
        assertEquals(1, policies.size(), policies.toString());
        var statements = policies.get(0).at("/Properties/PolicyDocument/Statement");
        assertEquals(1, statements.size(), statements.toString());
        // Sorted: @aws-cdk/aws-iam:minimizePolicies (cdk.json) orders a statement's actions.
        assertEquals("[\"cognito-idp:AdminCreateUser\",\"cognito-idp:AdminInitiateAuth\","
                + "\"cognito-idp:AdminSetUserPassword\"]", statements.get(0).get("Action").toString());
        assertTrue(statements.get(0).get("Resource").toString().contains("ServicesUsersUserPool"),
                statements.get(0).toString());
        fleet.template(acme).hasResourceProperties("AWS::Cognito::UserPoolClient", Match.objectLike(Map.of(
                "ExplicitAuthFlows", List.of("ALLOW_USER_SRP_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                        "ALLOW_REFRESH_TOKEN_AUTH"))));
        var outputs = template.get("Outputs");
        assertEquals("acme", outputs.at("/ProbeTenantId/Value").asText());
        assertEquals("PLATINUM", outputs.at("/ProbeTier/Value").asText());
        assertEquals("canary-probe@acme.invalid", outputs.at("/ProbeUserName/Value").asText());
        assertTrue(outputs.has("ProbeApiUrl") && outputs.has("UserPoolId") && outputs.has("AppClientId"),
                outputs.toString());
    }

    @Test
    void theCanaryPooledTierIsProbedAsItsOwnProbeTenantAndTheOtherTiersAreNot() {
        var basic = fleet.stacks.pooledTiers().get(0);
        assertEquals("saas-pooled-basic", basic.getStackName());
        var template = template(basic);
        var probe = resources(template, "AWS::IAM::Role").stream()
                .filter(r -> r.at("/Properties/RoleName").asText().equals("saas-pooled-basic-pr-us-east-1"))
                .findFirst().orElseThrow();
        assertEquals("arn:aws:iam::111111111111:role/saas-fleet-validate-canary",
                probe.at("/Properties/AssumeRolePolicyDocument/Statement/0/Condition/ArnEquals/aws:PrincipalArn/0")
                        .asText());
        var outputs = template.get("Outputs");
        assertEquals("canary-probe-basic", outputs.at("/ProbeTenantId/Value").asText());
        assertEquals("BASIC", outputs.at("/ProbeTier/Value").asText());
        assertEquals("canary-probe@canary-probe-basic.invalid", outputs.at("/ProbeUserName/Value").asText());
        for (var other : fleet.stacks.pooledTiers().subList(1, fleet.stacks.pooledTiers().size())) {
            var otherTemplate = template(other);
            assertTrue(ProbeOutputs.keys().stream().noneMatch(k -> otherTemplate.get("Outputs").has(k)),
                    other.getStackName());
            assertTrue(resources(otherTemplate, "AWS::IAM::Role").stream()
                    .noneMatch(r -> r.at("/Properties/RoleName").asText().contains("-pr-")), other.getStackName());
        }
    }

    @Test
    void aTenantThatIsNotACanaryHasNoProbeAndNoAdminSignIn() {
        var globex = fleet.stacks.siloTenants().get(1);
        var template = template(globex);
        assertTrue(resources(template, "AWS::IAM::Role").stream()
                .noneMatch(r -> r.at("/Properties/RoleName").asText().contains("-pr-")), "no probe role");
        assertTrue(ProbeOutputs.keys().stream().noneMatch(k -> template.get("Outputs").has(k)));
        fleet.template(globex).hasResourceProperties("AWS::Cognito::UserPoolClient", Match.objectLike(Map.of(
                "ExplicitAuthFlows", List.of("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))));
    }

    @Test
    void theValidationStepHasItsFixedRoleProbesTheCanaryTenantsAndMayAssumeOnlyTheRolesItNames() {
        var pipeline = PipelineFleet.shipped().pipelines.get(0);
        var template = JSON.valueToTree(software.amazon.awscdk.assertions.Template.fromStack(pipeline).toJSON())
                .toString();
        assertTrue(template.contains("\"RoleName\":\"saas-fleet-validate-canary\""), "fixed role name");
        assertTrue(template.contains("saas-pooled-basic=arn:aws:iam::222222222222:role/saas-pooled-basic-pr-us-east-1 "
                + "saas-silo-acme=arn:aws:iam::333333333333:role/saas-silo-acme-pr-eu-west-1"),
                "PROBE_ROLES names the canary tier's and the canary tenant's probe roles");
        assertTrue(template.contains("{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Resource\":["
                + "\"arn:aws:iam::222222222222:role/cdk-hnb659fds-lookup-role-222222222222-us-east-1\","
                + "\"arn:aws:iam::222222222222:role/saas-pooled-basic-pr-us-east-1\","
                + "\"arn:aws:iam::333333333333:role/cdk-hnb659fds-lookup-role-333333333333-eu-west-1\","
                + "\"arn:aws:iam::333333333333:role/saas-silo-acme-pr-eu-west-1\"]}"), "assumes exactly these");
        // ActivateCanaries asks the control plane for the canary tier's probe tenant before the validation runs.
        assertTrue(template.contains("{\"Name\":\"PROBE_TENANTS\",\"Type\":\"PLAINTEXT\",\"Value\":"
                + "\"canary-probe-basic\"}"), "ActivateCanaries' PROBE_TENANTS");
    }
}
