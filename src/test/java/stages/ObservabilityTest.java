package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.Stack;

/**
 * What an operator sees of the shipped fleet (issue #17): dashboards, Contributor Insights rules, alarms on encrypted
 * topics, budgets, and the variables every function reads its service, namespace, level and tier from.
 */
class ObservabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The service names of the issue #17 contract. */
    private static final Set<String> SERVICES = Set.of("tenant-authorizer", "admin-authorizer", "product", "order",
            "registration", "tenant-admin", "tenant-users", "operators", "tenant-access", "pipeline-trigger",
            "offboarder", "usage-collector", "cost-allocator", "onboarding-watch", "metering-api", "probe-tenants",
            "settings-seed", "operators-seed");

    private final SynthesizedFleet fleet = SynthesizedFleet.shipped();

    private JsonNode resources(Stack stack) {
        return JSON.valueToTree(fleet.template(stack).toJSON()).get("Resources");
    }

    private static List<JsonNode> ofType(JsonNode resources, String type) {
        var found = new ArrayList<JsonNode>();
        resources.forEach(r -> {
            if (r.get("Type").asText().equals(type)) {
                found.add(r);
            }
        });
        return found;
    }

    static Stream<Stack> fleetStacks() {
        return FleetComplianceTest.fleetStacks();
    }

    private static Stream<Stack> tenantStacks(SynthesizedFleet fleet) {
        return Stream.concat(fleet.stacks.pooledTiers().stream(), fleet.stacks.siloTenants().stream());
    }

    @Test
    void theBaselineEachPooledTierAndEachSiloTenantHaveADashboard() {
        Stream.concat(Stream.of((Stack) fleet.stacks.baseline()), tenantStacks(fleet)).forEach(stack ->
                fleet.template(stack).resourceCountIs("AWS::CloudWatch::Dashboard", 1));
        var tierBody = JSON.valueToTree(fleet.template(fleet.stacks.pooledTiers().get(0))
                .findResources("AWS::CloudWatch::Dashboard")).toString();
        assertTrue(tierBody.contains("insightRule"), "the tier dashboard shows its Contributor Insights rules");
        var fleetBody = JSON.valueToTree(fleet.template(fleet.stacks.baseline())
                .findResources("AWS::CloudWatch::Dashboard")).toString();
        for (var metric : List.of("RegistrationStarted", "RegistrationVerified", "RegistrationCompleted",
                "RegistrationFailed", "ProvisioningTime", "SiloTimeToActive", "RegistrationsStuck", "PipelineStarts",
                "OffboardedStacks", "OffboardFailures", "Tier=\\\\\\\"BASIC\\\\\\\"")) {
            assertTrue(fleetBody.contains(metric), metric + " on the fleet dashboard: " + fleetBody);
        }
    }

    @Test
    void everyPooledTierRanksItsTenantsByRequestsThrottlesAndLatencyFromItsAccessLog() {
        for (var tier : fleet.stacks.pooledTiers()) {
            var resources = resources(tier);
            var rules = ofType(resources, "AWS::CloudWatch::InsightRule");
            assertTrue(rules.size() >= 3, tier.getStackName() + ": " + rules.size());
            var accessLogs = TenantServicesTest.logicalId(tier, tier.services().api().accessLogs());
            var bodies = rules.stream().map(r -> r.at("/Properties/RuleBody").toString()).toList();
            bodies.forEach(body -> {
                assertTrue(body.contains(accessLogs), "reads the tier API's access log: " + body);
                assertTrue(body.contains("CloudWatchLogRule") && body.contains("$.tenantId"), body);
            });
            assertTrue(bodies.stream().anyMatch(b -> b.contains("429")), "one rule counts 429s: " + bodies);
            assertTrue(bodies.stream().anyMatch(b -> b.contains("$.responseLatency")), "one sums latency");
            rules.forEach(r -> assertEquals("ENABLED", r.at("/Properties/RuleState").asText()));
        }
        tenantStacks(fleet).filter(s -> s instanceof SiloTenantStack).forEach(silo ->
                fleet.template(silo).resourceCountIs("AWS::CloudWatch::InsightRule", 0));
    }

    @Test
    void theAccessLogCarriesTheAuthorizersTenantTheUsageKeyAndTheNumbersTheRulesRead() {
        var stages = ofType(resources(fleet.stacks.pooledTiers().get(0)), "AWS::ApiGateway::Stage");
        assertEquals(1, stages.size());
        var format = stages.get(0).at("/Properties/AccessLogSetting/Format").asText();
        for (var field : List.of("\"tenantId\":\"$context.authorizer.tenantId\"",
                "\"apiKeyId\":\"$context.identity.apiKeyId\"", "\"status\":$context.status,",
                "\"responseLatency\":$context.responseLatency,", "\"resourcePath\":\"$context.resourcePath\"",
                "\"httpMethod\":\"$context.httpMethod\"", "\"requestId\":\"$context.requestId\"",
                "\"errorType\":\"$context.error.responseType\"", "\"apiId\":\"$context.apiId\"")) {
            assertTrue(format.contains(field), field + " in the access log format: " + format);
        }
        // One JSON object per line once API Gateway fills the variables in.
        assertTrue(format.startsWith("{") && format.endsWith("}"), format);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fleetStacks")
    void everyAlarmNotifiesATopicEncryptedWithAKmsKey(Stack stack) {
        var resources = JSON.valueToTree(fleet.template(stack).toJSON()).path("Resources");
        resources.forEach(resource -> {
            if (!resource.path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                return;
            }
            var actions = resource.at("/Properties/AlarmActions");
            assertTrue(actions.size() > 0, "alarm without action: " + resource);
            for (var action : actions) {
                var topic = resources.path(action.path("Ref").asText());
                assertEquals("AWS::SNS::Topic", topic.path("Type").asText(), action.toString());
                assertFalse(topic.at("/Properties/KmsMasterKeyId").isMissingNode(), topic.toString());
            }
        });
    }

    @Test
    void cloudWatchMayUseEachTopicsKeyAndBudgetsOnlyWhereABudgetNotifies() {
        Stream.concat(Stream.of((Stack) fleet.stacks.baseline()), tenantStacks(fleet)).forEach(stack -> {
            var keys = JSON.valueToTree(fleet.template(stack).findResources("AWS::KMS::Key")).toString();
            assertTrue(keys.contains("cloudwatch.amazonaws.com"), stack.getStackName());
            var budgets = fleet.template(stack).findResources("AWS::Budgets::Budget").size();
            assertEquals(budgets > 0, keys.contains("budgets.amazonaws.com"), stack.getStackName());
        });
    }

    @Test
    void aSiloTenantWithAMonthlyBudgetGetsOneFilteredByItsTagAndTheOthersNone() {
        for (var silo : fleet.stacks.siloTenants()) {
            var budgets = ofType(resources(silo), "AWS::Budgets::Budget");
            if (!silo.getStackName().equals("saas-silo-globex")) {
                assertEquals(0, budgets.size(), silo.getStackName());
                continue;
            }
            assertEquals(1, budgets.size());
            var budget = budgets.get(0).get("Properties");
            assertEquals("COST", budget.at("/Budget/BudgetType").asText());
            assertEquals("MONTHLY", budget.at("/Budget/TimeUnit").asText());
            assertEquals(500, budget.at("/Budget/BudgetLimit/Amount").asInt());
            assertEquals("USD", budget.at("/Budget/BudgetLimit/Unit").asText());
            assertEquals("[\"user:TenantId$globex\"]", budget.at("/Budget/CostFilters/TagKeyValue").toString());
            var topic = TenantServicesTest.logicalId(silo, constructs.Telemetry.of(silo).alarmTopic());
            var notifications = new ArrayList<String>();
            budget.get("NotificationsWithSubscribers").forEach(n -> {
                notifications.add(n.at("/Notification/NotificationType").asText() + " "
                        + n.at("/Notification/Threshold").asInt() + " "
                        + n.at("/Notification/ThresholdType").asText());
                assertEquals(topic, n.at("/Subscribers/0/Address/Ref").asText(), n.toString());
                assertEquals("SNS", n.at("/Subscribers/0/SubscriptionType").asText());
            });
            assertEquals(List.of("ACTUAL 80 PERCENTAGE", "FORECASTED 100 PERCENTAGE"), notifications);
            var topicPolicy = JSON.valueToTree(fleet.template(silo).findResources("AWS::SNS::TopicPolicy")).toString();
            assertTrue(topicPolicy.contains("budgets.amazonaws.com"), "Budgets may publish to the topic");
        }
    }

    @Test
    void everySiloResourceThatTakesTagsCarriesTheTenantAndTier() {
        for (var silo : fleet.stacks.siloTenants()) {
            var tenantId = silo.getStackName().substring("saas-silo-".length());
            resources(silo).fields().forEachRemaining(e -> {
                var tags = e.getValue().at("/Properties/Tags");
                if (!tags.isArray()) {
                    return; // untaggable, or tags as a map (none here)
                }
                var text = tags.toString();
                assertTrue(text.contains("{\"Key\":\"TenantId\",\"Value\":\"" + tenantId + "\"}")
                        && text.contains("{\"Key\":\"Tier\",\"Value\":\"PLATINUM\"}"), e.getKey() + ": " + text);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fleetStacks")
    void everyFunctionReadsTheContractsServiceNamespaceLevelAndTierAndIsTraced(Stack stack) {
        var resources = JSON.valueToTree(fleet.template(stack).toJSON()).path("Resources");
        resources.forEach(resource -> {
            if (!resource.path("Type").asText().equals("AWS::Lambda::Function")) {
                return;
            }
            var variables = resource.at("/Properties/Environment/Variables");
            var where = stack.getStackName() + " " + resource.at("/Properties/Handler").asText();
            assertTrue(SERVICES.contains(variables.path("POWERTOOLS_SERVICE_NAME").asText()), where);
            assertEquals("SaaSFleet/saas", variables.path("POWERTOOLS_METRICS_NAMESPACE").asText(), where);
            assertEquals("INFO", variables.path("POWERTOOLS_LOG_LEVEL").asText(), where);
            assertEquals("Active", resource.at("/Properties/TracingConfig/Mode").asText(), where);
            var expectedTier = stack instanceof PooledTierStack
                    ? stack.getStackName().substring("saas-pooled-".length()).toUpperCase(java.util.Locale.ROOT)
                    : stack instanceof SiloTenantStack ? "PLATINUM" : "CONTROL_PLANE";
            assertEquals(expectedTier, variables.path("TIER").asText(), where);
            if (stack instanceof SiloTenantStack) {
                assertEquals(stack.getStackName().substring("saas-silo-".length()),
                        variables.path("TENANT_ID").asText(), where);
            } else {
                assertTrue(variables.path("TENANT_ID").isMissingNode(), where);
            }
        });
    }

    @Test
    void eachServiceNameIsOneFunctionsInItsStack() {
        tenantStacks(fleet).forEach(stack -> {
            var names = new ArrayList<String>();
            resources(stack).forEach(r -> {
                if (r.path("Type").asText().equals("AWS::Lambda::Function")) {
                    names.add(r.at("/Properties/Environment/Variables/POWERTOOLS_SERVICE_NAME").asText());
                }
            });
            assertEquals(List.of("order", "product", "tenant-authorizer"), names.stream().sorted().toList(),
                    stack.getStackName());
        });
    }

    @Test
    void eachTenantApiAlarmsOnServerErrorsLatencyThrottlesAndFunctionErrors() {
        tenantStacks(fleet).forEach(stack -> {
            var alarms = ((stack instanceof PooledTierStack p) ? p.services() : ((SiloTenantStack) stack).services())
                    .alarms().alarms();
            var metrics = alarms.stream().map(a -> a.getNode().getId()).sorted().toList();
            assertEquals(List.of("ApiThrottles", "FunctionErrors", "FunctionThrottles", "P99Latency",
                    "ServerErrorRate"), metrics, stack.getStackName());
        });
        var five = JSON.valueToTree(fleet.template(fleet.stacks.siloTenants().get(0)).findResources(
                "AWS::CloudWatch::Alarm")).toString();
        assertTrue(five.contains("\"MetricName\":\"5XXError\"") && five.contains("\"Namespace\":\"AWS/ApiGateway\""),
                five);
        assertTrue(five.contains("\"ExtendedStatistic\":\"p99\""), five);
        assertTrue(five.contains("\"MetricName\":\"ApiThrottles\""), five);
        var filters = JSON.valueToTree(fleet.template(fleet.stacks.siloTenants().get(0)).findResources(
                "AWS::Logs::MetricFilter")).toString();
        assertTrue(filters.contains("{ $.status = 429 }") && filters.contains("$.apiId"), filters);
    }

    @Test
    void tenantApisAreNamedForTheirStackSoTheirMetricsNeverMix() {
        var names = new ArrayList<String>();
        Stream.concat(Stream.of((Stack) fleet.stacks.baseline()), tenantStacks(fleet)).forEach(stack ->
                ofType(resources(stack), "AWS::ApiGateway::RestApi").forEach(api ->
                        names.add(api.at("/Properties/Name").asText())));
        assertEquals(names.size(), Set.copyOf(names).size(), names.toString());
        assertTrue(names.contains("saas-pooled-basic-Api"), names.toString());
    }
}
