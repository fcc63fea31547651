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

/** Metering in the baseline (stages.Metering): tables, schedules, routes and what each function may touch. */
class MeteringTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SynthesizedFleet fleet = SynthesizedFleet.shipped();
    private final BaselineStack baseline = fleet.stacks.baseline();
    private final Template template = fleet.template(baseline);
    private final JsonNode resources = JSON.valueToTree(template.toJSON()).get("Resources");

    private String id(software.constructs.IConstruct construct) {
        return TenantServicesTest.logicalId(baseline, construct);
    }

    @Test
    void usageAndCostTablesAreKeyedByTenantAndDayEncryptedRetainedAndRecovered() {
        var metering = baseline.metering();
        for (var table : List.of(metering.usage(), metering.cost())) {
            var resource = resources.get(id(table.table()));
            assertEquals("Retain", resource.path("DeletionPolicy").asText());
            assertEquals("[{\"AttributeName\":\"tenantId\",\"KeyType\":\"HASH\"},"
                    + "{\"AttributeName\":\"day\",\"KeyType\":\"RANGE\"}]", resource.at("/Properties/KeySchema").toString());
            assertTrue(resource.at("/Properties/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled")
                    .asBoolean());
            var key = baseline.getNode().findChild("DataKey").getNode().findChild("Key");
            assertEquals(id(key), resource.at("/Properties/SSESpecification/KMSMasterKeyId/Fn::GetAtt/0").asText(),
                    "the baseline's data key");
        }
    }

    @Test
    void dailySchedulesRunTheJavaUsageCollectorAndCostAllocatorAndTheWatchEveryQuarterHour() {
        var metering = baseline.metering();
        var expected = Map.of(
                id(metering.usageSchedule()), List.of("cron(0 1 * * ? *)", id(metering.usageCollector().alias())),
                id(metering.costSchedule()), List.of("cron(0 6 * * ? *)", id(metering.costAllocator().alias())),
                id(metering.watchSchedule()), List.of("rate(15 minutes)", id(metering.onboardingWatch().alias())));
        expected.forEach((rule, what) -> {
            var properties = resources.get(rule).get("Properties");
            assertEquals(what.get(0), properties.path("ScheduleExpression").asText());
            var target = properties.at("/Targets/0/Arn/Ref").asText();
            assertEquals(what.get(1), target);
            var function = resources.get(resources.get(target).at("/Properties/FunctionName/Ref").asText());
            assertTrue(function.at("/Properties/Runtime").asText().startsWith("java"), function.toString());
        });
        for (var fn : List.of(metering.usageCollector(), metering.costAllocator(), metering.onboardingWatch(),
                metering.meteringApi())) {
            assertTrue(resources.get(id(fn.function())).at("/Properties/Runtime").asText().startsWith("java"));
        }
        assertEquals(Metering.USAGE_COLLECTOR_HANDLER, resources.get(id(metering.usageCollector().function()))
                .at("/Properties/Handler").asText());
        assertEquals(Metering.COST_ALLOCATOR_HANDLER, resources.get(id(metering.costAllocator().function()))
                .at("/Properties/Handler").asText());
        assertEquals(Metering.ONBOARDING_WATCH_HANDLER, resources.get(id(metering.onboardingWatch().function()))
                .at("/Properties/Handler").asText());
        assertEquals(Metering.METERING_HANDLER, resources.get(id(metering.meteringApi().function()))
                .at("/Properties/Handler").asText());
    }

    @Test
    void eachMeteringFunctionGetsTheVariablesItsCodeReadsAndNoOther() {
        var metering = baseline.metering();
        var expected = Map.of(
                metering.usageCollector(), List.of("FLEET_NAME", "TENANT_DETAILS_TABLE", "TENANT_USAGE_TABLE"),
                metering.costAllocator(), List.of("COST_TAG_KEY", "FLEET_NAME", "POOLED_TIER_STACKS",
                        "TENANT_COST_TABLE", "TENANT_DETAILS_TABLE", "TENANT_USAGE_TABLE", "TIER_TAG_KEY"),
                metering.onboardingWatch(), List.of("FLEET_NAME", "REGISTRATIONS_TABLE", "STUCK_AFTER_MINUTES"),
                metering.meteringApi(), List.of("FLEET_NAME", "TENANT_COST_TABLE", "TENANT_USAGE_TABLE"));
        var telemetry = List.of("POWERTOOLS_LOG_LEVEL", "POWERTOOLS_METRICS_NAMESPACE", "POWERTOOLS_SERVICE_NAME",
                "TIER");
        expected.forEach((fn, names) -> {
            var variables = resources.get(id(fn.function())).at("/Properties/Environment/Variables");
            var set = new java.util.TreeSet<String>();
            variables.fieldNames().forEachRemaining(set::add);
            set.removeAll(telemetry);
            assertEquals(new java.util.TreeSet<>(names), set, fn.getNode().getPath());
        });
        var watch = resources.get(id(metering.onboardingWatch().function())).at("/Properties/Environment/Variables");
        assertEquals("30", watch.path("STUCK_AFTER_MINUTES").asText());
        var allocator = resources.get(id(metering.costAllocator().function())).at("/Properties/Environment/Variables");
        assertEquals("TenantId", allocator.path("COST_TAG_KEY").asText());
        assertEquals("Tier", allocator.path("TIER_TAG_KEY").asText());
    }

    @Test
    void usageAndCostRoutesGoThroughTheAdminAuthorizerToTheMeteringFunction() {
        var alias = id(baseline.metering().meteringApi().alias());
        var methods = new ArrayList<JsonNode>();
        resources.forEach(r -> {
            if (r.path("Type").asText().equals("AWS::ApiGateway::Method") && r.toString().contains(alias)) {
                methods.add(r.get("Properties"));
            }
        });
        assertEquals(2, methods.size());
        var paths = new ArrayList<String>();
        for (var method : methods) {
            assertEquals("GET", method.path("HttpMethod").asText());
            assertEquals("CUSTOM", method.path("AuthorizationType").asText());
            paths.add(resources.get(method.at("/ResourceId/Ref").asText()).at("/Properties/PathPart").asText());
        }
        assertEquals(List.of("cost", "usage"), paths.stream().sorted().toList());
    }

    @Test
    void onlyTheCostAllocatorMayCallCostExplorerAndOnlyGetCostAndUsage() {
        var policies = JSON.valueToTree(template.findResources("AWS::IAM::Policy")).toString();
        assertEquals(1, policies.split("\"ce:").length - 1, "one Cost Explorer action in the baseline");
        var allocator = baseline.metering().costAllocator().role();
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", id(allocator))),
                // On '*' beside the X-Ray calls: @aws-cdk/aws-iam:minimizePolicies (cdk.json) merges statements
                // with the same resources; the count above keeps it the only Cost Explorer action.
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Action", Match.arrayWith(List.of("ce:GetCostAndUsage")), "Effect", "Allow",
                        "Resource", "*"))))))));
    }

    @Test
    void theUsageCollectorHasAFixedRoleNameTheTierAndSiloAccessRolesTrust() {
        var collector = resources.get(id(baseline.metering().usageCollector().role()));
        assertEquals("saas-baseline-UsageCollector-us-east-1", collector.at("/Properties/RoleName").asText());
        for (var stack : List.of((software.amazon.awscdk.Stack) fleet.stacks.pooledTiers().get(0),
                fleet.stacks.siloTenants().get(0))) {
            var roles = JSON.valueToTree(fleet.template(stack).findResources("AWS::IAM::Role")).toString();
            assertTrue(roles.contains(":role/saas-baseline-UsageCollector-us-east-1"), stack.getStackName());
        }
    }

    @Test
    void theAccessRoleReadsItsOwnUsagePlansUsageOnly() {
        var tier = fleet.stacks.pooledTiers().get(0);
        var plan = TenantServicesTest.logicalId(tier, tier.services().api().usagePlan());
        var policies = JSON.valueToTree(fleet.template(tier).findResources("AWS::IAM::Policy")).toString();
        assertTrue(policies.contains("/usageplans/\",{\"Ref\":\"" + plan + "\"},\"/usage\""), policies);
    }

    @Test
    void theFleetAlarmsWatchStuckRegistrationsAndTheDailyMeteringRuns() {
        var alarms = baseline.monitoring().alarms().stream().map(a -> a.getNode().getId()).sorted().toList();
        assertEquals(List.of("CostAllocatorErrors", "RegistrationsStuck", "UsageCollectorErrors"), alarms);
        var stuck = resources.get(id(baseline.monitoring().alarms().stream()
                .filter(a -> a.getNode().getId().equals("RegistrationsStuck")).findFirst().orElseThrow()));
        assertEquals("RegistrationsStuck", stuck.at("/Properties/MetricName").asText());
        assertEquals("SaaSFleet/saas", stuck.at("/Properties/Namespace").asText());
        assertEquals(1, stuck.at("/Properties/Threshold").asInt());
        assertEquals("GreaterThanOrEqualToThreshold", stuck.at("/Properties/ComparisonOperator").asText());
        assertEquals("[{\"Name\":\"Service\",\"Value\":\"onboarding-watch\"},{\"Name\":\"Tier\",\"Value\":\"CONTROL_PLANE\"}]",
                stuck.at("/Properties/Dimensions").toString());
    }

    @Test
    void aCostExplorerRoleInTheManagementAccountIsAssumedOnlyWhenTheContextNamesIt() {
        var shipped = resources.get(id(baseline.metering().costAllocator().function()))
                .at("/Properties/Environment/Variables");
        assertTrue(shipped.path("COST_EXPLORER_ROLE_ARN").isMissingNode(), shipped.toString());
        var arn = "arn:aws:iam::999999999999:role/cost-reader";
        var app = new software.amazon.awscdk.App(software.amazon.awscdk.AppProps.builder()
                .context(Map.of("costExplorerRoleArn", arn)).build());
        var named = FleetStacks.baseline(app, PipelineFleet.shippedCatalog(), PipelineFleet.FUNCTIONS, List.of("saas-fleet"));
        var namedTemplate = Template.fromStack(named);
        namedTemplate.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Metering.COST_ALLOCATOR_HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of("COST_EXPLORER_ROLE_ARN", arn))))));
        namedTemplate.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Action", "sts:AssumeRole", "Effect", "Allow", "Resource", arn))))))));
        var bad = new software.amazon.awscdk.App(software.amazon.awscdk.AppProps.builder()
                .context(Map.of("costExplorerRoleArn", "cost-reader")).build());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () ->
                FleetStacks.baseline(bad, PipelineFleet.shippedCatalog(), PipelineFleet.FUNCTIONS, List.of("saas-fleet")));
        assertTrue(e.getMessage().startsWith("Context costExplorerRoleArn: must be an IAM role ARN"), e.getMessage());
    }
}
