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
 * @param maxAccountsPerRegion  target accounts one pipeline may deploy to in one region ({@link
 *                              #MAX_ACCOUNTS_PER_REGION}: its artifact or replication bucket names each one)
 */
public record WaveLimits(int maxActionsPerStage, int maxStagesPerPipeline, long templateBudgetBytes,
                         long templateBaseBytes, long templateBytesPerStack, int maxAccountsPerRegion) {

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

    /** "Bucket policies are limited to 20 KB in size" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html). */
    public static final long S3_BUCKET_POLICY_MAX_BYTES = 20_480;
    /**
     * A template passed in the request, as the CDK CLI passes CodePipeline's cross-region support stacks (they have no
     * bootstrap bucket to upload to: aws-cdk #27196): 51,200 bytes ("Template body size in a request",
     * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
     */
    public static final long CLOUDFORMATION_TEMPLATE_BODY_MAX_BYTES = 51_200;
    /**
     * How the policies that name each target account grow (aws-cdk-lib 2.263.0, measured by SupportStackSizeTest on
     * pipelines deploying to 1 and 3 accounts of a region, policies as compact JSON, template as YAML, which the CLI
     * sends): the pipeline's artifact bucket policy names every account of the pipeline's own region (1,417 bytes with
     * one, +372 per account); each other region's replication bucket (in CodePipeline's support stack for that region)
     * names that region's accounts (741 with one, +406 each), and the support stack's template grows with them (4,469
     * bytes of YAML with one, +1,003 each). Rounded up.
     */
    public static final long ARTIFACT_BUCKET_POLICY_ONE_ACCOUNT_BYTES = 1_450;
    public static final long ARTIFACT_BUCKET_POLICY_BYTES_PER_ACCOUNT = 380;
    public static final long REPLICATION_BUCKET_POLICY_ONE_ACCOUNT_BYTES = 760;
    public static final long REPLICATION_BUCKET_POLICY_BYTES_PER_ACCOUNT = 410;
    public static final long SUPPORT_TEMPLATE_ONE_ACCOUNT_BYTES = 4_500;
    public static final long SUPPORT_TEMPLATE_BYTES_PER_ACCOUNT = 1_010;
    /**
     * Target accounts one pipeline may deploy to in one region: the fewest that any of the three fills to 90% of its
     * limit (the same margin as the template budget): 42 (the support stack's template body; the replication bucket
     * policy allows 44, the artifact bucket policy 45). The planner splits a pipeline that would deploy to more.
     */
    public static final int MAX_ACCOUNTS_PER_REGION = (int) Math.min(
            withinMargin(S3_BUCKET_POLICY_MAX_BYTES, ARTIFACT_BUCKET_POLICY_ONE_ACCOUNT_BYTES,
                    ARTIFACT_BUCKET_POLICY_BYTES_PER_ACCOUNT),
            Math.min(withinMargin(S3_BUCKET_POLICY_MAX_BYTES, REPLICATION_BUCKET_POLICY_ONE_ACCOUNT_BYTES,
                            REPLICATION_BUCKET_POLICY_BYTES_PER_ACCOUNT),
                    withinMargin(CLOUDFORMATION_TEMPLATE_BODY_MAX_BYTES, SUPPORT_TEMPLATE_ONE_ACCOUNT_BYTES,
                            SUPPORT_TEMPLATE_BYTES_PER_ACCOUNT)));

    public static final WaveLimits DEFAULT = new WaveLimits(CODEPIPELINE_MAX_ACTIONS_PER_STAGE,
            CODEPIPELINE_MAX_STAGES_PER_PIPELINE,
            CLOUDFORMATION_TEMPLATE_MAX_BYTES * (100 - TEMPLATE_SAFETY_MARGIN_PERCENT) / 100,
            MEASURED_PIPELINE_BASE_BYTES, MEASURED_BYTES_PER_STACK, MAX_ACCOUNTS_PER_REGION);

    /** Limits with the real {@link #MAX_ACCOUNTS_PER_REGION}: for tests that shrink only the stage and template limits. */
    public WaveLimits(int maxActionsPerStage, int maxStagesPerPipeline, long templateBudgetBytes,
                      long templateBaseBytes, long templateBytesPerStack) {
        this(maxActionsPerStage, maxStagesPerPipeline, templateBudgetBytes, templateBaseBytes, templateBytesPerStack,
                MAX_ACCOUNTS_PER_REGION);
    }

    /** Accounts for which {@code oneAccount + (n - 1) * perAccount} stays within 90% of {@code limit}. */
    static long withinMargin(long limit, long oneAccount, long perAccount) {
        return 1 + (limit * (100 - TEMPLATE_SAFETY_MARGIN_PERCENT) / 100 - oneAccount) / perAccount;
    }

    public WaveLimits {
        if (maxAccountsPerRegion < 1) {
            throw new IllegalArgumentException("WaveLimits: maxAccountsPerRegion must be at least 1, got "
                    + maxAccountsPerRegion);
        }
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
