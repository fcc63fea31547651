package stages;

import constructs.FunctionCode;
import contract.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import app.AwsEnv;
import app.PooledTierEntry;

import constructs.CanaryRollout;
import constructs.DataTable;
import constructs.PolicyChunks;
import constructs.RegistrantPool;
import constructs.QueueWorker;
import constructs.ServiceFunction;
import constructs.StackOffboarder;
import constructs.TenantApi;
import constructs.UsageLimits;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.codedeploy.ILambdaApplication;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * The control-plane functions of the baseline ({@code lambda-src} packages {@code functions.registration} and
 * {@code functions.tenants}) and their admin API routes: public registration, tenant management and user
 * management. Each function gets only the tables, Cognito actions and API Gateway key operations its routes use.
 */
final class ControlPlane extends Construct {

    static final String REGISTRATION_HANDLER = Handler.REGISTRATION.handler();
    static final String TENANT_ADMIN_HANDLER = Handler.TENANT_ADMIN.handler();
    static final String TENANT_USER_HANDLER = Handler.TENANT_USER.handler();
    static final String OPERATOR_HANDLER = Handler.OPERATOR.handler();
    static final String TENANT_ACCESS_HANDLER = Handler.TENANT_ACCESS.handler();

    /** functions.tenants.SqsAccessQueue.VARIABLE: the tenant access queue, on TenantAdmin and the worker. */
    static final String TENANT_ACCESS_QUEUE_URL = contract.Env.TENANT_ACCESS_QUEUE_URL.variable();
    /** One page of users per message: 50 users at 10 directory calls/s (functions.tenants.TenantAccessWorker). */
    static final Duration TENANT_ACCESS_TIMEOUT = Duration.seconds(60);
    /** With the worker's 10 calls/s, at most 20 of Cognito's UserUpdate requests per second go to access jobs. */
    static final int TENANT_ACCESS_CONCURRENCY = 2;

    /** The day's sign-up mails (lambda-src SignUpMailQuota.VARIABLE) and its values without and with SES. */
    static final String SIGN_UP_MAILS_PER_DAY = contract.Env.SIGN_UP_MAILS_PER_DAY.variable();
    static final int SIGN_UP_MAILS_WITHOUT_SES = 25;
    static final int SIGN_UP_MAILS_WITH_SES = 2_000;

    /** Where the registration function mails sign-up codes (lambda-src SignUpService.REGISTRANT_POOL_ID). */
    static final String REGISTRANT_POOL_ID = contract.Env.REGISTRANT_POOL_ID.variable();

    /** What functions.operators.OperatorService calls on the operations pool, and nothing else. */
    static final List<String> OPERATOR_COGNITO_ACTIONS = List.of("cognito-idp:AdminAddUserToGroup",
            "cognito-idp:AdminCreateUser", "cognito-idp:AdminDeleteUser", "cognito-idp:AdminDisableUser",
            "cognito-idp:AdminEnableUser", "cognito-idp:AdminGetUser", "cognito-idp:CreateGroup",
            "cognito-idp:GetGroup", "cognito-idp:ListUsers");

    /** The public sign-up routes (lambda-src functions.registration.RegistrationHandler). */
    static final String REGISTRATION_ROUTE = "/registration";
    static final String VERIFY_ROUTE = "/registration/{requestId}/verify";

    /**
     * The sign-up routes' own throttles, far below the admin stage's shared 50/s: each sign-up mails a code through
     * Cognito and holds a name for up to an hour, and each verification is a guess at a code; the admin and
     * operator routes keep the stage throttle whatever the sign-up traffic.
     */
    static final UsageLimits.Throttle SIGN_UP_THROTTLE = new UsageLimits.Throttle(2, 5);
    static final UsageLimits.Throttle VERIFY_THROTTLE = new UsageLimits.Throttle(5, 10);

