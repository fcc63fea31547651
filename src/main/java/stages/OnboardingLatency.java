package stages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long a new silo tenant takes from its TenantStackMapping record to ACTIVE, computed on a {@link FleetPlan}
 * from stated per-step durations (issue #15: goal 30 minutes in a 700-tenant fleet), by the pipeline
 * ({@link #forNewSiloTenant}) and by the onboarding fast lane ({@link #fastLane}), which meets the goal.
 *
 * <p>The path (README, "How the fleet rolls"): the record starts every pipeline; the new tenant's pipeline
 * synthesizes, finds its own structure changed (one new stage), updates itself and, as CDK Pipelines sets
 * {@code restartExecutionOnUpdate} on the pipeline (aws-cdk-lib 2.263.0 {@code pipelines/lib/codepipeline/
 * codepipeline.js}; CloudFormation {@code AWS::CodePipeline::Pipeline.RestartExecutionOnUpdate}), starts over:
 * source and synth again, an unchanged UpdatePipeline, Assets. Then the fleet canary: the canary pipeline runs
 * Baseline, Canary and its validation; any other pipeline waits for that validation, which the canary pipeline
 * (unchanged, no restart) reaches on its own clock. Then every regular wave of the tenant's pipeline in order (only
 * the tenant's wave does work; the others' change sets are empty), and ActivateSilos in the last stage.
 *
 * <pre>
 * T = trigger + 2 (source + synth(n)) + selfMutation(changed) + selfMutation(unchanged) + assets
 *     + [canary pipeline: 2 emptyWave + validation | other: max(0, canaryValidated - reached)]
 *     + (W - 1) emptyWave + createSiloStack + activate
 * synth(n) = codeBuildStart + installAndBuild + n * synthPerStack
 * </pre>
 * with n the fleet's stacks (every pipeline synthesizes the whole app) and W the regular waves of the tenant's
 * pipeline. The durations are the constants below; those marked assumption were not measured (no AWS account here).
 */
public final class OnboardingLatency {

    /** DynamoDB stream to the trigger function to StartPipelineExecution; no batching window is set. Assumption. */
    public static final Duration TRIGGER = Duration.ofSeconds(30);
    /** CodeConnections source action. Assumption. */
    public static final Duration SOURCE = Duration.ofSeconds(30);
    /** Queue and provisioning of an on-demand MEDIUM CodeBuild container, per CodeBuild action. Assumption. */
    public static final Duration CODEBUILD_START = Duration.ofSeconds(60);
    /** {@code npm ci} and the Maven build: 93 s measured for a clean clone incl. a 3-tenant synth (TOOLCHAIN.md). */
    public static final Duration INSTALL_AND_BUILD = Duration.ofSeconds(90);
    /** Synth time per fleet stack: 150 tenants in 89 s on 2 cores (bench/README.md), about 0.6 s a stack. */
    public static final Duration SYNTH_PER_STACK = Duration.ofMillis(600);
    /** {@code cdk deploy} of a pipeline stack with one stage added (CloudFormation update). Assumption. */
    public static final Duration SELF_MUTATION_CHANGED = Duration.ofMinutes(2);
    /** {@code cdk deploy} of an unchanged pipeline stack (no changes found). Assumption. */
    public static final Duration SELF_MUTATION_UNCHANGED = Duration.ofSeconds(45);
    /** Assets stage: one CodeBuild action (publishAssetsInParallel false), unchanged assets skipped. Assumption. */
    public static final Duration ASSETS = Duration.ofSeconds(60);
    /** A wave whose stacks are unchanged: change set create (no changes) and execute, in parallel. Assumption. */
    public static final Duration EMPTY_WAVE = Duration.ofSeconds(90);
    /**
     * First create of a silo tenant stack (Cognito pool, tables, functions and aliases, API and WAF); CodeDeploy
     * shifts no traffic on a create, as there is no previous version. Assumption.
     */
    public static final Duration CREATE_SILO_STACK = Duration.ofMinutes(8);
    /** The validation step's own checks, besides its CodeBuild start and bake. Assumption. */
    public static final Duration VALIDATION_CHECKS = Duration.ofSeconds(30);
    /** ActivateSilos' calls for one pipeline's silo tenants (most are already ACTIVE and left alone). Assumption. */
    public static final Duration ACTIVATE = Duration.ofSeconds(30);

    /**
     * The fast lane's look-up of the released revision (ListPipelineExecutions, ListActionExecutions) and the
     * download and unzip of its source artifact from the pipeline's artifact bucket. Assumption.
     */
    public static final Duration SOURCE_DOWNLOAD = Duration.ofSeconds(15);
    /**
     * The fast lane's synth of one stack ({@code onlyTenant}): JVM and jsii start, the catalog table's scan (700
     * records, a page or two), planning and one stack; a 1-tenant app synthesizes in 5.3 s here (TOOLCHAIN.md).
     * Assumption.
     */
    public static final Duration ONE_STACK_SYNTH = Duration.ofSeconds(30);
    /** The fast lane's DescribeStacks through the tenant account's lookup role (stack not there yet). Assumption. */
    public static final Duration STACK_CHECK = Duration.ofSeconds(10);
    /** {@code cdk deploy}'s upload of the stack's assets (the functions jar, ~29 MB) and template. Assumption. */
    public static final Duration PUBLISH_ASSETS = Duration.ofSeconds(30);

    /** One step on the tenant's path and its duration. */
    public record Step(String name, Duration duration) {
    }

    /**
     * @param pipeline  the pipeline that deploys the tenant
     * @param wave      its wave
     * @param steps     the path in order, gate wait included
     * @param deployed  when its stack is created
     * @param active    when ActivateSilos has run, i.e. the tenant is ACTIVE
     */
    public record Estimate(String pipeline, String wave, List<Step> steps, Duration deployed, Duration active) {
        public Estimate {
            steps = List.copyOf(steps);
        }
    }

    private OnboardingLatency() {
    }

    static Duration synth(int fleetStacks) {
        return CODEBUILD_START.plus(INSTALL_AND_BUILD).plus(SYNTH_PER_STACK.multipliedBy(fleetStacks));
    }

    /** The canary validation step: CodeBuild start, bake ({@link FleetPipelineStack#CANARY_BAKE}) and checks. */
    static Duration validation() {
        return CODEBUILD_START.plus(Duration.ofSeconds(FleetPipelineStack.CANARY_BAKE.toSeconds().longValue()))
                .plus(VALIDATION_CHECKS);
    }

    /**
     * @param plan     the plan with the new tenant in it
     * @param tenantId the new silo tenant
     */
    public static Estimate forNewSiloTenant(FleetPlan plan, String tenantId) {
        Objects.requireNonNull(plan, "OnboardingLatency: plan is required");
        String pipelineName = plan.pipelineOf(tenantId).orElseThrow(() -> new IllegalArgumentException(
                "OnboardingLatency: tenant " + tenantId + " is not in the plan"));
        PipelinePlan pipeline = plan.pipelines().stream().filter(p -> p.name().equals(pipelineName)).findFirst()
                .orElseThrow();
        int fleetStacks = plan.pipelines().stream().mapToInt(PipelinePlan::stackCount).sum();
        Duration synth = synth(fleetStacks);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("trigger", TRIGGER));
        steps.add(new Step("source", SOURCE));
        steps.add(new Step("synth (" + fleetStacks + " stacks)", synth));
        steps.add(new Step("UpdatePipeline (changed, restarts the execution)", CODEBUILD_START.plus(
                SELF_MUTATION_CHANGED)));
        steps.add(new Step("source", SOURCE));
        steps.add(new Step("synth (" + fleetStacks + " stacks)", synth));
        steps.add(new Step("UpdatePipeline (unchanged)", CODEBUILD_START.plus(SELF_MUTATION_UNCHANGED)));
        steps.add(new Step("Assets", CODEBUILD_START.plus(ASSETS)));
        boolean canaryPipeline = pipeline.name().equals(plan.canaryPipeline().name());
        String wave = null;
        Duration deployed = null;
        for (Wave w : pipeline.waves()) {
            if (!canaryPipeline && w == pipeline.waves().get(0)) {
                steps.add(new Step("wait for the fleet canary's validation", gateWait(sum(steps), fleetStacks)));
            }
            if (w.canary()) {
                steps.add(new Step(w.name() + " (unchanged)", EMPTY_WAVE));
                steps.add(new Step("ValidateCanary", validation()));
            } else if (w.stacks().stream().anyMatch(s -> tenantId.equals(s.tenantId()))) {
                wave = w.name();
                steps.add(new Step(w.name() + " (creates the tenant's stack)", CREATE_SILO_STACK));
                deployed = sum(steps);
            } else {
                steps.add(new Step(w.name() + " (unchanged)", EMPTY_WAVE));
            }
        }
        if (wave == null) {
            throw new IllegalArgumentException("OnboardingLatency: " + tenantId + " is a canary; its wave is Canary");
        }
        steps.add(new Step("Offboard / ActivateSilos", CODEBUILD_START.plus(ACTIVATE)));
        return new Estimate(pipelineName, wave, steps, deployed, sum(steps));
    }

    /**
     * The onboarding fast lane (README "Onboarding latency", {@link OnboardProject}): the trigger starts the onboard
     * build beside the pipelines, which creates the tenant's stack from the released revision and activates the
     * tenant; the tenant's pipeline later adopts the stack. Independent of the fleet's size and of the tenant's wave:
     *
     * <pre>
     * T = trigger + codeBuildStart + sourceDownload + installAndBuild + oneStackSynth + stackCheck
     *     + publishAssets + createSiloStack + activate
     * </pre>
     *
     * @param plan     the plan with the new tenant in it (its pipeline and wave: where the stack is adopted)
     * @param tenantId the new silo tenant
     */
    public static Estimate fastLane(FleetPlan plan, String tenantId) {
        Objects.requireNonNull(plan, "OnboardingLatency: plan is required");
        String pipelineName = plan.pipelineOf(tenantId).orElseThrow(() -> new IllegalArgumentException(
                "OnboardingLatency: tenant " + tenantId + " is not in the plan"));
        String wave = plan.pipelines().stream().filter(p -> p.name().equals(pipelineName))
                .flatMap(p -> p.waves().stream())
                .filter(w -> w.stacks().stream().anyMatch(s -> tenantId.equals(s.tenantId())))
                .map(Wave::name).findFirst().orElseThrow();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("trigger (StartBuild of the onboard project)", TRIGGER));
        steps.add(new Step("CodeBuild start", CODEBUILD_START));
        steps.add(new Step("released revision and its source", SOURCE_DOWNLOAD));
        steps.add(new Step("npm ci and build", INSTALL_AND_BUILD));
        steps.add(new Step("synth (1 stack)", ONE_STACK_SYNTH));
        steps.add(new Step("stack check", STACK_CHECK));
        steps.add(new Step("cdk deploy: assets", PUBLISH_ASSETS));
        steps.add(new Step("cdk deploy: creates the tenant's stack", CREATE_SILO_STACK));
        Duration deployed = sum(steps);
        steps.add(new Step("activate", ACTIVATE));
        return new Estimate(pipelineName, wave, steps, deployed, sum(steps));
    }

    /** How long a pipeline that reached its first wave at {@code reached} waits for the canary pipeline. */
    private static Duration gateWait(Duration reached, int fleetStacks) {
        Duration canaryValidated = TRIGGER.plus(SOURCE).plus(synth(fleetStacks))
                .plus(CODEBUILD_START.plus(SELF_MUTATION_UNCHANGED)).plus(CODEBUILD_START.plus(ASSETS))
                .plus(EMPTY_WAVE.multipliedBy(2)).plus(validation());
        Duration wait = canaryValidated.minus(reached);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static Duration sum(List<Step> steps) {
        return steps.stream().map(Step::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
