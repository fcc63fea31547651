package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import constructs.ServiceFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * What judges each rollout (docs/OPERATIONS.md): every CodeDeploy deployment group's alarms are on what callers of the
 * version being rolled out see: for an API function its own ServerErrors and Latency plus Lambda's Errors and
 * Throttles, for an authorizer (whose every rejected token is a Lambda Error) its ServerErrors, Latency and
 * Throttles alone; each named by the number of the version the alias is shifted to.
 */
class RolloutAlarmsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The shipped fleet's namespace (issue #17 contract: SaaSFleet/<fleetName>). */
    private static final String OWN = "SaaSFleet/saas";
    private static final String LAMBDA = "AWS/Lambda";

    /** One expected alarm: the metric and the dimension that names the version. */
    record Watched(String namespace, String metric, String statistic, String versionDimension) {
        static Watched own(String metric, String statistic) {
            return new Watched(OWN, metric, statistic, "Version");
        }

        static Watched lambda(String metric, String statistic) {
            return new Watched(LAMBDA, metric, statistic, "ExecutedVersion");
        }
    }

    private static final List<Watched> API = List.of(Watched.own("ServerErrors", "Sum"),
            Watched.own("Latency", "p99"), Watched.lambda("Errors", "Sum"), Watched.lambda("Throttles", "Sum"));
    private static final List<Watched> AUTHORIZER = List.of(Watched.own("ServerErrors", "Sum"),
            Watched.own("Latency", "p99"), Watched.lambda("Throttles", "Sum"));
    private static final List<Watched> INVOCATION = List.of(Watched.lambda("Errors", "Sum"),
            Watched.lambda("Throttles", "Sum"), Watched.lambda("Duration", "p99"));

    record Rolled(String name, Stack stack, ServiceFunction function, List<Watched> watched) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rolled> rolledFunctions() {
        var fleet = SynthesizedFleet.shipped().stacks;
        var rolled = new ArrayList<Rolled>();
        Stream.concat(fleet.pooledTiers().stream().map(s -> Map.entry((Stack) s, s.services())),
                fleet.siloTenants().stream().map(s -> Map.entry((Stack) s, s.services()))).forEach(e -> {
                    var name = e.getKey().getStackName();
                    rolled.add(new Rolled(name + " Products", e.getKey(), e.getValue().productFunction(), API));
                    rolled.add(new Rolled(name + " Orders", e.getKey(), e.getValue().orderFunction(), API));
                    rolled.add(new Rolled(name + " Authorizer", e.getKey(), e.getValue().authorizer(), AUTHORIZER));
                });
        var baseline = fleet.baseline();
        var plane = baseline.controlPlane();
        rolled.add(new Rolled("baseline AdminAuthorizer", baseline, baseline.adminAuthorizer(), AUTHORIZER));
        for (var fn : List.of(plane.registration(), plane.tenantAdmin(), plane.tenantUsers(), plane.operators())) {
            rolled.add(new Rolled("baseline " + fn.getNode().getId(), baseline, fn, API));
        }
        rolled.add(new Rolled("baseline OnboardingTrigger", baseline, baseline.onboardingTrigger().function(),
                INVOCATION));
        return rolled.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rolledFunctions")
    void eachDeploymentGroupAlarmsOnWhatCallersOfTheNewVersionSee(Rolled rolled) {
        var template = SynthesizedFleet.shipped().template(rolled.stack());
        var stack = rolled.stack();
        var rollout = rolled.function().canaryRollout();
        var resources = JSON.valueToTree(template.toJSON()).path("Resources");

        var group = resources.path(logicalId(stack, rollout.deploymentGroup()));
        var alarmRefs = new ArrayList<String>();
        group.at("/Properties/AlarmConfiguration/Alarms").forEach(a -> alarmRefs.add(a.at("/Name/Ref").asText()));
        assertTrue(group.at("/Properties/AlarmConfiguration/Enabled").asBoolean(), group.toString());
        assertEquals(rollout.alarms().stream().map(a -> logicalId(stack, a)).toList(), alarmRefs);

        // The version the alias is shifted to (a version of this function) is the version every alarm names.
        var functionRef = JSON.valueToTree(Map.of("Ref", logicalId(stack, rolled.function().function())));
        var newVersion = resources.at("/" + logicalId(stack, rolled.function().alias())
                + "/Properties/FunctionVersion");
        var version = resources.path(newVersion.at("/Fn::GetAtt/0").asText());
        assertEquals("Version", newVersion.at("/Fn::GetAtt/1").asText(), newVersion.toString());
        assertEquals("AWS::Lambda::Version", version.path("Type").asText(), newVersion.toString());
        assertEquals(functionRef, version.at("/Properties/FunctionName"));

        var watched = new ArrayList<Watched>();
        for (var ref : alarmRefs) {
            var alarm = resources.path(ref).path("Properties");
            var statistic = alarm.has("ExtendedStatistic") ? alarm.path("ExtendedStatistic").asText()
                    : alarm.path("Statistic").asText();
            var namespace = alarm.path("Namespace").asText();
            var expected = namespace.equals(OWN) ? "Version" : "ExecutedVersion";
            watched.add(new Watched(namespace, alarm.path("MetricName").asText(), statistic, expected));
            assertEquals(newVersion, dimension(alarm, expected), ref);
            assertEquals(functionRef, dimension(alarm, "FunctionName"), ref);
            // The functions write exactly (FunctionName, Version); Lambda's per-version series add the alias.
            assertEquals(namespace.equals(OWN) ? 2 : 3, alarm.path("Dimensions").size(), ref);
            assertEquals("GreaterThanOrEqualToThreshold", alarm.path("ComparisonOperator").asText(), ref);
            assertEquals(60, alarm.path("Period").asInt(), ref);
            assertEquals("notBreaching", alarm.path("TreatMissingData").asText(), ref);
        }
        assertEquals(rolled.watched(), watched);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rolledFunctions")
    void everyRolledFunctionWritesItsMetricsToTheFleetNamespaceTheAlarmsRead(Rolled rolled) {
        var variables = JSON.valueToTree(SynthesizedFleet.shipped().template(rolled.stack()).toJSON())
                .at("/Resources/" + logicalId(rolled.stack(), rolled.function().function())
                        + "/Properties/Environment/Variables");
        assertEquals(OWN, variables.path("POWERTOOLS_METRICS_NAMESPACE").asText(), variables.toString());
    }

    /**
     * scripts/validate-canary.sh reads a canary stack's alarms by the names CloudFormation gives them
     * ({@code <stackName>-<logicalId>-<suffix>}): so every alarm of a tenant stack is one of its rollout alarms, and
     * none is named by hand (a hand-made name could be another stack's, or escape the rule).
     */
    @Test
    void theCanaryValidationReadsExactlyTheRolloutAlarms() {
        var fleet = SynthesizedFleet.shipped().stacks;
        Stream.concat(fleet.pooledTiers().stream().map(s -> Map.entry((Stack) s, s.services())),
                fleet.siloTenants().stream().map(s -> Map.entry((Stack) s, s.services()))).forEach(e -> {
                    var stack = e.getKey();
                    // The rollout alarms and the API's operational alarms (constructs.ServiceAlarms): the canary
                    // validation holds a canary whose API is failing, slow or throttled, not only a bad version.
                    var rolloutAlarms = Stream.concat(Stream.of(e.getValue().productFunction(),
                                            e.getValue().orderFunction(), e.getValue().authorizer())
                                    .flatMap(fn -> fn.canaryRollout().alarms().stream()),
                                    e.getValue().alarms().alarms().stream())
                            .map(a -> logicalId(stack, (software.constructs.IConstruct) a))
                            .sorted().toList();
                    var alarms = JSON.valueToTree(SynthesizedFleet.shipped().template(stack)
                            .findResources("AWS::CloudWatch::Alarm"));
                    var names = new ArrayList<String>();
                    alarms.fieldNames().forEachRemaining(names::add);
                    assertEquals(rolloutAlarms, names.stream().sorted().toList(), stack.getStackName());
                    alarms.forEach(a -> assertFalse(a.path("Properties").has("AlarmName"), a.toString()));
                });
    }

    /** The alarms name what the functions in the deployed jar write: one contract, read from both sides. */
    @Test
    void theAlarmsNameTheMetricsTheShippedFunctionsWrite() throws Exception {
        try (var loader = DeployedCode.loader(contract.Family.TENANT_API, null)) {
            var written = loader.loadClass("functions.shared.RequestMetrics");
            assertEquals(constructs.CanaryRollout.NAMESPACE_VARIABLE, written.getField("NAMESPACE").get(null));
            assertEquals(constructs.CanaryRollout.SERVER_ERRORS, written.getField("SERVER_ERRORS").get(null));
            assertEquals(constructs.CanaryRollout.LATENCY, written.getField("LATENCY").get(null));
            assertEquals(constructs.CanaryRollout.FUNCTION_NAME, written.getField("FUNCTION_NAME").get(null));
            assertEquals(constructs.CanaryRollout.VERSION, written.getField("VERSION").get(null));
        }
        assertEquals(OWN, constructs.Telemetry.NAMESPACE_PREFIX + StackNames.PREFIX);
    }

    private static JsonNode dimension(JsonNode alarm, String name) {
        for (var d : alarm.path("Dimensions")) {
            if (d.path("Name").asText().equals(name)) {
                return d.path("Value");
            }
        }
        throw new AssertionError("no dimension " + name + " in " + alarm);
    }

    private static String logicalId(Stack stack, IConstruct construct) {
        return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }
}