    /** The internal route the fleet pipelines call (IAM-signed) when a silo tenant's stack is deployed. */
    static final String ACTIVATE_ROUTE = "/internal/tenants/{tenantId}/activate";

    /** The roles whose sessions TenantAdminHandler accepts on internal routes (functions.tenants.InternalCallers). */
    static final String INTERNAL_CALLER_ROLES = contract.Env.INTERNAL_CALLER_ROLES.variable();

    /**
     * The functions that reach into tier and silo stacks through their ControlPlaneAccess role, by construct id (also
     * their role names): the provisioning functions and the usage collector (stages.Metering).
     */
    static final List<String> PROVISIONING_FUNCTIONS = List.of("Registration", "TenantAdmin", "TenantUsers",
            "TenantAccess", Metering.USAGE_COLLECTOR);

    /**
     * @param tables      the control-plane tables (required)
     * @param api         the admin API the routes are added to (required)
     * @param code        the functions jar (required)
     * @param deployments CodeDeploy application of the baseline's functions (required)
     * @param env         the baseline's environment (required)
     * @param pooledTiers every pooled tier stack of the catalog, where pooled tenants are provisioned (required)
     * @param operations  the operations user pool, whose staff users the operator routes manage (required)
     * @param pipelineNames the fleet pipelines, whose ActivateSilos roles may call the internal route (required)
     * @param stackAccounts the accounts of the catalog's pooled tier and silo tenant stacks, the only accounts whose
     *                      access roles the provisioning functions may assume (required; empty: none)
     * @param fleet       the catalog's fleet name, which starts the role and stack names (required)
     * @param signUpMail  the SES sender of the sign-up codes (@default null: Cognito's default mailer)
     */
    record Props(Tables tables, TenantApi api, FunctionCode code, ILambdaApplication deployments, AwsEnv env,
                 List<PooledTierEntry> pooledTiers, IUserPool operations, List<String> pipelineNames,
                 List<String> stackAccounts, String fleet, constructs.TenantUserPool.SesSender signUpMail) {
        Props {
            Objects.requireNonNull(fleet, "ControlPlane: fleet is required");
            stackAccounts = Objects.requireNonNull(stackAccounts, "ControlPlane: stackAccounts is required")
                    .stream().sorted().distinct().toList();
            pipelineNames = List.copyOf(Objects.requireNonNull(pipelineNames, "ControlPlane: pipelineNames is required"));
            Objects.requireNonNull(operations, "ControlPlane: operations is required");
            Objects.requireNonNull(env, "ControlPlane: env is required");
            Objects.requireNonNull(pooledTiers, "ControlPlane: pooledTiers is required");
            pooledTiers = List.copyOf(pooledTiers);
            Objects.requireNonNull(tables, "ControlPlane: tables is required");
            Objects.requireNonNull(api, "ControlPlane: api is required");
            Objects.requireNonNull(code, "ControlPlane: code is required");
            Objects.requireNonNull(deployments, "ControlPlane: deployments is required");
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private Tables tables;
            private TenantApi api;
            private FunctionCode code;
            private ILambdaApplication deployments;
            private AwsEnv env;
            private List<PooledTierEntry> pooledTiers;
            private IUserPool operations;
            private List<String> pipelineNames;
            private List<String> stackAccounts;
            private String fleet;
            private constructs.TenantUserPool.SesSender signUpMail;

            private Builder() {
            }

            public Builder tables(Tables tables) { this.tables = tables; return this; }
            public Builder api(TenantApi api) { this.api = api; return this; }
            public Builder code(FunctionCode code) { this.code = code; return this; }
            public Builder deployments(ILambdaApplication deployments) { this.deployments = deployments; return this; }
            public Builder env(AwsEnv env) { this.env = env; return this; }
            public Builder pooledTiers(List<PooledTierEntry> pooledTiers) {
                this.pooledTiers = pooledTiers;
                return this;
            }
            public Builder operations(IUserPool operations) { this.operations = operations; return this; }
            public Builder pipelineNames(List<String> pipelineNames) {
                this.pipelineNames = pipelineNames;
                return this;
            }
            public Builder stackAccounts(List<String> stackAccounts) {
                this.stackAccounts = stackAccounts;
                return this;
            }
            public Builder fleet(String fleet) { this.fleet = fleet; return this; }
            public Builder signUpMail(constructs.TenantUserPool.SesSender signUpMail) {
                this.signUpMail = signUpMail;
                return this;
            }

            public Props build() {
                return new Props(tables, api, code, deployments, env, pooledTiers, operations, pipelineNames,
                        stackAccounts, fleet, signUpMail);
            }
        }
    }

