package stages;

import constructs.BootstrapRoles;
import constructs.FunctionCode;
import contract.CdkBootstrap;
import contract.Handler;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import app.AwsEnv;
import app.FleetCatalog;
import app.PooledTierEntry;
import constructs.DataKey;
import constructs.StackOffboarder;
import constructs.Telemetry;
import constructs.TenantApi;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.BuildSpec;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.IBuildImage;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.amazon.awscdk.services.codedeploy.LambdaApplication;
import software.amazon.awscdk.services.codepipeline.CfnPipeline;
import software.amazon.awscdk.services.codepipeline.GlobalVariables;
import software.amazon.awscdk.services.codepipeline.PipelineType;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.pipelines.CodeBuildOptions;
import software.amazon.awscdk.pipelines.CodeBuildStep;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.pipelines.CodePipelineSource;
import software.amazon.awscdk.pipelines.ConnectionSourceOptions;
import software.amazon.awscdk.pipelines.ManualApprovalStep;
import software.amazon.awscdk.pipelines.Step;
import software.amazon.awscdk.pipelines.WaveOptions;
import software.constructs.Construct;

/**
 * One self-mutating CDK pipeline of the fleet: source from the catalog's CodeConnections repository, a synth
 * that reads the tenant catalog from TenantStackMapping, then the plan's waves in order, each stack in its own
 * stage in its own account and region, the canary wave closed by a validation step that watches the canary
 * stacks' alarms through a bake time.
 */
public final class FleetPipelineStack extends Stack {

    /** Pinned build image: Java 17 and Node 20 on a fixed CodeBuild standard image. */
    static final IBuildImage BUILD_IMAGE = LinuxBuildImage.STANDARD_7_0;
    private static final String SYNTH_DIR = "cdk.out";
    static final String OFFBOARD_WAVE = "Offboard";
    /** The canary wave's manual approval, when the catalog asks for one ({@code pipeline.approveAfterCanary}). */
    static final String APPROVAL_STEP = "ApproveRelease";
    /** How each pipeline handles a new execution while one runs (see the constructor). */
    static final String EXECUTION_MODE = "QUEUED";
    /** The stage before every wave that clears stacks stuck in ROLLBACK_COMPLETE. */
    static final String PREFLIGHT_WAVE = "Preflight";
    /** The stage that opens every pipeline but the fleet canary's: it waits for the canary's validation. */
    static final String FLEET_CANARY_GATE = "FleetCanaryGate";
    static final Duration CANARY_BAKE = Duration.minutes(10);
    /**
     * How long an execution waits at the start of its synth for this pipeline's older executions (a release takes
     * 1.5 to 2 hours, README; a queue of them more); the synth step's CodeBuild timeout is an hour longer.
     */
    static final Duration OLDER_EXECUTIONS_TIMEOUT = Duration.hours(6);
    /**
     * How long a pipeline's first tenant wave waits for the fleet canary's validation of the same commit: the canary
     * pipeline's own wait for its older executions, then its synth, self-mutation, assets, baseline and canary waves
     * and the bake, with room to spare.
     */
    static final Duration FLEET_CANARY_TIMEOUT = Duration.hours(8);
    /**
     * Most tenant stacks one offboarding run may delete. A catalog edit that drops more tenants at once fails the
     * run and deletes nothing: a mass offboarding is a deliberate change (raise this, merge, then lower it again).
     */
    static final int OFFBOARD_MAX_DELETIONS = 5;
    /**
     * The CDK CLI the self-mutation step installs: exactly package.json's {@code aws-cdk} (PipelineToolsTest checks),
     * so the pipeline mutates itself with the CLI the repository synthesizes with. Unpinned, CDK Pipelines installs
     * {@code aws-cdk@2}, whatever that is on the day: a new CLI release has broken every CDK pipeline at once before
     * (https://github.com/aws/aws-cdk/issues/33491, https://github.com/aws/aws-cdk/issues/32744). Bump it with
     * package.json (CDK's {@code cliVersion} doc: change the CLI first, let the pipeline mutate, then the library).
     */
    static final String CDK_CLI_VERSION = "2.1148.1";
    /**
     * The {@code cdk-assets} the asset publishing steps install (CodePipelineProps {@code cdkAssetsCliVersion};
     * @default {@code cdk-assets@latest}); an exact npm version, for the same reason.
     */
    static final String CDK_ASSETS_VERSION = "4.7.3";

