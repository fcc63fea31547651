package stages;

/**
 * The AWS limits a fleet pipeline must stay within, and the capacities derived from them. {@link #DEFAULT}
 * holds the real limits; tests pass small ones to exercise sharding and overflow without thousands of tenants.
 *
 * @param maxActionsPerStage    CodePipeline actions allowed in one stage (= one wave)
 * @param maxStagesPerPipeline  CodePipeline stages allowed in one pipeline, reserved ones included
 * @param templateBudgetBytes   bytes the pipeline's CloudFormation template may use, safety margin taken off
 * @param templateBaseBytes     template bytes of a pipeline without any stack stage
 * @param templateBytesPerStack template bytes each stack stage adds
 */
public record WaveLimits(int maxActionsPerStage, int maxStagesPerPipeline, long templateBudgetBytes,
                         long templateBaseBytes, long templateBytesPerStack) {

    /** CodePipeline quota "actions per stage" (not adjustable; AWS CodePipeline user guide, Quotas). */
    public static final int CODEPIPELINE_MAX_ACTIONS_PER_STAGE = 50;
    /** CodePipeline quota "stages per pipeline" (not adjustable; same page). */
    public static final int CODEPIPELINE_MAX_STAGES_PER_PIPELINE = 50;
    /**
     * CDK Pipelines adds Source, Build (synth), UpdatePipeline (self-mutation) and Assets before any wave; the fleet
     * adds Preflight (clearing stacks stuck in ROLLBACK_COMPLETE) before the first and Offboard after the last one.
     */
    public static final int RESERVED_STAGES = 6;
    /** A stack stage is two CloudFormation actions: change-set create (Prepare) and execute (Deploy). */
    public static final int ACTIONS_PER_STACK = 2;
    /**
     * The canary wave's post steps before later waves run: ActivateCanaries (canary tenants onboarded in this
     * release get their admin user and API key before they are probed), the validation (a CodeBuild step) and the
     * optional manual approval ({@code pipeline.approveAfterCanary}), reserved whether the catalog asks for it or not,
     * so that turning it on never reshapes the plan: 23 canary stacks, (50 - 3) / 2.
     */
    public static final int CANARY_VALIDATION_ACTIONS = 3;
    /**
     * Every pipeline but the canary pipeline waits for the fleet canary's validation before its first tenant wave.
     * The planner keeps room for that step either way it is built: one action free in every wave of those pipelines
     * (a pre step of the first wave) and one stage (a wave of its own).
     */
    public static final int CANARY_GATE_ACTIONS = 1;
    /** See {@link #CANARY_GATE_ACTIONS}. */
    public static final int CANARY_GATE_STAGES = 1;
    /** CloudFormation's template size limit (1 MB, template uploaded through S3), rounded down to 10^6. */
    public static final long CLOUDFORMATION_TEMPLATE_MAX_BYTES = 1_000_000;
    /** Headroom for what the measurement did not have: longer tenant ids, more asset actions, CDK upgrades. */
    public static final int TEMPLATE_SAFETY_MARGIN_PERCENT = 10;
    /**
     * Pipeline template of a bare CDK Pipelines app (aws-cdk-lib 2.263.0, PipelineType.V2, crossAccountKeys,
     * CodeConnections source, one ShellStep synth, an empty Canary wave with its validation ShellStep), measured
     * by synthesizing it on 2026-11: 27,417 bytes; plus the fleet's offboarding (its function, table, key, rollout
     * and CodeBuild step: 22,947 bytes of resources in the synthesized template) and its stage: 51,000, rounded up.
     */
    public static final long MEASURED_PIPELINE_BASE_BYTES = 51_000;
    /**
     * Growth per tenant stage of the pipeline template: ~3.3 KB measured with the fleet's stacks
     * (../shared/TOOLCHAIN.md). A one-queue stack measured 2.1 to 2.2 KB in the same synth as the base, so 3.3 KB
     * is the upper of the two measurements.
     */
    public static final long MEASURED_BYTES_PER_STACK = 3_300;

    public static final WaveLimits DEFAULT = new WaveLimits(CODEPIPELINE_MAX_ACTIONS_PER_STAGE,
            CODEPIPELINE_MAX_STAGES_PER_PIPELINE,
            CLOUDFORMATION_TEMPLATE_MAX_BYTES * (100 - TEMPLATE_SAFETY_MARGIN_PERCENT) / 100,
            MEASURED_PIPELINE_BASE_BYTES, MEASURED_BYTES_PER_STACK);

    public WaveLimits {
        if (maxActionsPerStage < ACTIONS_PER_STACK + CANARY_VALIDATION_ACTIONS) {
            throw new IllegalArgumentException("WaveLimits: maxActionsPerStage must allow one canary stack and its"
                    + " validation (>= " + (ACTIONS_PER_STACK + CANARY_VALIDATION_ACTIONS) + "), got "
                    + maxActionsPerStage);
        }
        if (maxStagesPerPipeline < RESERVED_STAGES + 3) {
            throw new IllegalArgumentException("WaveLimits: maxStagesPerPipeline must leave room for Baseline,"
                    + " Canary and one wave after the " + RESERVED_STAGES + " reserved stages, got "
                    + maxStagesPerPipeline);
        }
        if (templateBaseBytes < 0 || templateBytesPerStack < 1
                || templateBudgetBytes < templateBaseBytes + 3 * templateBytesPerStack) {
            throw new IllegalArgumentException("WaveLimits: templateBudgetBytes " + templateBudgetBytes
                    + " must hold the base " + templateBaseBytes + " plus at least 3 stacks of "
                    + templateBytesPerStack);
        }
    }

    /** Stacks in a regular wave of the canary pipeline: 25 under the real limits. */
    public int maxStacksPerWave() {
        return maxActionsPerStage / ACTIONS_PER_STACK;
    }

    /** Stacks in a canary wave, whose activation, validation and approval steps take actions too: 23 under the real limits. */
    public int maxCanaryStacks() {
        return (maxActionsPerStage - CANARY_VALIDATION_ACTIONS) / ACTIONS_PER_STACK;
    }

    /**
     * Stacks in a wave of a pipeline other than the canary pipeline: one action is kept free in each of its waves
     * for the step that makes the pipeline wait for the fleet canary's validation ({@link #CANARY_GATE_ACTIONS}),
     * whichever wave comes first: 24 under the real limits.
     */
    public int maxStacksPerGatedWave() {
        return (maxActionsPerStage - CANARY_GATE_ACTIONS) / ACTIONS_PER_STACK;
    }

    /** Stacks per regular wave in the canary pipeline ({@code true}) or in any other pipeline. */
    public int maxStacksPerWave(boolean canaryPipeline) {
        return canaryPipeline ? maxStacksPerWave() : maxStacksPerGatedWave();
    }

    /** CodePipeline stages left for waves (Baseline and Canary included): 44 under the real limits. */
    public int maxWavesPerPipeline() {
        return maxStagesPerPipeline - RESERVED_STAGES;
    }

    /**
     * Regular (tenant) waves a pipeline may have: 43 in the canary pipeline (after Baseline and Canary), 44 in the
     * others (one stage kept for the canary gate, {@link #CANARY_GATE_STAGES}).
     */
    public int maxRegularWaves(boolean canaryPipeline) {
        return maxWavesPerPipeline() - (canaryPipeline ? 2 : CANARY_GATE_STAGES);
    }

    /** Stacks one pipeline template can deploy within the byte budget. */
    public int maxStacksByTemplate() {
        return (int) ((templateBudgetBytes - templateBaseBytes) / templateBytesPerStack);
    }

    /** Estimated pipeline template size for {@code stacks} stack stages. */
    public long templateBytes(int stacks) {
        return templateBaseBytes + stacks * templateBytesPerStack;
    }

    /**
     * Stacks one pipeline may hold, all limits together, if every regular wave were full. Waves are filled by hash
     * ({@link PipelineWaves}), so they are not full: {@link WavePlanner} also checks each pipeline's actual wave count
     * against {@link #maxRegularWaves(boolean)} and splits a pipeline whose waves would not fit.
     *
     * @param canaryPipeline true for the first pipeline, which also spends stages on Baseline and Canary
     */
    public int maxStacksPerPipeline(boolean canaryPipeline) {
        int byStages = canaryPipeline
                ? 1 + maxCanaryStacks() + maxRegularWaves(true) * maxStacksPerWave()
                : maxRegularWaves(false) * maxStacksPerGatedWave();
        return Math.min(byStages, maxStacksByTemplate());
    }
}