    /** The baseline tables the control plane works on. */
    record Tables(DataTable tenantDetails, DataTable tenantUserMapping, DataTable tenantStackMapping,
                  DataTable settings, DataTable registrations) {
        Tables {
            Objects.requireNonNull(tenantDetails, "ControlPlane.Tables: tenantDetails is required");
            Objects.requireNonNull(tenantUserMapping, "ControlPlane.Tables: tenantUserMapping is required");
            Objects.requireNonNull(tenantStackMapping, "ControlPlane.Tables: tenantStackMapping is required");
            Objects.requireNonNull(settings, "ControlPlane.Tables: settings is required");
            Objects.requireNonNull(registrations, "ControlPlane.Tables: registrations is required");
        }

        /** What functions.tenants.ControlPlaneConfig reads. */
        Map<String, String> environment() {
            var env = new TreeMap<String, String>();
            env.put(contract.Env.REGISTRATIONS_TABLE.variable(), registrations.table().getTableName());
            env.put(contract.Env.SETTINGS_TABLE.variable(), settings.table().getTableName());
            env.put(contract.Env.TENANT_DETAILS_TABLE.variable(), tenantDetails.table().getTableName());
            env.put(contract.Env.TENANT_STACK_MAPPING_TABLE.variable(),
                    tenantStackMapping.table().getTableName());
            env.put(contract.Env.TENANT_USER_MAPPING_TABLE.variable(), tenantUserMapping.table().getTableName());
            return env;
        }
    }

    private final ServiceFunction registration;
    private final ServiceFunction tenantAdmin;
    private final ServiceFunction tenantUsers;
    private final ServiceFunction operators;
    private final RegistrantPool registrants;
    private final QueueWorker tenantAccess;

