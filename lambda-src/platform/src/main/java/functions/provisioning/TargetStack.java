package functions.provisioning;

import functions.users.UserDirectory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The clients of one pooled tier or silo stack, each in the stack's region with the credentials of its
 * control-plane role: what provisioning and tenant management do to a tenant happens through one of these.
 */
public interface TargetStack {

    StackLocation location();

    /**
     * The stack's outputs.
     *
     * @throws StackNotDeployedException when the stack does not exist (yet) or its role cannot be assumed
     * @throws IllegalStateException     when an output is missing or malformed (a deployment fault)
     */
    StackResources resources();

    /** Cognito of the stack's region: its user pool is {@code resources().userPoolId()}. */
    UserDirectory directory();

    /** API Gateway of the stack's region: keys of its API, plans such as {@code resources().usagePlanId()}. */
    ApiKeys apiKeys();

    /** DynamoDB of the stack's region, for its TenantApiKeys table. */
    DynamoDbClient dynamo();

    default TenantApiKeyTable keyTable() {
        return new TenantApiKeyTable(dynamo(), resources().tenantApiKeysTable());
    }
}
