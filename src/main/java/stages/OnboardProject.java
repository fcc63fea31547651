package stages;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import app.AwsEnv;
import app.FleetCatalog;
import app.SiloTenant;
import constructs.BootstrapRoles;
import constructs.PolicyChunks;
import contract.CdkBootstrap;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.BuildEnvironmentVariable;
import software.amazon.awscdk.services.codebuild.BuildSpec;
import software.amazon.awscdk.services.codebuild.CloudWatchLoggingOptions;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.LoggingOptions;
import software.amazon.awscdk.services.codebuild.Project;
import software.amazon.awscdk.services.codebuild.S3SourceProps;
import software.amazon.awscdk.services.codebuild.Source;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.s3.assets.AssetProps;
import software.constructs.Construct;

/**
 * The onboarding fast lane's CodeBuild project ({@code <fleet>-fleet-onboard}, README "Onboarding latency"): the
 * onboarding trigger starts it once per new silo tenant with {@code TENANT_ID}; it runs scripts/onboard-tenant.sh,
 * which creates the tenant's stack from the first pipeline's last released revision and activates the tenant.
 *
 * <p>Its role may: list the first pipeline's executions and action executions; read that pipeline's artifact objects
 * (the released source) and decrypt them with the artifact key; read the catalog table (the synth); assume the CDK
 * bootstrap deploy and file-publishing roles of the catalog's silo tenant accounts only; call the admin API's
 * internal activate route and find the API in the baseline stack. Its build logs go to a log group of its own,
 * encrypted with the project's own key.
 */
final class OnboardProject extends Construct {

    /** The CDK bootstrap roles (their {@code aws-cdk:bootstrap-role} tags) the build assumes in a tenant account. */
    static final List<CdkBootstrap.Role> BOOTSTRAP_ROLES = List.of(CdkBootstrap.Role.DEPLOY,
            CdkBootstrap.Role.FILE_PUBLISHING);

    /** How long a build may run: the synth step's install and build plus one stack's create, with room to spare. */
    static final Duration TIMEOUT = Duration.minutes(60);

    /**
     * @param catalog        the fleet catalog (required)
     * @param pipelineName   the fleet's first pipeline, whose released revision the build deploys (required)
     * @param artifactBucket that pipeline's artifact bucket, encrypted with its key (required)
     */
    record Props(FleetCatalog catalog, String pipelineName, IBucket artifactBucket) {
        Props {
            Objects.requireNonNull(catalog, "OnboardProject: catalog is required");
            Objects.requireNonNull(pipelineName, "OnboardProject: pipelineName is required");
            Objects.requireNonNull(artifactBucket, "OnboardProject: artifactBucket is required");
            Objects.requireNonNull(artifactBucket.getEncryptionKey(), "OnboardProject: artifactBucket needs its key");
        }
    }

    private final Project project;
    private final Role role;