    ControlPlane(Construct scope, String id, Props props) {
        super(scope, id);
        var tables = props.tables();
        this.registration = function("Registration", "registration", REGISTRATION_HANDLER,
                "Registers a tenant: tenant record, admin user and provisioning in one saga", props);
        this.tenantAdmin = function("TenantAdmin", "tenant-admin", TENANT_ADMIN_HANDLER,
                "Tenant management: create, read, list, update, activate, deactivate, offboard", props);
        // Sign-up codes are mailed through the registrant pool; only the registration function may create registrants.
        this.registrants = new RegistrantPool(this, "Registrants", props.signUpMail());
        registration.function().addEnvironment(REGISTRANT_POOL_ID, registrants.userPool().getUserPoolId());
        // Sign-up codes a day (lambda-src SignUpMailQuota): without SES, half of Cognito's default 50 mails a day for
        // the account (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html), the rest left to the
        // operators' invitations; with SES, the identity's own quota bounds it.
        registration.function().addEnvironment(SIGN_UP_MAILS_PER_DAY, Integer.toString(
                props.signUpMail() == null ? SIGN_UP_MAILS_WITHOUT_SES : SIGN_UP_MAILS_WITH_SES));
        registrants.grantMail(registration.role());
        this.tenantUsers = function("TenantUsers", "tenant-users", TENANT_USER_HANDLER,
                "User management of one tenant: create, read, list, update, disable, enable", props);
        // Deactivation, activation and offboarding change each user of the tenant here, a page per message.
        this.tenantAccess = new QueueWorker(this, "TenantAccess", QueueWorker.Props.builder()
                .code(props.code().of(TENANT_ACCESS_HANDLER)).handler(TENANT_ACCESS_HANDLER)
                .description("Disables or enables the users of a tenant, one page per message")
                .environment(functionEnvironment(props)).queueUrlVariable(TENANT_ACCESS_QUEUE_URL)
                .timeout(TENANT_ACCESS_TIMEOUT).maxConcurrency(TENANT_ACCESS_CONCURRENCY)
                .deployments(props.deployments()).rollout(RolloutPolicy.CONTROL_PLANE).service("tenant-access")
                .build());
        tenantAccess.queue().grantSendMessages(tenantAdmin.role());
        tenantAdmin.function().addEnvironment(TENANT_ACCESS_QUEUE_URL, tenantAccess.queue().getQueueUrl());

        // Staff users of the operations pool: no table, no other pool, no tenant stack.
        this.operators = new ServiceFunction(this, "Operators", ServiceFunction.Props.builder()
                .code(props.code().of(OPERATOR_HANDLER)).handler(OPERATOR_HANDLER)
                .description("Operations staff (SystemAdmin, CustomerSupport) of the operations user pool")
                .environment(new TreeMap<>(Map.of(contract.Env.OPERATIONS_USER_POOL_ID.variable(), props.operations().getUserPoolId())))
                .deployments(props.deployments()).rollout(RolloutPolicy.CONTROL_PLANE).signal(CanaryRollout.Signal.API)
                .service("operators").build());
        props.operations().grant(operators.role(), OPERATOR_COGNITO_ACTIONS.toArray(String[]::new));

        // Registration and tenant creation run the same saga over every control-plane table; Settings is read-only.
        for (var saga : List.of(registration, tenantAdmin)) {
            tables.registrations().table().grantReadWriteData(saga.role());
            tables.tenantDetails().table().grantReadWriteData(saga.role());
            tables.tenantUserMapping().table().grantReadWriteData(saga.role());
            tables.tenantStackMapping().table().grantReadWriteData(saga.role());
            tables.settings().table().grantReadData(saga.role());
        }
        // User management never touches registrations, stack mappings or API keys.
        tables.tenantDetails().table().grantReadData(tenantUsers.role());
        tables.tenantUserMapping().table().grantReadWriteData(tenantUsers.role());
        tables.settings().table().grantReadData(tenantUsers.role());
        // The worker reads and records its job on TenantDetails and pages through TenantUserMapping.
        tables.tenantDetails().table().grantReadWriteData(tenantAccess.function().role());
        tables.tenantUserMapping().table().grantReadData(tenantAccess.function().role());
        // Pools, usage plans and key tables live in the tier and silo stacks, usually other accounts: each
        // function reaches them only through the stack's ControlPlaneAccess role, which trusts exactly these
        // roles (fixed names) and allows only that stack's pool, plan, key table and outputs. Only the catalog's
        // stack accounts: the baseline is re-synthesized from the catalog table on every pipeline run and deployed
        // in the first wave, so an account a new silo tenant brings is added before the pipeline activates it.
        var accessRoles = accessRolePatterns(props.fleet(), props.stackAccounts());
        var provisioners = new LinkedHashMap<String, ServiceFunction>();
        provisioners.put("Registration", registration);
        provisioners.put("TenantAdmin", tenantAdmin);
        provisioners.put("TenantUsers", tenantUsers);
        provisioners.put("TenantAccess", tenantAccess.function());
        for (var named : provisioners.entrySet()) {
            var provisioner = named.getValue();
            ((CfnRole) provisioner.role().getNode().getDefaultChild()).setRoleName(
                    StackNames.controlPlaneFunctionRoleName(props.fleet(), named.getKey(), props.env().region()));
            PolicyChunks.of(accessRoles).forEach(roles -> provisioner.role().addToPrincipalPolicy(
                    PolicyStatement.Builder.create()
                            .actions(List.of("sts:AssumeRole"))
                            .resources(roles)
                            .build()));
        }

        var api = props.api();
        api.addPublicRoute("POST", REGISTRATION_ROUTE, registration.alias(),
                "POST /registration is the public sign-up of new tenants: it validates every field, records a "
                        + "pending registration holding its name and email for an hour and mails a one-time code; "
                        + "it provisions nothing, is idempotent per Idempotency-Key, and sits behind its own method "
                        + "throttle and the WAF rate limit");
        api.addPublicRoute("POST", VERIFY_ROUTE, registration.alias(),
                "POST /registration/{requestId}/verify takes the mailed one-time code: five attempts per code, "
                        + "compared with its stored hash in constant time; only a match provisions the tenant; it "
                        + "sits behind its own method throttle and the WAF rate limit");
        api.throttleRoute("POST", REGISTRATION_ROUTE, SIGN_UP_THROTTLE);
        api.throttleRoute("POST", VERIFY_ROUTE, VERIFY_THROTTLE);
        route(api, "GET", "/tenants", tenantAdmin);
        route(api, "POST", "/tenants", tenantAdmin);
        route(api, "GET", "/tenants/{tenantId}", tenantAdmin);
        route(api, "PUT", "/tenants/{tenantId}", tenantAdmin);
        for (var action : List.of("activate", "deactivate", "offboard")) {
            route(api, "POST", "/tenants/{tenantId}/" + action, tenantAdmin);
        }
        // API Gateway's IAM check proves the caller may invoke the route; the handler also checks it is one of
        // these roles (any principal of the account with a broad execute-api:Invoke could pass the first).
        // And the onboard project's role (the onboarding fast lane, stages.OnboardProject), beside the pipelines'.
        tenantAdmin.function().addEnvironment(INTERNAL_CALLER_ROLES, java.util.stream.Stream.concat(
                        props.pipelineNames().stream().sorted().map(StackNames::activateSilosRoleName),
                        java.util.stream.Stream.of(StackNames.onboardRoleName(props.fleet())))
                .map(name -> StackNames.roleArn(props.env(), name))
                .collect(Collectors.joining(",")));
        api.addIamRoute("POST", ACTIVATE_ROUTE, tenantAdmin.alias(),
                "the fleet pipelines' ActivateSilos step, once a silo tenant's stack is deployed");
        route(api, "GET", "/operators", operators);
        route(api, "POST", "/operators", operators);
        route(api, "GET", "/operators/{userName}", operators);
        route(api, "POST", "/operators/{userName}/disable", operators);
        route(api, "POST", "/operators/{userName}/enable", operators);
        route(api, "GET", "/tenants/{tenantId}/users", tenantUsers);
        route(api, "POST", "/tenants/{tenantId}/users", tenantUsers);
        route(api, "GET", "/tenants/{tenantId}/users/{userName}", tenantUsers);
        route(api, "PUT", "/tenants/{tenantId}/users/{userName}", tenantUsers);
        route(api, "POST", "/tenants/{tenantId}/users/{userName}/disable", tenantUsers);
        route(api, "POST", "/tenants/{tenantId}/users/{userName}/enable", tenantUsers);

        for (var fn : provisioners.values()) {
            suppressScopedWildcards(fn.role(), props.fleet());
        }
    }