    /**
     * @param catalog     the catalog the plan was made from (required)
     * @param plan        this pipeline's waves (required)
     * @param functionsDir   path of the functions jar (required)
     * @param pipelineNames every pipeline of the fleet (the baseline's trigger starts them all) (required)
     * @param rememberedAccounts accounts this pipeline's offboarder remembers from earlier runs, outside the catalog
     *                      maybe ({@code app.OffboarderMemory}); empty in the offline synth (required)
     */
    public record Props(FleetCatalog catalog, PipelinePlan plan, String functionsDir, List<String> pipelineNames,
                        SortedSet<String> rememberedAccounts) {
        public Props {
            Objects.requireNonNull(pipelineNames, "FleetPipelineStack: pipelineNames is required");
            rememberedAccounts = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(
                    rememberedAccounts, "FleetPipelineStack: rememberedAccounts is required")));
            Objects.requireNonNull(catalog, "FleetPipelineStack: catalog is required");
            Objects.requireNonNull(plan, "FleetPipelineStack: plan is required");
            Objects.requireNonNull(functionsDir, "FleetPipelineStack: functionsDir is required");
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private FleetCatalog catalog;
            private PipelinePlan plan;
            private String functionsDir;
            private List<String> pipelineNames;
            private SortedSet<String> rememberedAccounts;

            private Builder() {
            }

            public Builder catalog(FleetCatalog catalog) { this.catalog = catalog; return this; }
            public Builder plan(PipelinePlan plan) { this.plan = plan; return this; }
            public Builder functionsDir(String functionsDir) { this.functionsDir = functionsDir; return this; }
            public Builder pipelineNames(List<String> pipelineNames) {
                this.pipelineNames = pipelineNames;
                return this;
            }
            public Builder rememberedAccounts(SortedSet<String> rememberedAccounts) {
                this.rememberedAccounts = rememberedAccounts;
                return this;
            }

