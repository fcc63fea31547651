package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.s3.Bucket;

/** cdk-nag's AwsSolutions and Serverless packs report no unsuppressed error on any fleet stack. */
class FleetComplianceTest {

    /** Every stack of the shipped fleet's app: pipelines, their stages' stacks and their support stacks. */
    static Stream<Stack> fleetStacks() {
        var app = PipelineFleet.shipped().pipelines.get(0).getNode().getRoot();
        var stacks = app.getNode().findAll().stream()
                .filter(Stack.class::isInstance)
                .map(Stack.class::cast)
                .toList();
        assertTrue(stacks.size() >= 8, "pipeline + 7 fleet stacks at least: " + stacks.size());
        return stacks.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fleetStacks")
    void noUnsuppressedNagErrors(Stack stack) {
        var errors = Annotations.fromStack(stack)
                .findError("*", Match.stringLikeRegexp("(AwsSolutions|Serverless)-.*"));
        assertEquals("", errors.stream().map(m -> m.getId() + ": " + m.getEntry().getData())
                .collect(Collectors.joining("\n")));
    }

    @Test
    void fleetChecksReportAViolationTheFleetWouldHave() {
        // The packs must really run: a bare bucket that allows plain HTTP has to be reported as an error.
        var app = new App();
        var stack = new Stack(app, "Probe");
        new Bucket(stack, "Bare");
        FleetChecks.applyTo(app);
        var errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-S10.*"));
        assertFalse(errors.isEmpty(), "AwsSolutions-S10 (SSL not required) reported");
    }
}
