package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * cdk-nag's AwsSolutions and Serverless packs report no unsuppressed error on any fleet stack. Each stack shape of
 * the fleet (pipeline, CodePipeline support stack, baseline, each pooled tier, silo tenant) is checked here on the
 * shipped fleet; ShardedFleetTest checks the pipeline stacks of a sharded fleet.
 */
class FleetComplianceTest {

    /** Every stack of the shipped fleet's app: pipelines, their stages' stacks and their support stacks. */
    static Stream<Stack> fleetStacks() {
        var app = PipelineFleet.shipped().app;
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
        assertEquals("", String.join("\n", PipelineFleet.nagErrors(stack)));
    }

    /**
     * What {@code cdk synth} prints: every rule pack warning is fixed or suppressed with its reason (docs/SECURITY.md
     * "cdk-nag suppressions"), so a new warning is a decision still to make, not noise a reviewer learns to skip.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fleetStacks")
    void noNagWarningIsLeftWithoutADecision(Stack stack) {
        assertEquals("", String.join("\n", PipelineFleet.nagWarnings(stack)));
    }

    @Test
    void fleetChecksReportAViolationTheFleetWouldHave() {
        // The packs must really run, and nagErrors must see what they report, on a stack of the app as on a stack
        // in a stage: a bare bucket that allows plain HTTP has to come back as an AwsSolutions-S10 error.
        var app = new App();
        var stack = new Stack(app, "Probe");
        new Bucket(stack, "Bare");
        new UserPool(stack, "NoMfa");
        FleetChecks.applyTo(app);
        var stage = new Stage(app, "ProbeStage");
        var staged = new Stack(stage, "StagedProbe");
        new Bucket(staged, "Bare");
        new UserPool(staged, "NoMfa");
        FleetChecks.applyTo(stage);
        for (var probe : List.of(stack, staged)) {
            List<String> errors = PipelineFleet.nagErrors(probe);
            assertTrue(errors.stream().anyMatch(e -> e.contains("AwsSolutions-S10")),
                    probe.getStackName() + ": AwsSolutions-S10 reported: " + errors);
            // A warning-level finding (a user pool without MFA) reaches nagWarnings the same way.
            List<String> warnings = PipelineFleet.nagWarnings(probe);
            assertTrue(warnings.stream().anyMatch(w -> w.contains("AwsSolutions-COG2")),
                    probe.getStackName() + ": AwsSolutions-COG2 reported: " + warnings);
        }
    }
}