    OnboardProject(Construct scope, String id, Props props) {
        super(scope, id);
        var fleet = props.catalog().fleetName();
        var env = props.catalog().pipeline().env();
        var partition = StackNames.partition(env.region());
        this.role = Role.Builder.create(this, "Role")
                .roleName(StackNames.onboardRoleName(fleet))
                .assumedBy(new ServicePrincipal("codebuild.amazonaws.com"))
                .description("The onboard project of fleet " + fleet + ": one new silo tenant's stack from the"
                        + " released revision, then its activation")
                .build();
        var key = Key.Builder.create(this, "Key")
                .enableKeyRotation(true)
                .description("Encrypts the " + StackNames.onboardProjectName(fleet) + " build's logs and output")
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        var logs = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.ONE_YEAR)
                .removalPolicy(RemovalPolicy.RETAIN)
                .encryptionKey(key)
                .build();
        // CloudWatch Logs encrypts with the key only when the key policy lets the regional logs principal use it for
        // log groups of this account and region
        // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("logs." + env.region() + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                        "kms:Describe*"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        Arn.format(ArnComponents.builder().partition(partition).service("logs").region(env.region())
                                .account(env.account()).resource("log-group").resourceName("*")
                                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()))))
                .build());
        // Only the two scripts the build runs: editing any other script changes nothing here.
        var scripts = new Asset(this, "Scripts", AssetProps.builder()
                .path("scripts")
                .exclude(List.of("*", "!onboard-tenant.sh", "!activate-silos.sh"))
                .build());
        this.project = Project.Builder.create(this, "Project")
                .projectName(StackNames.onboardProjectName(fleet))
                .description("Creates a new silo tenant's stack from the released revision of " + props.pipelineName()
                        + " ahead of the pipeline, then activates the tenant (started by the onboarding trigger)")
                .role(role)
                .source(Source.s3(S3SourceProps.builder()
                        .bucket(scripts.getBucket()).path(scripts.getS3ObjectKey()).build()))
                .environment(BuildEnvironment.builder()
                        .buildImage(FleetPipelineStack.BUILD_IMAGE).computeType(ComputeType.MEDIUM).build())
                .environmentVariables(new TreeMap<>(Map.of(
                        "PIPELINE_NAME", variable(props.pipelineName()),
                        "BASELINE_STACK", variable(StackNames.baselineStackName(fleet)),
                        "BOOTSTRAP_QUALIFIER", variable(BootstrapRoles.FLEET.qualifier()))))
                // Sorted maps only: Map.of's order differs from one JVM to the next, and the synth must not.
                .buildSpec(BuildSpec.fromObject(new TreeMap<>(Map.of(
                        "version", "0.2",
                        "phases", new TreeMap<>(Map.of(
                                "install", Map.of("runtime-versions",
                                        new TreeMap<>(Map.of("java", "corretto17", "nodejs", "20"))),
                                "build", Map.of("commands", List.of("bash onboard-tenant.sh"))))))))
                .encryptionKey(key)
                .logging(LoggingOptions.builder()
                        .cloudWatch(CloudWatchLoggingOptions.builder().logGroup(logs).build()).build())
                .timeout(TIMEOUT)
                .build();
        grant(props, env.account(), env.region(), partition);
    }

    private static BuildEnvironmentVariable variable(String value) {
        return BuildEnvironmentVariable.builder().value(value).build();
    }

    private void grant(Props props, String account, String region, String partition) {
        var fleet = props.catalog().fleetName();
        // Both list actions take the pipeline's ARN
        // (https://docs.aws.amazon.com/codepipeline/latest/userguide/permissions-reference.html).
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("codepipeline:ListPipelineExecutions", "codepipeline:ListActionExecutions"))
                .resources(List.of(StackNames.arn(partition, "codepipeline", new AwsEnv(account, region),
                        props.pipelineName(), null)))
                .build());
        // The released source: objects of the artifact bucket, decrypted with its key; nothing written.
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject"))
                .resources(List.of(props.artifactBucket().arnForObjects("*")))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(props.artifactBucket().getEncryptionKey().getKeyArn()))
                .build());
        // The one-tenant synth reads the catalog as the pipeline's synth does (tenantSource=dynamodb).
        FleetPipelineStack.readCatalogTable(props.catalog(), "dynamodb:Scan", "dynamodb:DescribeTable")
                .forEach(role::addToPrincipalPolicy);
        // The CDK bootstrap roles `cdk deploy` uses, deploy (also the stack check's DescribeStacks) and
        // file-publishing, by name and by the tag bootstrap puts on them, in the silo tenants' accounts (any region)
        // and no other; as the offboarder names its deploy roles (constructs.StackOffboarder), split so no statement
        // outgrows a managed policy.
        var bootstrapRoles = props.catalog().tenants().stream().map(SiloTenant::env).map(e -> e.account())
                .sorted().distinct()
                .flatMap(a -> BOOTSTRAP_ROLES.stream()
                        .map(kind -> BootstrapRoles.FLEET.arnInAnyRegion(Aws.PARTITION, kind, a)))
                .toList();
        PolicyChunks.of(bootstrapRoles).forEach(roles -> role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sts:AssumeRole"))
                .resources(roles)
                .conditions(Map.of("StringEquals", Map.of("iam:ResourceTag/" + CdkBootstrap.ROLE_TAG,
                        BOOTSTRAP_ROLES.stream().map(CdkBootstrap.Role::tag).toList())))
                .build()));
        // Activation, as the pipelines' ActivateSilos step: the internal route and the baseline's API URL output.
        var baseline = props.catalog().baseline();
        var baselinePartition = StackNames.partition(baseline.region());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("execute-api:Invoke"))
                .resources(List.of(StackNames.arn(baselinePartition, "execute-api", baseline, "*",
                        constructs.TenantApi.STAGE + "/POST" + ControlPlane.ACTIVATE_ROUTE.replace("{tenantId}", "*"))))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("cloudformation:DescribeStacks"))
                .resources(List.of(StackNames.arn(baselinePartition, "cloudformation", baseline, "stack",
                        StackNames.baselineStackName(fleet) + "/*")))
                .build());
    }

    /** After the role's policy is complete: the wildcards it holds, each explained. */
    void suppressFindings() {
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("The onboard build reads any object of the pipeline's own artifact bucket (the released source's"
                        + " key is known only at run time) and its scripts asset (CodeBuild's S3 source grant: "
                        + "GetObject*/GetBucket*/List* on the bootstrap bucket's asset); writes its own log group's "
                        + "streams and report groups; assumes the CDK bootstrap deploy and file-publishing roles (by "
                        + "name and tag aws-cdk:bootstrap-role) of the catalog's silo tenant accounts in any region "
                        + "(the account is never the wildcard); reads the catalog table's key only via DynamoDB for that "
                        + "table; calls the internal activate route of the account's admin API for any tenant (POST "
                        + "only) and describes the baseline stack (its id ends in a generated suffix)")
                .build()), true);
    }

    Project project() {
        return project;
    }

    Role role() {
        return role;
    }
}
