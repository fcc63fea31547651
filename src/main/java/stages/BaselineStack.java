package stages;

import constructs.FunctionCode;
import contract.Handler;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import app.AwsEnv;
import app.FleetSettings;
import app.MailSettings;
import app.OperatorEntry;
import app.PooledTierEntry;
import constructs.CanaryRollout;
import constructs.DataKey;
import constructs.DataTable;
import constructs.ServiceFunction;
import constructs.StreamTrigger;
import constructs.TenantApi;
import constructs.Telemetry;
import constructs.TenantUserPool;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.codedeploy.LambdaApplication;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * The control plane, one per fleet: the tenant registry tables, the operations user pool, the admin API with
 * registration, tenant and user management ({@link ControlPlane}), and the onboarding trigger that starts the fleet pipelines when TenantStackMapping changes.
 * TenantStackMapping streams every change (new and old images) because onboarding and offboarding of silo
 * tenants are driven from it; it has a stable name because the pipeline's synth reads it without a lookup.
 */
public final class BaselineStack extends Stack {

    /**
     * @param env           account and region of the control plane, also the pipelines' (required)
     * @param functionsDir   path of the functions jar (required)
     * @param pipelineNames the fleet pipelines the onboarding trigger starts (required, not empty)
     * @param pooledTiers   the catalog's pooled tier stacks, where the control plane provisions pooled tenants
     *                      (required)
     * @param stackAccounts the accounts of every pooled tier and silo tenant stack of the catalog, where the control
     *                      plane may assume access roles (required)
     * @param fleet         the catalog's fleet name, which starts the stack, table and role names (required)
     * @param mail          the catalog's SES sender for the operations pool (@default none: Cognito's mailer)
     * @param settings      the catalog's placements, written into Settings by {@code Custom::SettingsSeed}
     *                      (@default none: no such resource, Settings is written by hand)
     * @param operators     the catalog's first operators, made users of the operations pool by {@code Custom::Operators}
     *                      (@default none: no such resource)
     */
    public record Props(AwsEnv env, String functionsDir, List<String> pipelineNames,
                        List<PooledTierEntry> pooledTiers, List<String> stackAccounts, String fleet,
                        Optional<MailSettings> mail, Optional<FleetSettings> settings, List<OperatorEntry> operators) {
        public Props {
            Objects.requireNonNull(settings, "BaselineStack: settings is required (may be empty)");
            operators = List.copyOf(Objects.requireNonNull(operators, "BaselineStack: operators is required (may be empty)"));
            Objects.requireNonNull(mail, "BaselineStack: mail is required (may be empty)");
            Objects.requireNonNull(fleet, "BaselineStack: fleet is required");
            stackAccounts = List.copyOf(Objects.requireNonNull(stackAccounts, "BaselineStack: stackAccounts is required"));
            Objects.requireNonNull(pooledTiers, "BaselineStack: pooledTiers is required");
            pooledTiers = List.copyOf(pooledTiers);
            Objects.requireNonNull(env, "BaselineStack: env is required");
            Objects.requireNonNull(functionsDir, "BaselineStack: functionsDir is required");
            if (pipelineNames == null || pipelineNames.isEmpty()) {
                throw new IllegalArgumentException("BaselineStack: pipelineNames must name at least one pipeline");
            }
            pipelineNames = List.copyOf(pipelineNames);
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private AwsEnv env;
            private String functionsDir;
            private List<String> pipelineNames;
            private List<PooledTierEntry> pooledTiers;
            private List<String> stackAccounts;
            private String fleet;
            private Optional<MailSettings> mail = Optional.empty();
            private Optional<FleetSettings> settings = Optional.empty();
            private List<OperatorEntry> operators = List.of();

            private Builder() {
            }

            public Builder env(AwsEnv env) { this.env = env; return this; }
            public Builder functionsDir(String functionsDir) { this.functionsDir = functionsDir; return this; }
            public Builder pipelineNames(List<String> pipelineNames) {
                this.pipelineNames = pipelineNames;
                return this;
            }
            public Builder pooledTiers(List<PooledTierEntry> pooledTiers) {
                this.pooledTiers = pooledTiers;
                return this;
            }
            public Builder stackAccounts(List<String> stackAccounts) {
                this.stackAccounts = stackAccounts;
                return this;
            }
            public Builder fleet(String fleet) { this.fleet = fleet; return this; }
            public Builder mail(Optional<MailSettings> mail) { this.mail = mail; return this; }
            public Builder settings(Optional<FleetSettings> settings) { this.settings = settings; return this; }
            public Builder operators(List<OperatorEntry> operators) { this.operators = operators; return this; }

            public Props build() {
                return new Props(env, functionsDir, pipelineNames, pooledTiers, stackAccounts, fleet, mail, settings,
                        operators);
            }
        }
    }