    private ServiceFunction function(String id, String service, String handler, String description, Props props) {
        return new ServiceFunction(this, id, ServiceFunction.Props.builder()
                .code(props.code().of(handler)).handler(handler).description(description)
                .environment(functionEnvironment(props)).deployments(props.deployments())
                .rollout(RolloutPolicy.CONTROL_PLANE).signal(CanaryRollout.Signal.API).service(service).build());
    }

    /** What functions.tenants.ControlPlane.fromEnvironment reads. */
    private static TreeMap<String, String> functionEnvironment(Props props) {
        var environment = new TreeMap<>(props.tables().environment());
        environment.put(POOLED_TIER_STACKS, pooledTierStacks(props.pooledTiers()));
        environment.put(StackOffboarder.FLEET_NAME, props.fleet());
        return environment;
    }

    /** Where the catalog's pooled tier stacks are: {@code <TIER>=<account>/<region>}, sorted, comma-separated. */
    static final String POOLED_TIER_STACKS = contract.Env.POOLED_TIER_STACKS.variable();

    static String pooledTierStacks(List<PooledTierEntry> tiers) {
        return tiers.stream()
                .map(t -> t.tier().name() + "=" + t.env().account() + "/" + t.env().region())
                .sorted()
                .distinct()
                .collect(Collectors.joining(","));
    }

