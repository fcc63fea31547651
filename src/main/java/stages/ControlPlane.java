package stages;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import constructs.DataTable;
import constructs.ServiceFunction;
import constructs.TenantApi;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.codedeploy.ILambdaApplication;
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

    static final String REGISTRATION_HANDLER = "functions.registration.RegistrationHandler::handleRequest";
    static final String TENANT_ADMIN_HANDLER = "functions.tenants.TenantAdminHandler::handleRequest";
    static final String TENANT_USER_HANDLER = "functions.tenants.TenantUserHandler::handleRequest";

    // Cognito calls of functions.users.CognitoUserDirectory, split by who needs them.
    private static final List<String> COGNITO_ONBOARDING = List.of("cognito-idp:AdminCreateUser",
            "cognito-idp:AdminGetUser", "cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminDeleteUser",
            "cognito-idp:CreateGroup", "cognito-idp:GetGroup");
    // AdminDeleteUser: a user creation that fails half-way is undone (functions.tenants.TenantUsers#create).
    private static final List<String> COGNITO_USER_ADMIN = List.of("cognito-idp:AdminCreateUser",
            "cognito-idp:AdminDeleteUser",
            "cognito-idp:AdminGetUser", "cognito-idp:AdminAddUserToGroup", "cognito-idp:ListUsersInGroup",
            "cognito-idp:AdminUpdateUserAttributes", "cognito-idp:AdminDisableUser", "cognito-idp:AdminEnableUser");
    private static final List<String> COGNITO_TENANT_LIFECYCLE = List.of("cognito-idp:ListUsersInGroup",
            "cognito-idp:AdminDisableUser", "cognito-idp:AdminEnableUser");

    /**
     * @param tables      the control-plane tables (required)
     * @param api         the admin API the routes are added to (required)
     * @param code        the functions jar (required)
     * @param deployments CodeDeploy application of the baseline's functions (required)
     */
    record Props(Tables tables, TenantApi api, Code code, ILambdaApplication deployments) {
        Props {
            Objects.requireNonNull(tables, "ControlPlane: tables is required");
            Objects.requireNonNull(api, "ControlPlane: api is required");
            Objects.requireNonNull(code, "ControlPlane: code is required");
            Objects.requireNonNull(deployments, "ControlPlane: deployments is required");
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
            env.put("REGISTRATIONS_TABLE", registrations.table().getTableName());
            env.put("SETTINGS_TABLE", settings.table().getTableName());
            env.put("TENANT_DETAILS_TABLE", tenantDetails.table().getTableName());
            env.put("TENANT_STACK_MAPPING_TABLE", tenantStackMapping.table().getTableName());
            env.put("TENANT_USER_MAPPING_TABLE", tenantUserMapping.table().getTableName());
            return env;
        }
    }

    private final ServiceFunction registration;
    private final ServiceFunction tenantAdmin;
    private final ServiceFunction tenantUsers;

    ControlPlane(Construct scope, String id, Props props) {
        super(scope, id);
        var tables = props.tables();
        this.registration = function("Registration", REGISTRATION_HANDLER,
                "Registers a tenant: tenant record, admin user and provisioning in one saga", props);
        this.tenantAdmin = function("TenantAdmin", TENANT_ADMIN_HANDLER,
                "Tenant management: create, read, list, update, activate, deactivate, offboard", props);
        this.tenantUsers = function("TenantUsers", TENANT_USER_HANDLER,
                "User management of one tenant: create, read, list, update, disable", props);

        // Registration and tenant creation run the same saga over every control-plane table; Settings is read-only.
        for (var saga : List.of(registration, tenantAdmin)) {
            tables.registrations().table().grantReadWriteData(saga.role());
            tables.tenantDetails().table().grantReadWriteData(saga.role());
            tables.tenantUserMapping().table().grantReadWriteData(saga.role());
            tables.tenantStackMapping().table().grantReadWriteData(saga.role());
            tables.settings().table().grantReadData(saga.role());
            saga.role().addToPrincipalPolicy(cognito(COGNITO_ONBOARDING));
            saga.role().addToPrincipalPolicy(apiKeys());
        }
        tenantAdmin.role().addToPrincipalPolicy(cognito(COGNITO_TENANT_LIFECYCLE));
        // User management never touches registrations, stack mappings or API keys.
        tables.tenantDetails().table().grantReadData(tenantUsers.role());
        tables.tenantUserMapping().table().grantReadWriteData(tenantUsers.role());
        tables.settings().table().grantReadData(tenantUsers.role());
        tenantUsers.role().addToPrincipalPolicy(cognito(COGNITO_USER_ADMIN));

        var api = props.api();
        api.addPublicRoute("POST", "/registration", registration.alias(),
                "POST /registration is the public sign-up of new tenants: it creates nothing but a pending "
                        + "registration until the saga succeeds, validates every field, is idempotent per "
                        + "Idempotency-Key, and sits behind the WAF rate limit and the stage throttle");
        route(api, "GET", "/tenants", tenantAdmin);
        route(api, "POST", "/tenants", tenantAdmin);
        route(api, "GET", "/tenants/{tenantId}", tenantAdmin);
        route(api, "PUT", "/tenants/{tenantId}", tenantAdmin);
        for (var action : List.of("activate", "deactivate", "offboard")) {
            route(api, "POST", "/tenants/{tenantId}/" + action, tenantAdmin);
        }
        route(api, "GET", "/tenants/{tenantId}/users", tenantUsers);
        route(api, "POST", "/tenants/{tenantId}/users", tenantUsers);
        route(api, "GET", "/tenants/{tenantId}/users/{userName}", tenantUsers);
        route(api, "PUT", "/tenants/{tenantId}/users/{userName}", tenantUsers);
        route(api, "POST", "/tenants/{tenantId}/users/{userName}/disable", tenantUsers);

        for (var fn : List.of(registration, tenantAdmin, tenantUsers)) {
            suppressScopedWildcards(fn.role());
        }
    }

    private ServiceFunction function(String id, String handler, String description, Props props) {
        return new ServiceFunction(this, id, new ServiceFunction.Props(props.code(), handler, description,
                new TreeMap<>(props.tables().environment()), props.deployments(), RolloutPolicy.CONTROL_PLANE));
    }

    private static void route(TenantApi api, String method, String path, ServiceFunction target) {
        api.addRoute(method, path, target.alias());
    }

    // Tier pools and silo pools are created by other stacks and named in the Settings table, so the grant names
    // this account's pools in this region, not one pool.
    private static PolicyStatement cognito(List<String> actions) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of("arn:" + Aws.PARTITION + ":cognito-idp:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                        + ":userpool/*"))
                .build();
    }

    // Per-tenant API keys (functions.provisioning.ApiGatewayApiKeys): create, find, enable/disable, delete keys
    // and attach them to the tiers' usage plans. API Gateway authorizes these by HTTP verb on resource paths.
    private static PolicyStatement apiKeys() {
        var base = "arn:" + Aws.PARTITION + ":apigateway:" + Aws.REGION + "::";
        return PolicyStatement.Builder.create()
                .actions(List.of("apigateway:GET", "apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"))
                .resources(List.of(base + "/apikeys", base + "/apikeys/*", base + "/usageplans/*/keys"))
                .build();
    }

    private static void suppressScopedWildcards(IGrantable role) {
        NagSuppressions.addResourceSuppressions((Construct) role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Control-plane grants: kms:ReEncrypt*/GenerateDataKey* come with the DynamoDB grants on "
                        + "the baseline's one data key; user pools of tiers and silo tenants are named at run time by "
                        + "the Settings table, so Cognito actions name this account's pools in this region; API "
                        + "keys are created per tenant at run time, so API Gateway paths end in /apikeys/* and "
                        + "/usageplans/*/keys; <table>/index/* is the L2 grant's access to the table's own global "
                        + "secondary indexes (tenantName-index, userName-index)")
                .appliesTo(List.of("Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*",
                        RegexAppliesTo.builder().regex("/^Resource::<(TenantDetails|TenantUserMapping)Table[0-9A-F]+"
                                + "\\.Arn>\\/index\\/\\*$/g").build(),
                        "Resource::arn:<AWS::Partition>:cognito-idp:<AWS::Region>:<AWS::AccountId>:userpool/*",
                        "Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::/apikeys/*",
                        "Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::/usageplans/*/keys"))
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
}