    private final DataTable tenantDetails;
    private final DataTable tenantUserMapping;
    private final DataTable tenantStackMapping;
    private final DataTable settings;
    private final DataTable registrations;
    private final TenantUserPool operationsUsers;
    private final TenantApi adminApi;
    private final ServiceFunction adminAuthorizer;
    private final StreamTrigger onboardingTrigger;
    private final ControlPlane controlPlane;
    private final Telemetry telemetry;
    private final Metering metering;
    private final FleetMonitoring monitoring;
    private final BootstrapResources bootstrap;

    public BaselineStack(Construct scope, String id, Props props) {
        super(scope, id, StackProps.builder()
                .env(props.env().toCdk())
                .stackName(StackNames.baselineStackName(props.fleet()))
                .description("SaaS fleet control plane: tenant registry, operations users, admin API")
                .build());
        FleetTags.managed(this, props.fleet());
        var key = new DataKey(this, "DataKey", new DataKey.Props("Control-plane tables of the SaaS fleet")).key();
        this.telemetry = new Telemetry(this, Telemetry.Props.builder()
                .fleet(props.fleet()).tier(Telemetry.CONTROL_PLANE).key(key).build());
        this.tenantDetails = new DataTable(this, "TenantDetails",
                DataTable.Props.builder().partitionKey(contract.Keys.TENANT_ID).key(key).build());
        this.tenantUserMapping = new DataTable(this, "TenantUserMapping",
                DataTable.Props.builder().partitionKey(contract.Keys.TENANT_ID).sortKey(contract.Keys.USER_NAME).key(key).build());
        this.tenantStackMapping = new DataTable(this, "TenantStackMapping",
                DataTable.Props.builder().partitionKey(contract.Keys.TENANT_ID).key(key).stream(StreamViewType.NEW_AND_OLD_IMAGES)
                        .tableName(StackNames.tenantStackMappingTableName(props.fleet())).build());
        this.settings = new DataTable(this, "Settings",
                DataTable.Props.builder().partitionKey(contract.Keys.SETTING_NAME).key(key).build());
        // Registration sagas (request#<id>) and the uniqueness claims on tenant name and admin email
        // (tenantName#<name>, adminEmail#<email>), written together in one transaction.
        this.registrations = new DataTable(this, "Registrations",
                DataTable.Props.builder().partitionKey(contract.Keys.REGISTRATION).key(key).build());
        // Unverified sign-ups and their claims carry expiresAt (epoch seconds). The claim path already treats them
        // as gone once expired; TTL only tidies them away, typically within two days, so nothing waits for it
        // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html).
        ((CfnTable) registrations.table().getNode().getDefaultChild()).setTimeToLiveSpecification(
                CfnTable.TimeToLiveSpecificationProperty.builder().attributeName(REGISTRATION_EXPIRY).enabled(true)
                        .build());
        // Operators can offboard any tenant: a stolen password alone must not sign one in.
        this.operationsUsers = new TenantUserPool(this, "OperationsUsers",
                new TenantUserPool.Props("SaaS operations team").withMfa(OPERATIONS_MFA)
                        .withSes(UserPoolMail.sender(props.mail())));
        var code = new FunctionCode(this, props.functionsDir());
        var deployments = new LambdaApplication(this, "Deployments");
        this.adminAuthorizer = adminAuthorizer(code, deployments, key);
        this.adminApi = new TenantApi(this, "AdminApi", new TenantApi.Props(
                "SaaS fleet admin API", null, adminAuthorizer.alias()));
        adminApi.addHealthRoute();
        this.onboardingTrigger = onboardingTrigger(props, code, deployments);
        var tables = new ControlPlane.Tables(tenantDetails, tenantUserMapping, tenantStackMapping, settings,
                registrations);
        this.controlPlane = new ControlPlane(this, "ControlPlane", ControlPlane.Props.builder()
                .tables(tables)
                .api(adminApi).code(code).deployments(deployments).env(props.env()).pooledTiers(props.pooledTiers())
                .operations(operationsUsers.userPool()).pipelineNames(props.pipelineNames())
                .stackAccounts(props.stackAccounts()).fleet(props.fleet()).signUpMail(UserPoolMail.sender(props.mail()))
                .build());
        this.bootstrap = new BootstrapResources(this, "Bootstrap", new BootstrapResources.Props(code, settings,
                operationsUsers.userPool(), key, props.settings(), props.operators()));
        var meteringEnvironment = new TreeMap<>(tables.environment());
        meteringEnvironment.put(ControlPlane.POOLED_TIER_STACKS, ControlPlane.pooledTierStacks(props.pooledTiers()));
        meteringEnvironment.put(constructs.StackOffboarder.FLEET_NAME, props.fleet());
        this.metering = new Metering(this, "Metering", Metering.Props.builder()
                .key(key).tables(tables).api(adminApi).code(code).deployments(deployments)
                .baseEnvironment(meteringEnvironment)
                .accessRoles(ControlPlane.accessRolePatterns(props.fleet(), props.stackAccounts()))
                .roleName(StackNames.controlPlaneFunctionRoleName(props.fleet(), Metering.USAGE_COLLECTOR,
                        props.env().region()))
                .build());
        // The pipelines run in the baseline's account and region in the shipped catalog; elsewhere the offboarder
        // row reads this account (docs/OPERATIONS.md, "Dashboards").
        this.monitoring = new FleetMonitoring(this, "Monitoring", FleetMonitoring.Props.builder()
                .pooledTiers(props.pooledTiers()).metering(metering).build());
        // The pipeline's silo activation step finds the API by this output (scripts/activate-silos.sh).
        CfnOutput.Builder.create(this, ADMIN_API_URL_OUTPUT)
                .value(adminApi.api().getUrl())
                .description("Admin API base URL, stage included")
                .build();
    }

