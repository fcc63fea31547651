package constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.IUsagePlan;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * The role through which the control plane (the baseline's functions, usually in another account) provisions
 * tenants into one pooled tier or silo stack: it reads the stack's outputs, manages users and groups of the
 * stack's pool, the tenants' API keys in the stack's usage plan, and their key items in TenantApiKeys; and it reads
 * what the control plane's usage collector meters: the usage plan's per-key usage, and how many items each tenant
 * holds in the tenant tables (Query with {@code Select=COUNT} only, so never an item). Nothing else: no tenant data,
 * no other pool, plan or table. Only the named control-plane roles may assume it.
 */
public final class ControlPlaneAccess extends Construct {

    /** Cognito calls of the control plane's {@code functions.users.CognitoUserDirectory}. */
    static final List<String> COGNITO_ACTIONS = List.of("cognito-idp:AdminAddUserToGroup",
            "cognito-idp:AdminCreateUser", "cognito-idp:AdminDeleteUser", "cognito-idp:AdminDisableUser",
            "cognito-idp:AdminEnableUser", "cognito-idp:AdminGetUser", "cognito-idp:AdminUpdateUserAttributes",
            "cognito-idp:AdminUserGlobalSignOut", "cognito-idp:CreateGroup", "cognito-idp:DeleteGroup",
            "cognito-idp:GetGroup");

    /**
     * The tag each tenant API key carries from its creation, valued with the name of the stack whose role created
     * it: API Gateway authorizes key calls on {@code aws:ResourceTag} and key creation on {@code aws:RequestTag}
     * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigatewaymanagement.html),
     * so one stack's role reaches only its own stack's keys. {@code lambda-src}'s
     * {@code functions.provisioning.StackAccess.API_KEY_STACK_TAG} is the same name; both sides pin it in a test.
     */
    public static final String API_KEY_STACK_TAG = "saas-fleet:stack";

    /** The calls on a tenant's key item: write, flip {@code enabled}, delete, read back. */
    static final List<String> KEY_TABLE_ACTIONS = List.of("dynamodb:DeleteItem", "dynamodb:GetItem",
            "dynamodb:PutItem", "dynamodb:UpdateItem");

    /**
     * The one call on the tenant (product and order) tables: Query, allowed only when it asks for the count
     * ({@code dynamodb:Select} = {@code COUNT}: "allows only operations that request item count rather than the
     * actual items", https://repost.aws/knowledge-center/dynamodb-table-restrict-attributes and
     * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html), so the usage
     * collector counts a tenant's items without reading them.
     */
    static final String TENANT_TABLE_ACTION = "dynamodb:Query";

    /**
     * Who may provision into the stack.
     *
     * @param roleName        the role's fixed name, which the control plane derives from stack name and region
     *                        (required, at most 64 characters)
     * @param account         the control plane's account (required)
     * @param roleArns        the control-plane function roles that may assume it (required, not empty)
     */
    public record Trust(String roleName, String account, List<String> roleArns) {
        public Trust {
            Objects.requireNonNull(roleName, "ControlPlaneAccess.Trust: roleName is required");
            Objects.requireNonNull(account, "ControlPlaneAccess.Trust: account is required");
            if (roleArns == null || roleArns.isEmpty()) {
                throw new IllegalArgumentException("ControlPlaneAccess.Trust: roleArns must name at least one role");
            }
            if (roleName.length() > 64) {
                throw new IllegalArgumentException("ControlPlaneAccess.Trust: role name " + roleName
                        + " is longer than IAM's 64 characters");
            }
            roleArns = roleArns.stream().sorted().distinct().toList();
        }
    }

    /**
     * @param trust       who may assume the role (required)
     * @param userPool    the stack's user pool (required)
     * @param usagePlan   the stack's usage plan, which tenant keys join (required)
     * @param apiKeyTable the stack's TenantApiKeys table (required)
     * @param key         the key that encrypts that table and the tenant tables (required)
     * @param tenantTables the stack's tenant tables, whose items the usage collector counts (required, not empty)
     */
    public record Props(Trust trust, IUserPool userPool, IUsagePlan usagePlan, ITable apiKeyTable, IKey key,
                        List<ITable> tenantTables) {
        public Props {
            if (tenantTables == null || tenantTables.isEmpty()) {
                throw new IllegalArgumentException("ControlPlaneAccess: tenantTables must name at least one table");
            }
            tenantTables = List.copyOf(tenantTables);
            Objects.requireNonNull(trust, "ControlPlaneAccess: trust is required");
            Objects.requireNonNull(userPool, "ControlPlaneAccess: userPool is required");
            Objects.requireNonNull(usagePlan, "ControlPlaneAccess: usagePlan is required");
            Objects.requireNonNull(apiKeyTable, "ControlPlaneAccess: apiKeyTable is required");
            Objects.requireNonNull(key, "ControlPlaneAccess: key is required");
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private Trust trust;
            private IUserPool userPool;
            private IUsagePlan usagePlan;
            private ITable apiKeyTable;
            private IKey key;
            private List<ITable> tenantTables;

            private Builder() {
            }

            public Builder trust(Trust trust) { this.trust = trust; return this; }
            public Builder userPool(IUserPool userPool) { this.userPool = userPool; return this; }
            public Builder usagePlan(IUsagePlan usagePlan) { this.usagePlan = usagePlan; return this; }
            public Builder apiKeyTable(ITable apiKeyTable) { this.apiKeyTable = apiKeyTable; return this; }
            public Builder key(IKey key) { this.key = key; return this; }
            public Builder tenantTables(List<ITable> tenantTables) { this.tenantTables = tenantTables; return this; }

            public Props build() {
                return new Props(trust, userPool, usagePlan, apiKeyTable, key, tenantTables);
            }
        }
    }

    private final Role role;

    public ControlPlaneAccess(Construct scope, String id, Props props) {
        super(scope, id);
        // The account as principal, narrowed to the exact role ARNs by condition: a principal naming a role ARN
        // would turn into a dangling unique id whenever that role is replaced.
        this.role = Role.Builder.create(this, "Role")
                .roleName(props.trust().roleName())
                .assumedBy(new AccountPrincipal(props.trust().account()).withConditions(Map.of(
                        "ArnEquals", Map.of("aws:PrincipalArn", props.trust().roleArns()))))
                .description("Control-plane provisioning of " + Stack.of(this).getStackName()
                        + ": outputs, pool users and groups, tenant API keys and key items, usage and item counts")
                .maxSessionDuration(Duration.hours(1))
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("cloudformation:DescribeStacks"))
                .resources(List.of(Aws.STACK_ID))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(COGNITO_ACTIONS)
                .resources(List.of(props.userPool().getUserPoolArn()))
                .build());
        addApiKeyGrants(role, props.usagePlan(), Stack.of(this).getStackName());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(KEY_TABLE_ACTIONS)
                .resources(List.of(props.apiKeyTable().getTableArn()))
                .build());
        // Base tables only (no /index/*): the collector queries each shard key of the table itself.
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of(TENANT_TABLE_ACTION))
                .resources(props.tenantTables().stream().map(ITable::getTableArn).toList())
                .conditions(Map.of("StringEquals", Map.of("dynamodb:Select", "COUNT")))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"))
                .resources(List.of(props.key().getKeyArn()))
                .conditions(Map.of("StringLike", Map.of("kms:ViaService", "dynamodb.*.amazonaws.com")))
                .build());
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("API keys are created per tenant at run time, so their ids are unknown here: /apikeys/* "
                        + "only where the key carries this stack's " + API_KEY_STACK_TAG + " tag, and creating a key "
                        + "(with its tag, which API Gateway authorizes as PUT on the not-yet-created key's tags path, "
                        + "the literal ${*}) only with that tag; key attachment on this usage plan's /keys/*; "
                        + "everything else names this stack's one pool, table, key and stack")
                .appliesTo(List.of("Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::/apikeys/*",
                        // cdk-nag shows the ${*} as <*>, as it shows every ${...}.
                        "Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::/tags/arn%3A<AWS::Partition>"
                                + "%3Aapigateway%3A<AWS::Region>%3A%3A%2Fapikeys%2F<*>",
                        RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::"
                                + "\\/usageplans\\/<[A-Za-z0-9]+>\\/keys\\/\\*$/g").build()))
                .build()), true);
    }

    /**
     * The API key calls of {@code functions.provisioning.ApiGatewayApiKeys}, each as narrow as API Gateway's IAM
     * allows (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigatewaymanagement.html):
     * <ul>
     *   <li>GetApiKeys (GET {@code /apikeys}): the collection, which no tag or id narrows;</li>
     *   <li>CreateApiKey (POST {@code /apikeys}) only with this stack's tag and no other tag key; API Gateway also
     *       authorizes the tags of a key created with tags as PUT on {@code /tags/<url-encoded key ARN>}, the key id
     *       being a literal {@code *} then (as AWS's AccessDenied for that call shows), which IAM's {@code ${*}}
     *       matches and nothing else
     *       (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html, "Special
     *       characters"): TagResource on an existing key, which could move another stack's key into this
     *       stack's tag, is not allowed;</li>
     *   <li>GetApiKey, UpdateApiKey, DeleteApiKey (GET, PATCH, DELETE {@code /apikeys/<id>}) only on keys tagged
     *       with this stack's name;</li>
     *   <li>CreateUsagePlanKey (POST {@code /usageplans/<plan>/keys}) on this stack's usage plan.</li>
     * </ul>
     */
    private static void addApiKeyGrants(Role role, IUsagePlan usagePlan, String stackName) {
        // API Gateway's management ARNs have no account and a path for a resource: arn:<p>:apigateway:<region>::<path>.
        java.util.function.Function<String, String> apiGateway = path -> Arn.format(ArnComponents.builder()
                .partition(Aws.PARTITION).service("apigateway").region(Aws.REGION).account("").resource(path).build());
        var ownTag = Map.of("StringEquals", Map.of("aws:ResourceTag/" + API_KEY_STACK_TAG, stackName));
        var onlyOwnTagRequested = new TreeMap<String, Object>(Map.of(
                "StringEquals", Map.of("aws:RequestTag/" + API_KEY_STACK_TAG, stackName),
                "ForAllValues:StringEquals", Map.of("aws:TagKeys", List.of(API_KEY_STACK_TAG))));
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("apigateway:GET"))
                .resources(List.of(apiGateway.apply("/apikeys")))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("apigateway:POST"))
                .resources(List.of(apiGateway.apply("/apikeys")))
                .conditions(onlyOwnTagRequested)
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("apigateway:PUT"))
                .resources(List.of(apiGateway.apply("/tags/arn%3A" + Aws.PARTITION + "%3Aapigateway%3A" + Aws.REGION
                        + "%3A%3A%2Fapikeys%2F${*}")))
                .conditions(onlyOwnTagRequested)
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("apigateway:DELETE", "apigateway:GET", "apigateway:PATCH"))
                .resources(List.of(apiGateway.apply("/apikeys/*")))
                .conditions(ownTag)
                .build());
        // GetUsage (GET /usageplans/<plan>/usage): the per-key usage the control plane's usage collector meters
        // (functions.metering), on this plan only.
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("apigateway:GET"))
                .resources(List.of(apiGateway.apply("/usageplans/" + usagePlan.getUsagePlanId() + "/usage")))
                .build());
        var planKeys = "/usageplans/" + usagePlan.getUsagePlanId() + "/keys";
        // CreateUsagePlanKey posts to the plan's /keys; /keys/* too, in case the new key's path is what is
        // authorized: this plan only, either way.
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("apigateway:POST"))
                .resources(List.of(apiGateway.apply(planKeys), apiGateway.apply(planKeys + "/*")))
                .build());
    }

    public Role role() {
        return role;
    }
}
