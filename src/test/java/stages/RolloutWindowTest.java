package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * Every rollout gives its alarms time to act: CodeDeploy rolls a Lambda deployment back only on an alarm that is in
 * ALARM while the deployment runs, so each deployment group's first traffic step must last at least as long as its
 * slowest alarm needs to see that step (period × evaluation periods, plus {@link RolloutPolicy#ALARM_DATA_DELAY}).
 * All-at-once has no step at all. Checked on every deployment group of the shipped fleet: baseline, pooled tiers,
 * silo stacks and the pipeline's own (the offboarder).
 */
class RolloutWindowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The predefined Lambda configs' names carry their first interval
     * (https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html):
     * LambdaCanary10Percent5Minutes, LambdaLinear10PercentEvery1Minute, LambdaAllAtOnce.
     */
    private static final Pattern PREDEFINED =
            Pattern.compile("CodeDeployDefault\\.Lambda(?:Canary|Linear)\\d+Percent(?:Every)?(\\d+)Minutes?");

    record Group(String name, JsonNode resources, JsonNode group) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Group> deploymentGroups() {
        var fleet = SynthesizedFleet.shipped();
        var stacks = new ArrayList<Stack>();
        stacks.add(fleet.stacks.baseline());
        stacks.addAll(fleet.stacks.pooledTiers());
        stacks.addAll(fleet.stacks.siloTenants());
        stacks.addAll(PipelineFleet.shipped().pipelines);
        var groups = new ArrayList<Group>();
        for (var stack : stacks) {
            JsonNode resources = JSON.valueToTree(Template.fromStack(stack).toJSON()).get("Resources");
            resources.fields().forEachRemaining(e -> {
                if (e.getValue().get("Type").asText().equals("AWS::CodeDeploy::DeploymentGroup")) {
                    groups.add(new Group(stack.getStackName() + " " + e.getKey(), resources, e.getValue()));
                }
            });
        }
        return groups.stream();
    }

    /** Minutes of the first traffic step of a predefined Lambda config; empty for all-at-once (no step). */
    static Optional<Integer> firstIntervalMinutes(String configName) {
        var matcher = PREDEFINED.matcher(configName);
        return matcher.matches() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    @Test
    void theFleetHasDeploymentGroupsOfEveryKind() {
        var names = deploymentGroups().map(Group::name).toList();
        for (var stack : List.of("saas-baseline ", "saas-pooled-basic ", "saas-silo-acme ", "saas-fleet ")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(stack)), stack + " in " + names);
        }
    }

    @Test
    void firstIntervalsAreReadFromThePredefinedNames() {
        assertEquals(Optional.of(5), firstIntervalMinutes("CodeDeployDefault.LambdaCanary10Percent5Minutes"));
        assertEquals(Optional.of(1), firstIntervalMinutes("CodeDeployDefault.LambdaLinear10PercentEvery1Minute"));
        assertEquals(Optional.of(3), firstIntervalMinutes("CodeDeployDefault.LambdaLinear10PercentEvery3Minutes"));
        assertFalse(firstIntervalMinutes("CodeDeployDefault.LambdaAllAtOnce").isPresent());
    }

    @ParameterizedTest
    @MethodSource("deploymentGroups")
    void firstTrafficStepLastsAsLongAsItsAlarmsNeedToJudgeIt(Group group) {
        var properties = group.group().get("Properties");
        var config = properties.get("DeploymentConfigName").asText();
        var interval = firstIntervalMinutes(config);
        assertTrue(interval.isPresent(), group + ": " + config + " shifts all traffic before any alarm is read");
        var alarms = properties.get("AlarmConfiguration").get("Alarms");
        assertTrue(alarms.size() > 0, group + " has no rollout alarm");
        long slowest = 0;
        for (var alarm : alarms) {
            var resource = group.resources().get(alarm.get("Name").get("Ref").asText());
            var alarmProps = resource.get("Properties");
            var period = alarmProps.has("Period") ? alarmProps.get("Period").asLong() : 60;
            slowest = Math.max(slowest, period * alarmProps.get("EvaluationPeriods").asLong());
        }
        long needed = slowest + RolloutPolicy.ALARM_DATA_DELAY.toSeconds().longValue();
        assertTrue(interval.get() * 60L >= needed, group + ": " + config + " holds its first step "
                + interval.get() + " min, its alarms need " + needed + " s");
    }
}