    /** The ARNs of the roles that may assume a tier or silo stack's {@code ControlPlaneAccess} role. */
    static List<String> provisioningRoleArns(AwsEnv baseline) {
        return provisioningRoleArns(StackNames.PREFIX, baseline);
    }

    static List<String> provisioningRoleArns(String fleet, AwsEnv baseline) {
        return PROVISIONING_FUNCTIONS.stream()
                .map(fn -> StackNames.roleArn(baseline,
                        StackNames.controlPlaneFunctionRoleName(fleet, fn, baseline.region())))
                .toList();
    }

    /**
     * The access roles of the fleet stacks in {@code accounts}: {@code arn:<p>:iam::<account>:role/<fleet>-pooled-*-cp-*}
     * and {@code ...:role/<fleet>-silo-*-cp-*} (the names {@link StackNames#controlPlaneAccessRoleName} gives pooled
     * tier and silo stacks). No fleet name has a {@code pooled} or {@code silo} segment ({@code app.AwsRules}), so
     * these never match another fleet's roles in a shared account, as {@code <fleet>-*} would ({@code acme-*} matches
     * {@code acme-stg-...}).
     */
    static List<String> accessRolePatterns(String fleet, List<String> accounts) {
        return accounts.stream().sorted().distinct()
                .flatMap(account -> Stream.of("pooled", "silo").map(kind ->
                        Arn.format(ArnComponents.builder().partition(Aws.PARTITION).service("iam").region("")
                                .account(account).resource("role").resourceName(fleet + "-" + kind + "-*-cp-*")
                                .build())))
                .toList();
    }

    private static void route(TenantApi api, String method, String path, ServiceFunction target) {
        api.addRoute(method, path, target.alias());
    }

    private static void suppressScopedWildcards(IGrantable role, String fleet) {
        NagSuppressions.addResourceSuppressions((Construct) role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Control-plane grants: kms:ReEncrypt*/GenerateDataKey* come with the DynamoDB grants on "
                        + "the baseline's one data key; tier and silo stacks are onboarded at run time, so "
                        + "sts:AssumeRole names their control-plane access roles by pattern (" + fleet + "-pooled-*-cp-* and "
                        + fleet + "-silo-*-cp-*, in the "
                        + "catalog's stack accounts only), each of which trusts exactly these fixed-name "
                        + "roles and allows only its own stack's pool, usage plan and key table")
                .appliesTo(List.of("Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*",
                        RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:iam::[0-9]{12}:role\\/"
                                + fleet + "-(pooled|silo)-\\*-cp-\\*$/g").build()))
                .build()), true);
    }

    ServiceFunction registration() {
        return registration;
    }

    ServiceFunction tenantAdmin() {
        return tenantAdmin;
    }

    ServiceFunction tenantUsers() {
        return tenantUsers;
    }

    ServiceFunction operators() {
        return operators;
    }

    RegistrantPool registrants() {
        return registrants;
    }

    QueueWorker tenantAccess() {
        return tenantAccess;
    }
}