            public Props build() {
                return new Props(catalog, plan, functionsDir, pipelineNames, rememberedAccounts);
            }
        }
    }

    private final CodePipeline pipeline;
    private final StackOffboarder offboarder;

    public FleetPipelineStack(Construct scope, String id, Props props) {
        this(scope, id, props, FleetChecks.Coverage.EVERY_STACK);
    }

    /** @param checks whether the stacks in this pipeline's stages carry the rule packs ({@link FleetChecks}) */
    FleetPipelineStack(Construct scope, String id, Props props, FleetChecks.Coverage checks) {
        super(scope, id, StackProps.builder()
                .env(props.catalog().pipeline().env().toCdk())
                .stackName(props.plan().name())
                .description("SaaS fleet pipeline " + props.plan().name())
                .build());
        var fleet = props.catalog().fleetName();
        FleetTags.managed(this, fleet);
        var settings = props.catalog().pipeline();
        var source = CodePipelineSource.connection(settings.repository(), settings.branch(),
                ConnectionSourceOptions.builder().connectionArn(settings.connectionArn()).triggerOnPush(true).build());
        // First the wait for this pipeline's older executions (scripts/await-older-executions.sh): this execution's
        // self-mutation comes after the synth and would end a release still running in the later stages.
        var synth = CodeBuildStep.Builder.create("Synth")
                .input(source)
                .installCommands(List.of("npm ci"))
                .commands(List.of("bash scripts/await-older-executions.sh", "npx cdk synth -c tenantSource=dynamodb"))
                .env(new TreeMap<>(Map.of(
                        "PIPELINE_NAME", props.plan().name(),
                        "EXECUTION_ID", GlobalVariables.EXECUTION_ID,
                        "TIMEOUT_SECONDS", Long.toString(OLDER_EXECUTIONS_TIMEOUT.toSeconds().longValue()))))
                .timeout(OLDER_EXECUTIONS_TIMEOUT.plus(Duration.hours(1)))
                .primaryOutputDirectory(SYNTH_DIR)
                .partialBuildSpec(runtimeVersions())
                .rolePolicyStatements(Stream.concat(Stream.concat(
                        readCatalogTable(props.catalog(), "dynamodb:Scan", "dynamodb:DescribeTable").stream(),
                        readOffboarderMemory(props.catalog().pipeline().env(), fleet).stream()),
                        Stream.of(PolicyStatement.Builder.create()
                                .actions(List.of("codepipeline:ListPipelineExecutions"))
                                .resources(List.of(pipelineArn(settings.env(), props.plan().name())))
                                .build()))
                        .toList())
                .build();
        this.pipeline = CodePipeline.Builder.create(this, "Pipeline")
                .pipelineName(props.plan().name())
                .pipelineType(PipelineType.V2)
                .synth(synth)
                .selfMutation(true)
                .crossAccountKeys(true)
                // A support stack (replication bucket and key) per pipeline and region instead of one the fleet's
                // pipelines share: its bucket policy and template name only this pipeline's accounts there, which
                // WaveLimits#MAX_ACCOUNTS_PER_REGION bounds per pipeline (a shared one grew with every pipeline's).
                .reuseCrossRegionSupportStacks(false)
                .enableKeyRotation(true)
                .publishAssetsInParallel(false)
                .cliVersion(CDK_CLI_VERSION)
                .cdkAssetsCliVersion(CDK_ASSETS_VERSION)
                .codeBuildDefaults(CodeBuildOptions.builder()
                        .buildEnvironment(BuildEnvironment.builder()
                                .buildImage(BUILD_IMAGE).computeType(ComputeType.MEDIUM).build())
                        .partialBuildSpec(runtimeVersions())
                        .build())
                .build();
        // The pipeline's functions (the offboarder) report to the pipeline stack's own alarm topic.
        new Telemetry(this, Telemetry.Props.builder().fleet(fleet).tier(Telemetry.CONTROL_PLANE)
                .key(new DataKey(this, "AlarmKey", new DataKey.Props("Alarm topic of pipeline " + props.plan().name()))
                        .key())
                .build());
        this.offboarder = new StackOffboarder(this, "Offboarder", StackOffboarder.Props.builder()
                .code(new FunctionCode(this, props.functionsDir()).of(Handler.OFFBOARD))
                .bootstrapQualifier(BootstrapRoles.FLEET.qualifier())
                .maxDeletions(OFFBOARD_MAX_DELETIONS)
                .catalogTable(StackNames.tenantStackMappingTableName(fleet))
                .catalogRead(readCatalogTable(props.catalog(), "dynamodb:GetItem"))
                .deployments(new LambdaApplication(this, "Deployments"))
                .rollout(RolloutPolicy.CONTROL_PLANE)
                .fleetName(fleet)
                .accounts(offboarderAccounts(props.catalog(), props.rememberedAccounts()))
                .environmentsTable(StackNames.offboarderEnvironmentsTableName(props.plan().name()))
                .build());
        // Before any wave, in a stage of its own (WaveLimits reserves it): a planned stack a failed first create
        // left in ROLLBACK_COMPLETE would fail its wave on every run and block the waves after it for good.
        var preflight = new ArrayList<Step>(List.of(
                invokeOffboarder("ClearStuckStacks", "clear-stuck", source, synth, offboarder)));
        if (props.plan().name().equals(StackNames.pipelineName(fleet))) {
            // The first pipeline (it deploys the baseline) owns the others: it creates, updates and retires them.
            preflight.add(siblingPipelines(source, synth, props.pipelineNames(), fleet, props.catalog().pipeline().env(),
                    supportRegions(props.catalog())));
        }
        pipeline.addWave(PREFLIGHT_WAVE, WaveOptions.builder().post(preflight).build());
        var validationRoles = new ArrayList<Role>();
        var activateSilosRole = activateSilosRole(this, props.plan().name());
        var canaryPipeline = StackNames.pipelineName(fleet);
        // The gate is a stage of its own rather than a pre step of the first wave, whose 50 actions may all be taken
        // by its stacks; a pipeline other than the first has no Baseline wave, so WaveLimits' stage budget holds it.
        if (!props.plan().name().equals(canaryPipeline)) {
            pipeline.addWave(FLEET_CANARY_GATE, WaveOptions.builder()
                    .pre(List.of(fleetCanaryGate(source, canaryPipeline, settings.env(),
                            settings.approveAfterCanary() ? APPROVAL_STEP : "ValidateCanary")))
                    .build());
        }
        for (var wave : props.plan().waves()) {
            var pipelineWave = pipeline.addWave(wave.name());
            for (var planned : wave.stacks()) {
                pipelineWave.addStage(new TenantStage(this, planned.constructId(),
                        TenantStage.Props.builder().planned(planned).catalog(props.catalog())
                                .functionsDir(props.functionsDir()).pipelineNames(props.pipelineNames()).build(),
                        checks));
            }
            if (wave.canary()) {
                var role = canaryValidationRole(this, props.plan().name());
                var validation = canaryValidation(role, wave, props.catalog(), source);
                // A canary tenant onboarded in this release is activated (its admin user and API key) before the
                // validation probes it through its API; ActivateSilos at the end would come too late, and the
                // validation would fail every run before it. WaveLimits reserves the action.
                // The canary pooled tier's probe tenant is made (or found) by the same call, by its reserved id.
                var probeTenants = probedCanaries(wave, props.catalog()).stream()
                        .filter(s -> s.kind() == PlannedStack.Kind.POOLED_TIER)
                        .map(s -> StackNames.probeTenantId(s.tier())).toList();
                var activateCanaries = siloActivation("ActivateCanaries", wave.name(), probeTenants,
                        activateSilosRole, source, synth, props.plan().name(), props.catalog().baseline(), fleet);
                validation.addStepDependency(activateCanaries);
                pipelineWave.addPost(activateCanaries);
                pipelineWave.addPost(validation);
                validationRoles.add(role);
                if (settings.approveAfterCanary()) {
                    // After a healthy canary, a person approves the release before any later wave of any pipeline
                    // (the other pipelines' waves wait for this wave's outcome). WaveLimits reserves its action.
                    var approval = ManualApprovalStep.Builder.create(APPROVAL_STEP)
                            .comment("The fleet canary of this release passed its validation: approve to roll every"
                                    + " other tenant, reject to stop the release here")
                            .build();
                    approval.addStepDependency(validation);
                    pipelineWave.addPost(approval);
                }
            }
        }
        // Offboarding runs once the whole fleet has its new shape, in a stage of its own (a full last wave has no
        // action to spare); WaveLimits reserves that stage.
        var offboard = invokeOffboarder("Offboard", "offboard", source, synth, offboarder);
        var activateSilos = siloActivation("ActivateSilos", null, List.of(), activateSilosRole, source, synth, props.plan().name(),
                props.catalog().baseline(), fleet);
        // After Offboard, never beside it: a tenant moved to another account or region has its old stack deleted
        // by Offboard, and its activation must see the fleet as Offboard left it (a later run order in the stage).
        activateSilos.addStepDependency(offboard);
        pipeline.addWave(OFFBOARD_WAVE, WaveOptions.builder()
                .post(List.of(offboard, activateSilos))
                .build());
        // Built now rather than at synth, so the generated pipeline (and CodePipeline's cross-region support
        // stacks) exist for the compliance checks and for the suppressions below.
        pipeline.buildPipeline();
        // Executions "processed one by one in the order that they are queued"
        // (https://docs.aws.amazon.com/codepipeline/latest/userguide/concepts-how-it-works.html): an onboarding's
        // execution neither supersedes nor overtakes a running release, as SUPERSEDED (the default) lets it. Whether a
        // queued execution can reach its self-mutation while the previous one is still in its waves (which would end
        // that one Cancelled, API_PipelineExecution) is not documented: README says so. CDK Pipelines has no option.
        ((CfnPipeline) pipeline.getPipeline().getNode().getDefaultChild()).setExecutionMode(EXECUTION_MODE);
        if (props.plan().name().equals(StackNames.pipelineName(fleet))) {
            // The onboarding fast lane (README "Onboarding latency"): the project the onboarding trigger starts for each
            // new silo tenant, which creates its stack from this pipeline's last released revision.
            new OnboardProject(this, "Onboard", new OnboardProject.Props(props.catalog(), props.plan().name(),
                    pipeline.getPipeline().getArtifactBucket())).suppressFindings();
        }
        suppressGeneratedFindings(pipeline);
        // Tagged like every fleet stack, so that pipelines.sh finds a retired pipeline's support stacks by the tag.
        pipeline.getPipeline().getCrossRegionSupport().values().forEach(support ->
                FleetTags.managed(support.getStack(), fleet));
        suppressActivateSilosGrants(activateSilosRole, fleet);
        validationRoles.forEach(FleetPipelineStack::suppressValidateCanaryGrants);
    }

    private static void suppressValidateCanaryGrants(Role role) {
        suppressFixedNameStepRole(role, "the step itself may only assume the named lookup and probe roles",
                "ValidateCanary[0-9A-F]+>", List.of());
    }

    // After buildPipeline: CDK Pipelines adds its grants to the role's policy only then, and a suppression covers
    // the children that exist when it is added.
    private static void suppressActivateSilosGrants(Role activateSilosRole, String fleet) {
        suppressFixedNameStepRole(activateSilosRole, "the baseline stack's id ends in a CloudFormation-generated suffix "
                        + "(stack/" + StackNames.baselineStackName(fleet) + "/*); the internal route is named on any API "
                        + "id of the account (the baseline's API id is unknown to the pipeline stack) and any tenant "
                        + "id, POST only",
                // ActivateCanaries runs in the canary wave, whose name (and so its project's id) varies with the plan.
                "<Pipeline(OffboardActivateSilos|[A-Za-z0-9]*ActivateCanaries)[0-9A-F]+>", List.of(
                        RegexAppliesTo.builder().regex("/^Resource::arn:aws[a-z-]*:cloudformation:[a-z0-9-]+:[0-9]{12}:"
                                + "stack\\/" + StackNames.baselineStackName(fleet) + "\\/\\*$/g").build(),
                        RegexAppliesTo.builder().regex("/^Resource::arn:aws[a-z-]*:execute-api:[a-z0-9-]+:[0-9]{12}:"
                                + "\\*\\/prod\\/POST\\/internal\\/tenants\\/\\*\\/activate$/g").build()));
    }

    /**
     * The grants CDK Pipelines gives a step run as a role of ours (its CodeBuild project's own log and report groups
     * named after {@code projectPattern}, read access to the pipeline's artifacts and key), plus the step's own
     * wildcards ({@code more}, explained by {@code why}).
     */
    private static void suppressFixedNameStepRole(Role role, String why, String projectPattern, List<Object> more) {
        var appliesTo = new ArrayList<Object>(List.of("Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*",
                "Action::s3:GetBucket*", "Action::s3:GetObject*", "Action::s3:List*",
                RegexAppliesTo.builder().regex("/^Resource::<PipelineArtifactsBucket[0-9A-F]+\\.Arn>\\/\\*$/g").build(),
                // The partition is a literal under @aws-cdk/core:enablePartitionLiterals (cdk.json), a Ref without it.
                RegexAppliesTo.builder().regex("/^Resource::arn:(<AWS::Partition>|aws[a-z-]*):(codebuild|logs):.*"
                        + projectPattern + ".*$/g").build()));
        appliesTo.addAll(more);
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("CDK Pipelines grants the step's CodeBuild project its own log group and report groups and "
                        + "read access to the pipeline's artifact objects and key (GetObject*/GetBucket*/List*, KMS "
                        + "data-key families); " + why)
                .appliesTo(appliesTo)
                .build()), true);
    }

    private static void suppressGeneratedFindings(CodePipeline pipeline) {
        NagSuppressions.addResourceSuppressions(pipeline, List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("Grants generated by CDK Pipelines: object keys (/*) and the GetObject*/GetBucket*/"
                                + "List*/DeleteObject*/Abort* families on the pipeline's own artifact and replication "
                                + "buckets, KMS data-key families on its own key, its own CodeBuild log and report "
                                + "groups, the synth's kms:Decrypt of the catalog table's key (the baseline's, so named "
                                + "key/* but only via DynamoDB for that one table) and of the offboarder memory "
                                + "tables' keys (key/* via DynamoDB for those tables only), the CDK bootstrap roles the self-mutation assumes, and CodeBuild/X-Ray "
                                + "actions that support no resource-level permissions")
                        .build(),
                artifactBucketAccessLogs()), true);
        // CodePipeline adds a support stack per other region, with a replication bucket for the artifacts.
        pipeline.getPipeline().getCrossRegionSupport().values().forEach(support ->
                NagSuppressions.addResourceSuppressions(support.getReplicationBucket(),
                        List.of(artifactBucketAccessLogs()), true));
    }

    private static NagPackSuppression artifactBucketAccessLogs() {
        return NagPackSuppression.builder()
                .id("AwsSolutions-S1")
                .reason("Pipeline artifact buckets hold only transient, KMS-encrypted pipeline artifacts, are "
                        + "private and SSL-only; every access is by the pipeline's own roles")
                .build();
    }

    private static BuildSpec runtimeVersions() {
        return BuildSpec.fromObject(Map.of("phases", Map.of("install", Map.of("runtime-versions",
                new TreeMap<>(Map.of("java", "corretto17", "nodejs", "20"))))));
    }

    // Reading the catalog table and nothing else of the baseline: the table by name, and its customer-managed key
    // (created by the baseline stack, so unknown here) only through DynamoDB, only for that table.
    static List<PolicyStatement> readCatalogTable(FleetCatalog catalog, String... actions) {
        return readTables(catalog.baseline(), List.of(StackNames.tenantStackMappingTableName(catalog.fleetName())),
                actions);
    }

    /**
     * {@code actions} on the tables of {@code env} named (or patterned, {@code *}) by {@code tables}, and kms:Decrypt of
     * their customer-managed keys (created with the tables, so unknown here: {@code key/*}) only through DynamoDB,
     * only for those tables (DynamoDB's encryption context {@code aws:dynamodb:tableName}: StringEquals for names,
     * StringLike for patterns).
     */
    private static List<PolicyStatement> readTables(AwsEnv env, List<String> tables, String... actions) {
        boolean patterns = tables.stream().anyMatch(t -> t.contains("*"));
        Object tableCondition = tables.size() == 1 ? tables.get(0) : tables;
        var viaDynamoDb = Map.<String, Object>of("kms:ViaService", "dynamodb." + env.region() + ".amazonaws.com");
        var conditions = new TreeMap<String, Object>();
        if (patterns) {
            conditions.put("StringEquals", viaDynamoDb);
            conditions.put("StringLike", Map.of("kms:EncryptionContext:aws:dynamodb:tableName", tableCondition));
        } else {
            var equals = new TreeMap<String, Object>(viaDynamoDb);
            equals.put("kms:EncryptionContext:aws:dynamodb:tableName", tableCondition);
            conditions.put("StringEquals", equals);
        }
        return List.of(
                PolicyStatement.Builder.create()
                        .actions(List.of(actions))
                        .resources(tables.stream().map(table -> StackNames.arn(Aws.PARTITION, "dynamodb", env,
                                "table", table)).toList())
                        .build(),
                PolicyStatement.Builder.create()
                        .actions(List.of("kms:Decrypt"))
                        .resources(List.of(StackNames.arn(Aws.PARTITION, "kms", env, "key", "*")))
                        .conditions(conditions)
                        .build());
    }

    /**
     * The accounts an offboarder may have to scan: every account of the catalog (the fleet plan it is handed names
     * them all) and those it remembers from earlier runs (an account whose last tenant left the catalog).
     */
    static List<String> offboarderAccounts(FleetCatalog catalog, SortedSet<String> remembered) {
        var accounts = new TreeSet<>(remembered);
        accounts.add(catalog.baseline().account());
        accounts.addAll(FleetStacks.stackAccounts(catalog));
        return List.copyOf(accounts);
    }

    // The synth reads what every pipeline's offboarder remembers (app.OffboarderMemory): each pipeline synthesizes
    // the whole fleet, so each reads all of them, by pattern (<fleet>-fleet-offboard-environments and
    // <fleet>-fleet-*-offboard-environments: a pipeline added since this role was deployed must be readable, its
    // table not existing yet answers ResourceNotFound, not AccessDenied); no fleet name has a `fleet` segment, so the
    // patterns match no other fleet's tables. Their customer-managed keys (created with the tables, so unknown
    // here) only through DynamoDB, only for those tables.
    static List<PolicyStatement> readOffboarderMemory(AwsEnv pipelineEnv, String fleet) {
        var pipeline = StackNames.pipelineName(fleet);
        return readTables(pipelineEnv, List.of(StackNames.offboarderEnvironmentsTableName(pipeline),
                StackNames.offboarderEnvironmentsTableName(pipeline + "-*")), "dynamodb:Scan");
    }

    // Watches the canary stacks' own alarms through each account's CDK lookup role and sends every canary tenant's
    // API synthetic requests through its stack's probe role (constructs.CanaryProbe). The role has a fixed name:
    // the probe roles trust exactly the pipelines' validation roles. Role ARNs carry each region's own partition.
    private static CodeBuildStep canaryValidation(Role role, Wave wave, FleetCatalog catalog,
                                                  CodePipelineSource source) {
        var canaries = wave.stacks().stream()
                .map(s -> s.stackName() + ":" + s.env().account() + ":" + s.env().region())
                .collect(Collectors.joining(" "));
        var lookupRoles = wave.stacks().stream()
                .map(s -> BootstrapRoles.FLEET.arn(StackNames.partition(s.env().region()), CdkBootstrap.Role.LOOKUP,
                        s.env().account(), s.env().region()));
        var probeRoles = new TreeMap<String, String>();
        probedCanaries(wave, catalog).forEach(s -> probeRoles.put(s.stackName(),
                StackNames.roleArn(s.env(), StackNames.canaryProbeRoleName(s.stackName(), s.env().region()))));
        var env = new TreeMap<>(Map.of(
                "CANARY_STACKS", canaries,
                "PROBE_ROLES", probeRoles.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" ")),
                "BAKE_SECONDS", Long.toString(CANARY_BAKE.toSeconds().longValue())));
        return CodeBuildStep.Builder.create("ValidateCanary")
                .role(role)
                .input(source)
                .commands(List.of("bash scripts/validate-canary.sh"))
                .env(env)
                .rolePolicyStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("sts:AssumeRole"))
                        .resources(java.util.stream.Stream.concat(lookupRoles, probeRoles.values().stream())
                                .distinct().sorted().toList())
                        .build()))
                .build();
    }

    /**
     * The first pipeline's step that keeps the fleet's other pipelines in step with its assembly
     * ({@code scripts/pipelines.sh}): {@code cdk deploy} of every other pipeline stack of the assembly (creating the
     * ones a growing fleet adds), and DeleteStack of the fleet's pipeline stacks the assembly no longer has. Each
     * pipeline stack still mutates itself; a pipeline added this way starts on its creation. Through the pipeline
     * account's CDK bootstrap roles only (deploy, file publishing, lookup), like the self-mutation.
     */
    private static CodeBuildStep siblingPipelines(CodePipelineSource source, CodeBuildStep synth,
                                                  List<String> pipelineNames, String fleet, AwsEnv pipelineEnv,
                                                  List<String> supportRegions) {
        var own = StackNames.pipelineName(fleet);
        var siblings = pipelineNames.stream().filter(name -> !name.equals(own)).sorted()
                .collect(Collectors.joining(" "));
        var partition = StackNames.partition(pipelineEnv.region());
        var bootstrapRoles = new ArrayList<>(Stream.of(CdkBootstrap.Role.DEPLOY, CdkBootstrap.Role.FILE_PUBLISHING,
                        CdkBootstrap.Role.LOOKUP)
                .map(role -> BootstrapRoles.FLEET.arn(partition, role, pipelineEnv.account(), pipelineEnv.region()))
                .toList());
        // A sibling's support stacks (other regions) are deployed, and a retired one's deleted, through the pipeline
        // account's deploy role of that region: they are bootstrapless (CodePipeline's cross-region support).
        supportRegions.forEach(region -> bootstrapRoles.add(BootstrapRoles.FLEET.arn(partition,
                CdkBootstrap.Role.DEPLOY, pipelineEnv.account(), region)));
        return CodeBuildStep.Builder.create("Pipelines")
                .input(source)
                .additionalInputs(Map.of(SYNTH_DIR, synth))
                .installCommands(List.of("npm ci"))
                .commands(List.of("bash scripts/pipelines.sh"))
                .env(new TreeMap<>(Map.of(
                        "ASSEMBLY", SYNTH_DIR,
                        "PIPELINE_PREFIX", own,
                        "PIPELINE_STACKS", siblings,
                        "MANAGED_BY", StackNames.managedByValue(fleet),
                        "DEPLOY_ROLE_ARN", bootstrapRoles.get(0),
                        "PIPELINE_REGION", pipelineEnv.region(),
                        "SUPPORT_REGIONS", String.join(" ", supportRegions))))
                .rolePolicyStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("sts:AssumeRole"))
                        .resources(bootstrapRoles)
                        .build()))
                .build();
    }

    private static String pipelineArn(AwsEnv env, String pipelineName) {
        return StackNames.arn(StackNames.partition(env.region()), "codepipeline", env, pipelineName, null);
    }

    /** The fleet's regions other than the pipeline's, in name order: where CodePipeline puts support stacks. */
    static List<String> supportRegions(FleetCatalog catalog) {
        var regions = new java.util.TreeSet<String>();
        regions.add(catalog.baseline().region());
        catalog.pooledTiers().forEach(p -> regions.add(p.env().region()));
        catalog.tenants().forEach(t -> regions.add(t.env().region()));
        regions.remove(catalog.pipeline().env().region());
        return List.copyOf(regions);
    }

    // The fleet canary gate: this pipeline's first wave waits until the canary pipeline (the fleet's first)
    // validated the same commit. It may read that pipeline's executions and nothing else; both list actions take a
    // pipeline ARN (https://docs.aws.amazon.com/codepipeline/latest/userguide/permissions-reference.html).
    // With pipeline.approveAfterCanary the gate waits for the approval, the canary wave's last step, instead.
    private static CodeBuildStep fleetCanaryGate(CodePipelineSource source, String canaryPipeline, AwsEnv env,
                                                 String canaryAction) {
        return CodeBuildStep.Builder.create("WaitForFleetCanary")
                .input(source)
                .commands(List.of("bash scripts/wait-for-fleet-canary.sh"))
                .env(new TreeMap<>(Map.of(
                        "CANARY_PIPELINE", canaryPipeline,
                        "CANARY_ACTION", canaryAction,
                        "SOURCE_REVISION", source.sourceAttribute("CommitId"),
                        "TIMEOUT_SECONDS", Long.toString(FLEET_CANARY_TIMEOUT.toSeconds().longValue()))))
                .timeout(FLEET_CANARY_TIMEOUT.plus(Duration.minutes(10)))
                .rolePolicyStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("codepipeline:ListPipelineExecutions", "codepipeline:ListActionExecutions"))
                        .resources(List.of(pipelineArn(env, canaryPipeline)))
                        .build()))
                .build();
    }

    /**
     * The wave's stacks that carry a {@link constructs.CanaryProbe}: silo stacks of canary tenants, and the catalog's
     * first pooled tier (its probe tenant, {@link StackNames#probeTenantId}).
     */
    static List<PlannedStack> probedCanaries(Wave wave, FleetCatalog catalog) {
        return wave.stacks().stream()
                .filter(s -> s.kind() == PlannedStack.Kind.SILO_TENANT
                        ? catalog.tenants().stream().anyMatch(t -> t.tenantId().equals(s.tenantId()) && t.canary())
                        : s.kind() == PlannedStack.Kind.POOLED_TIER
                                && FleetStacks.isCanaryTier(catalog, new PooledTierEntry(s.tier(), s.env())))
                .toList();
    }

    // The same grants CDK Pipelines adds to any step's role, as on the ActivateSilos role.
    private static Role canaryValidationRole(Construct scope, String pipelineName) {
        return fixedNameStepRole(scope, "ValidateCanaryRole", StackNames.canaryValidationRoleName(pipelineName),
                "The ValidateCanary step of pipeline " + pipelineName + ": canary alarms and probes");
    }

    // A CodeBuild step's role under a name other accounts' and stacks' policies can name (trust, caller lists).
    private static Role fixedNameStepRole(Construct scope, String id, String roleName, String description) {
        return Role.Builder.create(scope, id)
                .roleName(roleName)
                .assumedBy(new ServicePrincipal("codebuild.amazonaws.com"))
                .description(description)
                .build();
    }

    // Hands the synthesized fleet plan (every stack of every pipeline) to the offboarder in `mode`
    // (scripts/offboard.sh), and fails the pipeline when the function reports a failure.
    private static CodeBuildStep invokeOffboarder(String id, String mode, CodePipelineSource source,
                                                  CodeBuildStep synth, StackOffboarder offboarder) {
        var alias = offboarder.function().alias();
        return CodeBuildStep.Builder.create(id)
                .input(source)
                .additionalInputs(Map.of(SYNTH_DIR, synth))
                .commands(List.of("bash scripts/offboard.sh"))
                .env(new TreeMap<>(Map.of(
                        "OFFBOARD_FUNCTION", alias.getFunctionArn(),
                        "OFFBOARD_MODE", mode,
                        "FLEET_PLAN", SYNTH_DIR + "/" + FleetPlan.FILE_NAME)))
                .rolePolicyStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("lambda:InvokeFunction"))
                        .resources(List.of(alias.getFunctionArn()))
                        .build()))
                .build();
    }

    // Activates the silo tenants this pipeline deploys (their stacks exist now) through the admin API's
    // IAM-authorized internal route: the control plane creates each one's admin user and API key in its stack.
    // Its role has a fixed name: the control plane accepts internal calls from exactly these roles.
    private static Role activateSilosRole(Construct scope, String pipelineName) {
        return fixedNameStepRole(scope, "ActivateSilosRole", StackNames.activateSilosRoleName(pipelineName),
                "The ActivateSilos step of pipeline " + pipelineName + ": the admin API's internal route");
    }

    // `wave`: that wave's silo tenants only (ActivateCanaries), or null for every silo tenant of the pipeline.
    private static CodeBuildStep siloActivation(String id, String wave, List<String> probeTenants, Role role,
                                                CodePipelineSource source, CodeBuildStep synth, String pipelineName,
                                                AwsEnv baseline, String fleet) {
        var partition = StackNames.partition(baseline.region());
        var route = ControlPlane.ACTIVATE_ROUTE.replace("{tenantId}", "*");
        var env = new TreeMap<>(Map.of(
                "PIPELINE_NAME", pipelineName,
                "BASELINE_STACK", StackNames.baselineStackName(fleet),
                "FLEET_PLAN", SYNTH_DIR + "/" + FleetPlan.FILE_NAME));
        if (wave != null) {
            env.put("WAVE", wave);
        }
        if (!probeTenants.isEmpty()) {
            env.put("PROBE_TENANTS", String.join(" ", probeTenants));
        }
        return CodeBuildStep.Builder.create(id)
                .role(role)
                .input(source)
                .additionalInputs(Map.of(SYNTH_DIR, synth))
                .commands(List.of("bash scripts/activate-silos.sh"))
                .env(env)
                .rolePolicyStatements(List.of(
                        PolicyStatement.Builder.create()
                                .actions(List.of("execute-api:Invoke"))
                                .resources(List.of(StackNames.arn(partition, "execute-api", baseline, "*",
                                        TenantApi.STAGE + "/POST" + route)))
                                .build(),
                        PolicyStatement.Builder.create()
                                .actions(List.of("cloudformation:DescribeStacks"))
                                .resources(List.of(StackNames.arn(partition, "cloudformation", baseline, "stack",
                                        StackNames.baselineStackName(fleet) + "/*")))
                                .build()))
                .build();
    }

    public CodePipeline pipeline() {
        return pipeline;
    }

    public StackOffboarder offboarder() {
        return offboarder;
    }
}
