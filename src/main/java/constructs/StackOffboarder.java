package constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.codedeploy.ILambdaApplication;
import software.amazon.awscdk.services.codedeploy.ILambdaDeploymentConfig;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * The function that deletes the CloudFormation stacks of tenants who left the catalog (CDK Pipelines stops
 * deploying a removed stage but never deletes its stack). It is handed the fleet plan and reaches each target
 * account and region through that environment's CDK bootstrap deploy role, the role the pipeline already
 * deploys with. It remembers every environment the fleet has used in its own table: a tenant that had an
 * account or region to itself is gone from the plan together with its environment, and must still be found.
 * What it deletes and what it never touches is decided by the function ({@code functions.offboard}): only
 * stacks tagged as this fleet's silo tenant stacks, with their retained data left in place.
 */
public final class StackOffboarder extends Construct {

    /** The fleet name the functions build stack names and the ManagedBy filter from (lambda-src reads it). */
    public static final String FLEET_NAME = "FLEET_NAME";

    /** Partition key of the environments table: {@code <account>/<region>}. */
    static final String ENVIRONMENT_KEY = "environment";
    static final String HANDLER = "functions.offboard.OffboardHandler::handleRequest";
    /** Assuming roles and listing stacks in every environment of a large fleet takes longer than an API call. */
    static final Duration TIMEOUT = Duration.minutes(5);

    /**
     * @param code               the functions jar (required)
     * @param bootstrapQualifier the CDK bootstrap qualifier of the target accounts' deploy roles (required)
     * @param maxDeletions       most stacks one run may delete; more candidates fail the run and delete none
     *                           (required, 0 to 100)
     * @param catalogTable       name of the tenant catalog table, checked before each delete (required)
     * @param catalogRead        statements that let the function read that table (required)
     * @param deployments        CodeDeploy application that rolls the function's versions (required)
     * @param rollout            how each new version takes traffic (required)
     * @param fleetName          the catalog's fleet name: only stacks tagged {@code ManagedBy=<fleetName>-fleet}
     *                           are this fleet's to delete (required)
     */
    public record Props(Code code, String bootstrapQualifier, int maxDeletions, String catalogTable,
                        List<PolicyStatement> catalogRead, ILambdaApplication deployments,
                        ILambdaDeploymentConfig rollout, String fleetName) {
        public Props {
            Objects.requireNonNull(fleetName, "StackOffboarder: fleetName is required");
            Objects.requireNonNull(code, "StackOffboarder: code is required");
            Objects.requireNonNull(catalogTable, "StackOffboarder: catalogTable is required");
            catalogRead = List.copyOf(Objects.requireNonNull(catalogRead, "StackOffboarder: catalogRead is required"));
            Objects.requireNonNull(bootstrapQualifier, "StackOffboarder: bootstrapQualifier is required");
            if (maxDeletions < 0 || maxDeletions > 100) {
                throw new IllegalArgumentException("StackOffboarder: maxDeletions must be 0 to 100, got "
                        + maxDeletions);
            }
        }
    }

    private final ServiceFunction function;
    private final DataTable environments;

    public StackOffboarder(Construct scope, String id, Props props) {
        super(scope, id);
        var key = new DataKey(this, "Key", new DataKey.Props("Environments remembered by the fleet offboarder")).key();
        this.environments = new DataTable(this, "Environments", DataTable.Props.of(ENVIRONMENT_KEY, null, key));
        this.function = new ServiceFunction(this, "Function", new ServiceFunction.Props(props.code(), HANDLER,
                "Deletes the stacks of silo tenants that left the fleet catalog, keeping their retained data",
                new TreeMap<>(Map.of(
                        "BOOTSTRAP_QUALIFIER", props.bootstrapQualifier(),
                        "CATALOG_TABLE", props.catalogTable(),
                        "ENVIRONMENTS_TABLE", environments.table().getTableName(),
                        FLEET_NAME, props.fleetName(),
                        "MAX_DELETIONS", Integer.toString(props.maxDeletions()))),
                props.deployments(), props.rollout(), TIMEOUT));
        environments.table().grant(function.role(), "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:DeleteItem");
        key.grantEncryptDecrypt(function.role());
        props.catalogRead().forEach(function.role()::addToPrincipalPolicy);
        // The CDK Pipelines pattern for reaching target accounts: any account's bootstrap deploy role, recognised
        // by the tag bootstrap puts on it. Which accounts answer is decided on their side, by `cdk bootstrap
        // --trust <pipeline account>`; an account that left the catalog must stay reachable to be cleaned up.
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sts:AssumeRole"))
                .resources(List.of("arn:" + Aws.PARTITION + ":iam::*:role/cdk-" + props.bootstrapQualifier()
                        + "-deploy-role-*"))
                .conditions(Map.of("StringEquals", Map.of("iam:ResourceTag/aws-cdk:bootstrap-role", "deploy")))
                .build());
        NagSuppressions.addResourceSuppressions(function.role(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Assumes the CDK bootstrap deploy role of any fleet account (tag aws-cdk:bootstrap-role="
                        + "deploy, as CDK Pipelines' own roles do): accounts that left the catalog must stay "
                        + "reachable, and each account admits the pipeline account only through its bootstrap trust. "
                        + "Encrypted DynamoDB access adds the kms:ReEncrypt* and kms:GenerateDataKey* families, on "
                        + "the environments table's own key only. The catalog table's key belongs to the baseline "
                        + "stack: kms:Decrypt names the account's keys but only via DynamoDB for that one table "
                        + "(kms:ViaService and the aws:dynamodb:tableName encryption context)")
                .appliesTo(List.of(
                        "Resource::arn:<AWS::Partition>:iam::*:role/cdk-" + props.bootstrapQualifier()
                                + "-deploy-role-*",
                        "Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*",
                        RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:kms:[a-z0-9-]+:[0-9]{12}"
                                + ":key\\/\\*$/g").build()))
                .build()), true);
    }

    public ServiceFunction function() {
        return function;
    }

    public DataTable environments() {
        return environments;
    }
}