    /** The operations pool's MFA: a TOTP app for every operator (README "MFA"). */
    public static final Mfa OPERATIONS_MFA = Mfa.REQUIRED;
    /** The TTL attribute of the Registrations table (lambda-src RegistrationRepository.EXPIRES_AT). */
    static final String REGISTRATION_EXPIRY = "expiresAt";

    /** The output holding the admin API's URL. */
    public static final String ADMIN_API_URL_OUTPUT = "AdminApiUrl";

    // The admin API trusts the operations pool (staff) by configuration and tenant pools (tier and silo, created
    // at run time in other accounts) through each tenant's TenantDetails record, which also carries its status:
    // a deactivated tenant's tokens stop working (lambda-src functions.authorizer).
    private ServiceFunction adminAuthorizer(FunctionCode code, LambdaApplication deployments, IKey key) {
        var pool = operationsUsers.userPool();
        var issuer = "https://cognito-idp." + getRegion() + ".amazonaws.com/" + pool.getUserPoolId();
        var environment = new TreeMap<String, String>();
        environment.put(contract.Env.API_KIND.variable(), contract.EnvContract.ADMIN_API);
        environment.put(contract.Env.TENANT_DETAILS_TABLE.variable(), tenantDetails.table().getTableName());
        environment.put(contract.Env.TRUSTED_POOLS.variable(),
                issuer + "|" + operationsUsers.client().getUserPoolClientId() + "|operations");
        var fn = new ServiceFunction(this, "AdminAuthorizer", ServiceFunction.Props.builder()
                .code(code.of(Handler.AUTHORIZER)).handler(Handler.AUTHORIZER.handler())
                .description("Verifies tokens of operators and tenant admins on the admin API and returns their route "
                        + "policy")
                .environment(environment).deployments(deployments).rollout(RolloutPolicy.CONTROL_PLANE)
                .signal(CanaryRollout.Signal.AUTHORIZER).service("admin-authorizer").build());
        // The table only (a table grant would add its indexes): one GetItem per tenant token.
        fn.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem"))
                .resources(List.of(tenantDetails.table().getTableArn()))
                .build());
        fn.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(key.getKeyArn()))
                .conditions(Map.of("StringEquals", new TreeMap<>(Map.of(
                        "kms:ViaService", "dynamodb." + getRegion() + ".amazonaws.com",
                        "kms:EncryptionContext:aws:dynamodb:tableName", tenantDetails.table().getTableName()))))
                .build());
        return fn;
    }

    // Starts the fleet pipelines when a TenantStackMapping change adds, removes or moves a silo stack.
    private StreamTrigger onboardingTrigger(Props props, FunctionCode code, LambdaApplication deployments) {
        var pipelineArns = props.pipelineNames().stream()
                .map(name -> formatArn(ArnComponents.builder().service("codepipeline").resource(name).build()))
                .toList();
        // The onboarding fast lane: a build of the onboard project (first pipeline's stack, same env) per new silo
        // tenant, that project only.
        var onboardProject = StackNames.onboardProjectName(props.fleet());
        return new StreamTrigger(this, "OnboardingTrigger", StreamTrigger.Props.builder()
                .code(code.of(Handler.PIPELINE_TRIGGER))
                .handler(Handler.PIPELINE_TRIGGER.handler())
                .description("Starts the fleet pipelines on silo tenant changes in TenantStackMapping")
                .environment(new TreeMap<>(Map.of(contract.Env.PIPELINE_NAMES.variable(), String.join(",", props.pipelineNames()),
                        contract.Env.ONBOARD_PROJECT.variable(), onboardProject)))
                .table(tenantStackMapping.table())
                .permissions(List.of(PolicyStatement.Builder.create()
                                .actions(List.of("codepipeline:StartPipelineExecution"))
                                .resources(pipelineArns)
                                .build(),
                        PolicyStatement.Builder.create()
                                .actions(List.of("codebuild:StartBuild"))
                                .resources(List.of(formatArn(ArnComponents.builder().service("codebuild")
                                        .resource("project").resourceName(onboardProject).build())))
                                .build()))
                .deployments(deployments)
                .rollout(RolloutPolicy.CONTROL_PLANE)
                .service("pipeline-trigger")
                .build());
    }

    public DataTable tenantDetails() {
        return tenantDetails;
    }

    public DataTable tenantUserMapping() {
        return tenantUserMapping;
    }

    public DataTable tenantStackMapping() {
        return tenantStackMapping;
    }

    public DataTable settings() {
        return settings;
    }

    public DataTable registrations() {
        return registrations;
    }

    Metering metering() {
        return metering;
    }

    FleetMonitoring monitoring() {
        return monitoring;
    }

    /** The custom resources that seed Settings and the first operators from the catalog. */
    BootstrapResources bootstrap() {
        return bootstrap;
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    ControlPlane controlPlane() {
        return controlPlane;
    }

    public TenantUserPool operationsUsers() {
        return operationsUsers;
    }

    /** The Lambda TOKEN authorizer of the admin API. */
    public ServiceFunction adminAuthorizer() {
        return adminAuthorizer;
    }

    public TenantApi adminApi() {
        return adminApi;
    }

    public StreamTrigger onboardingTrigger() {
        return onboardingTrigger;
    }
}
