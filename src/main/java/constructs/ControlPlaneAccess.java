package constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
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
 * stack's pool, the tenants' API keys in the stack's usage plan, and their key items in TenantApiKeys. Nothing
 * else: no tenant data, no other pool, plan or table. Only the named control-plane roles may assume it.
 */
public final class ControlPlaneAccess extends Construct {

    /** Cognito calls of the control plane's {@code functions.users.CognitoUserDirectory}. */
    static final List<String> COGNITO_ACTIONS = List.of("cognito-idp:AdminAddUserToGroup",
            "cognito-idp:AdminCreateUser", "cognito-idp:AdminDeleteUser", "cognito-idp:AdminDisableUser",
            "cognito-idp:AdminEnableUser", "cognito-idp:AdminGetUser", "cognito-idp:AdminUpdateUserAttributes",
            "cognito-idp:CreateGroup", "cognito-idp:DeleteGroup", "cognito-idp:GetGroup",
            "cognito-idp:ListUsersInGroup");

    /** The calls on a tenant's key item: write, flip {@code enabled}, delete, read back. */
    static final List<String> KEY_TABLE_ACTIONS = List.of("dynamodb:DeleteItem", "dynamodb:GetItem",
            "dynamodb:PutItem", "dynamodb:UpdateItem");

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
     * @param key         the key that encrypts that table (required)
     */
    public record Props(Trust trust, IUserPool userPool, IUsagePlan usagePlan, ITable apiKeyTable, IKey key) {
        public Props {
            Objects.requireNonNull(trust, "ControlPlaneAccess: trust is required");
            Objects.requireNonNull(userPool, "ControlPlaneAccess: userPool is required");
            Objects.requireNonNull(usagePlan, "ControlPlaneAccess: usagePlan is required");
            Objects.requireNonNull(apiKeyTable, "ControlPlaneAccess: apiKeyTable is required");
            Objects.requireNonNull(key, "ControlPlaneAccess: key is required");
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
                        + ": outputs, pool users and groups, tenant API keys and key items")
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
        var apiGateway = "arn:" + Aws.PARTITION + ":apigateway:" + Aws.REGION + "::";
        var planKeys = apiGateway + "/usageplans/" + props.usagePlan().getUsagePlanId() + "/keys";
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("apigateway:DELETE", "apigateway:GET", "apigateway:PATCH", "apigateway:POST"))
                .resources(List.of(apiGateway + "/apikeys", apiGateway + "/apikeys/*", planKeys, planKeys + "/*"))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(KEY_TABLE_ACTIONS)
                .resources(List.of(props.apiKeyTable().getTableArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"))
                .resources(List.of(props.key().getKeyArn()))
                .conditions(Map.of("StringLike", Map.of("kms:ViaService", "dynamodb.*.amazonaws.com")))
                .build());
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("API keys are created per tenant at run time, so their ids are unknown here: API Gateway "
                        + "paths /apikeys/* and this usage plan's /keys/*; everything else names this stack's one "
                        + "pool, table, key and stack")
                .appliesTo(List.of("Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::/apikeys/*",
                        RegexAppliesTo.builder().regex("/^Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::"
                                + "\\/usageplans\\/<[A-Za-z0-9]+>\\/keys\\/\\*$/g").build()))
                .build()), true);
    }

    public Role role() {
        return role;
    }
}
