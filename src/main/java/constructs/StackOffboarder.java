package constructs;

import contract.CdkBootstrap;
import contract.Env;
import contract.Handler;
import contract.Keys;
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
    public static final String FLEET_NAME = Env.FLEET_NAME.variable();

    /** Partition key of the environments table: {@code <account>/<region>}. */
    static final String ENVIRONMENT_KEY = Keys.ENVIRONMENT;
    static final String HANDLER = Handler.OFFBOARD.handler();
    /** Assuming roles and listing stacks in every environment of a large fleet takes longer than an API call. */
    static final Duration TIMEOUT = Duration.minutes(5);

    /**
     * @param code               the offboarder's family jar and its runtime layer (required)
     * @param bootstrapQualifier the CDK bootstrap qualifier of the target accounts' deploy roles (required)
     * @param maxDeletions       most stacks one run may delete; more candidates fail the run and delete none
     *                           (required, 0 to 100)
     * @param catalogTable       name of the tenant catalog table, checked before each delete (required)
     * @param catalogRead        statements that let the function read that table (required)
     * @param deployments        CodeDeploy application that rolls the function's versions (required)
     * @param rollout            how each new version takes traffic (required)
     * @param fleetName          the catalog's fleet name: only stacks tagged {@code ManagedBy=<fleetName>-fleet}
     *                           are this fleet's to delete (required)
     * @param accounts           every account the function may have to scan: the catalog's and those its
     *                           environments table still remembers (required, not empty; sorted and deduplicated
     *                           here). Its {@code sts:AssumeRole} names these accounts' deploy roles only.
     * @param environmentsTable  physical name of its environments table, fixed so that the pipeline's synth can
     *                           read what it remembers ({@code app.OffboarderMemory}) (required)
     */
    public record Props(FamilyCode code, String bootstrapQualifier, int maxDeletions, String catalogTable,
                        List<PolicyStatement> catalogRead, ILambdaApplication deployments,
                        ILambdaDeploymentConfig rollout, String fleetName, List<String> accounts,
                        String environmentsTable) {
        public Props {
            Objects.requireNonNull(fleetName, "StackOffboarder: fleetName is required");
            Objects.requireNonNull(environmentsTable, "StackOffboarder: environmentsTable is required");
            accounts = Objects.requireNonNull(accounts, "StackOffboarder: accounts is required").stream()
                    .sorted().distinct().toList();
            if (accounts.isEmpty()) {
                throw new IllegalArgumentException("StackOffboarder: accounts must not be empty");
            }
            Objects.requireNonNull(code, "StackOffboarder: code is required");
            Objects.requireNonNull(catalogTable, "StackOffboarder: catalogTable is required");
            catalogRead = List.copyOf(Objects.requireNonNull(catalogRead, "StackOffboarder: catalogRead is required"));
            Objects.requireNonNull(bootstrapQualifier, "StackOffboarder: bootstrapQualifier is required");
            if (maxDeletions < 0 || maxDeletions > 100) {
                throw new IllegalArgumentException("StackOffboarder: maxDeletions must be 0 to 100, got "
                        + maxDeletions);
            }
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private FamilyCode code;
            private String bootstrapQualifier;
            private Integer maxDeletions;
            private String catalogTable;
            private List<PolicyStatement> catalogRead;
            private ILambdaApplication deployments;
            private ILambdaDeploymentConfig rollout;
            private String fleetName;
            private List<String> accounts;
            private String environmentsTable;

            private Builder() {
            }

            public Builder code(FamilyCode code) { this.code = code; return this; }
            public Builder bootstrapQualifier(String bootstrapQualifier) {
                this.bootstrapQualifier = bootstrapQualifier;
                return this;
            }
            public Builder maxDeletions(int maxDeletions) { this.maxDeletions = maxDeletions; return this; }
            public Builder catalogTable(String catalogTable) { this.catalogTable = catalogTable; return this; }
            public Builder catalogRead(List<PolicyStatement> catalogRead) {
                this.catalogRead = catalogRead;
                return this;
            }
            public Builder deployments(ILambdaApplication deployments) { this.deployments = deployments; return this; }
            public Builder rollout(ILambdaDeploymentConfig rollout) { this.rollout = rollout; return this; }
            public Builder fleetName(String fleetName) { this.fleetName = fleetName; return this; }
            public Builder accounts(List<String> accounts) { this.accounts = accounts; return this; }
            public Builder environmentsTable(String environmentsTable) {
                this.environmentsTable = environmentsTable;
                return this;
            }

            public Props build() {
                return new Props(code, bootstrapQualifier,
                        Objects.requireNonNull(maxDeletions, "StackOffboarder: maxDeletions is required"), catalogTable,
                        catalogRead, deployments, rollout, fleetName, accounts, environmentsTable);
            }
        }
    }

    private final ServiceFunction function;
    private final DataTable environments;

    public StackOffboarder(Construct scope, String id, Props props) {
        super(scope, id);
        var key = new DataKey(this, "Key", new DataKey.Props("Environments remembered by the fleet offboarder")).key();
        this.environments = new DataTable(this, "Environments",
                DataTable.Props.builder().partitionKey(ENVIRONMENT_KEY).key(key).tableName(props.environmentsTable())
                        .build());
        this.function = new ServiceFunction(this, "Function", ServiceFunction.Props.builder().code(props.code())
                .handler(HANDLER)
                .description("Deletes the stacks of silo tenants that left the fleet catalog, keeping their retained "
                        + "data")
                .environment(new TreeMap<>(Map.of(
                        Env.BOOTSTRAP_QUALIFIER.variable(), props.bootstrapQualifier(),
                        Env.CATALOG_TABLE.variable(), props.catalogTable(),
                        Env.ENVIRONMENTS_TABLE.variable(), environments.table().getTableName(),
                        FLEET_NAME, props.fleetName(),
                        Env.MAX_DELETIONS.variable(), Integer.toString(props.maxDeletions()))))
                .deployments(props.deployments()).rollout(props.rollout()).timeout(TIMEOUT).service("offboarder")
                .build());
        environments.table().grant(function.role(), "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:DeleteItem");
        key.grantEncryptDecrypt(function.role());
        props.catalogRead().forEach(function.role()::addToPrincipalPolicy);
        // The deploy role CDK bootstrap creates in each account and region (the role the pipeline deploys with),
        // recognised by the tag bootstrap puts on it, in the accounts the function may scan and no other: the
        // catalog's, and those its table still remembers (the synth reads it), so an account whose last tenant
        // left stays reachable until the function has found it empty. Each account admits the pipeline account only
        // through its own `cdk bootstrap --trust`.
        var bootstrapRoles = new BootstrapRoles(props.bootstrapQualifier());
        var deployRoles = props.accounts().stream()
                .map(account -> bootstrapRoles.arnInAnyRegion(Aws.PARTITION, CdkBootstrap.Role.DEPLOY, account))
                .toList();
        PolicyChunks.of(deployRoles).forEach(roles -> function.role().addToPrincipalPolicy(
                PolicyStatement.Builder.create()
                        .actions(List.of("sts:AssumeRole"))
                        .resources(roles)
                        .conditions(Map.of("StringEquals", Map.of("iam:ResourceTag/" + CdkBootstrap.ROLE_TAG,
                                CdkBootstrap.Role.DEPLOY.tag())))
                        .build()));
        NagSuppressions.addResourceSuppressions(function.role(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Assumes the CDK bootstrap deploy role (tag aws-cdk:bootstrap-role=deploy) of each account it "
                        + "may scan, in any of the account's regions (cdk-<qualifier>-deploy-role-<account>-<region>: "
                        + "the region is the wildcard, the account never is). Encrypted DynamoDB access adds the "
                        + "kms:ReEncrypt* and kms:GenerateDataKey* families, on the environments table's own key only. "
                        + "The catalog table's key belongs to the baseline stack: kms:Decrypt names the account's keys "
                        + "but only via DynamoDB for that one table (kms:ViaService and the aws:dynamodb:tableName "
                        + "encryption context)")
                .appliesTo(List.of(
                        RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:iam::([0-9]{12}):role\\/cdk-"
                                + props.bootstrapQualifier() + "-deploy-role-\\1-\\*$/g").build(),
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
