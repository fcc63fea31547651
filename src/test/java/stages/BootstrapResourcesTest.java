package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.AwsEnv;
import app.FleetSettings;
import app.OperatorEntry;
import app.Tier;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The baseline's custom resources (Custom::SettingsSeed, Custom::Operators) on the shipped fleet's already synthesized
 * baseline: each answered by a Java function straight through its ARN (no Node.js provider), carrying the catalog's
 * values as properties, with a role that can do only what the resource writes.
 */
class BootstrapResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SynthesizedFleet fleet = SynthesizedFleet.shipped();
    private final BaselineStack baseline = fleet.stacks.baseline();
    private final Template template = fleet.template(baseline);
    private final JsonNode resources = JSON.valueToTree(template.toJSON()).path("Resources");

    private JsonNode only(String type) {
        var found = new ArrayList<JsonNode>();
        resources.forEach(r -> {
            if (r.path("Type").asText().equals(type)) {
                found.add(r);
            }
        });
        assertEquals(1, found.size(), type);
        return found.get(0);
    }

    @Test
    void theBaselineHoldsTwoCustomResourcesWhoseServiceTokenIsAJavaFunctionsArn() {
        var handlers = Map.of("Custom::SettingsSeed", BootstrapResources.SETTINGS_HANDLER,
                "Custom::Operators", BootstrapResources.OPERATORS_HANDLER);
        handlers.forEach((type, handler) -> {
            var token = only(type).at("/Properties/ServiceToken/Fn::GetAtt");
            assertEquals("Arn", token.get(1).asText(), type);
            var function = resources.path(token.get(0).asText());
            assertEquals("AWS::Lambda::Function", function.path("Type").asText(), type);
            assertTrue(function.at("/Properties/Runtime").asText().startsWith("java"), type);
            assertEquals(handler, function.at("/Properties/Handler").asText(), type);
        });
        // No Node.js provider framework and no AwsCustomResource: every function of the baseline runs Java.
        resources.forEach(r -> {
            if (r.path("Type").asText().equals("AWS::Lambda::Function")) {
                assertTrue(r.at("/Properties/Runtime").asText().startsWith("java"), r.toString());
            }
        });
        assertFalse(resources.toString().contains("Custom::AWS"), "no AwsCustomResource");
    }

    @Test
    void thePropertiesCarryTheShippedCatalogsPlacementsAndOperators() {
        var settings = only("Custom::SettingsSeed").path("Properties");
        assertEquals(JSON.valueToTree(Map.of("account", "333333333333", "region", "eu-west-1")),
                settings.path("siloPlacement"));
        assertTrue(settings.path("tierPlacements").isMissingNode());
        var operators = only("Custom::Operators").path("Properties").path("operators");
        assertEquals(JSON.valueToTree(List.of(Map.of("email", "ops@example.com", "role", "SystemAdmin"))), operators);
    }

    @Test
    void eachResourceWaitsForItsRolesPolicy() {
        var bootstrap = baseline.bootstrap();
        for (var seed : List.of(bootstrap.settingsSeed().orElseThrow(), bootstrap.operatorsSeed().orElseThrow())) {
            var resource = resources.path(TenantServicesTest.logicalId(baseline, seed.resource()));
            var policy = TenantServicesTest.logicalId(baseline, seed.role().getNode().findChild("DefaultPolicy"));
            assertTrue(resource.path("DependsOn").toString().contains(policy), resource.toString());
        }
    }

    @Test
    void theSettingsSeedMayOnlyPutItemsIntoSettings() {
        var seed = baseline.bootstrap().settingsSeed().orElseThrow();
        var statements = statements(TenantServicesTest.logicalId(baseline, seed.role()));
        var settingsTable = TenantServicesTest.logicalId(baseline, baseline.settings().table());
        var put = statements.stream().filter(s -> s.path("Action").asText().equals("dynamodb:PutItem")).toList();
        assertEquals(1, put.size(), statements.toString());
        assertEquals(settingsTable, put.get(0).at("/Resource/Fn::GetAtt/0").asText());
        var actions = statements.stream().flatMap(s -> actions(s).stream()).filter(a -> !a.startsWith("logs:")
                && !a.startsWith("xray:")).sorted().toList();
        assertEquals(List.of("dynamodb:PutItem", "kms:Decrypt"), actions);
    }

    @Test
    void theOperatorsSeedMayCreateAndGroupOperatorsButNeverDeleteOrDisableOne() {
        var seed = baseline.bootstrap().operatorsSeed().orElseThrow();
        var statements = statements(TenantServicesTest.logicalId(baseline, seed.role()));
        var pool = TenantServicesTest.logicalId(baseline, baseline.operationsUsers().userPool());
        var cognito = statements.stream().filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("cognito-idp:")))
                .toList();
        assertEquals(1, cognito.size(), statements.toString());
        assertEquals(List.of("cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminCreateUser",
                "cognito-idp:AdminGetUser", "cognito-idp:CreateGroup"), actions(cognito.get(0)).stream().sorted().toList());
        assertEquals(pool, cognito.get(0).at("/Resource/Fn::GetAtt/0").asText());
        var all = statements.stream().flatMap(s -> actions(s).stream()).filter(a -> !a.startsWith("logs:")
                && !a.startsWith("xray:")).toList();
        assertEquals(4, all.size(), all.toString());
    }

    @Test
    void propertiesAreDeterministicAndChangeWithTheCatalogValues() {
        var placements = new FleetSettings(new AwsEnv("333333333333", "eu-west-1"), Optional.of(2),
                Map.of(Tier.BASIC, new AwsEnv("222222222222", "us-east-1")));
        var same = new FleetSettings(new AwsEnv("333333333333", "eu-west-1"), Optional.of(2),
                Map.of(Tier.BASIC, new AwsEnv("222222222222", "us-east-1")));
        assertEquals(Map.of("siloPlacement", Map.of("account", "333333333333", "region", "eu-west-1", "wave", "2"),
                "tierPlacements", Map.of("BASIC", Map.of("account", "222222222222", "region", "us-east-1"))),
                BootstrapResources.settingsProperties(placements));
        assertEquals(BootstrapResources.settingsProperties(placements), BootstrapResources.settingsProperties(same));
        assertNotEquals(BootstrapResources.settingsProperties(placements), BootstrapResources.settingsProperties(
                new FleetSettings(new AwsEnv("333333333333", "us-west-2"), Optional.of(2), Map.of())));
        var one = List.of(new OperatorEntry("ops@example.com", "SystemAdmin"));
        assertEquals(BootstrapResources.operatorsProperties(one), BootstrapResources.operatorsProperties(List.copyOf(one)));
        assertNotEquals(BootstrapResources.operatorsProperties(one), BootstrapResources.operatorsProperties(List.of(
                new OperatorEntry("ops@example.com", "CustomerSupport"))));
    }

    private List<JsonNode> statements(String roleLogicalId) {
        var found = new ArrayList<JsonNode>();
        resources.forEach(r -> {
            if (r.path("Type").asText().equals("AWS::IAM::Policy")
                    && r.at("/Properties/Roles").toString().contains("\"" + roleLogicalId + "\"")) {
                r.at("/Properties/PolicyDocument/Statement").forEach(found::add);
            }
        });
        return found;
    }

    private static List<String> actions(JsonNode statement) {
        var action = statement.path("Action");
        var list = new ArrayList<String>();
        if (action.isArray()) {
            action.forEach(a -> list.add(a.asText()));
        } else {
            list.add(action.asText());
        }
        return list;
    }
}
