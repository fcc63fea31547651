package functions.tenants;

import functions.provisioning.AccountRegion;
import functions.shared.MotoAccount;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * One fleet account and region on moto, as its deployment sees it: clients signed with credentials that moto's STS
 * issued for a role of that account ({@link MotoAccount}), so everything they create lives in that account (moto, like AWS, acts
 * in the account of the credentials) and region. The control plane under test reaches the same resources only
 * through its own assumed roles ({@code functions.provisioning.AssumedRoleStacks}). One per environment per JVM.
 */
final class MotoEnvironment {

    private static final Map<AccountRegion, MotoEnvironment> OPEN = new ConcurrentHashMap<>();

    final AccountRegion env;
    final CognitoIdentityProviderClient cognito;
    final ApiGatewayClient apiGateway;
    final DynamoDbClient dynamo;
    final CloudFormationClient cloudFormation;

    private MotoEnvironment(AccountRegion env) {
        this.env = env;
        MotoAccount account = new MotoAccount(env.account());
        cognito = account.configure(CognitoIdentityProviderClient.builder(), env.region()).build();
        apiGateway = account.configure(ApiGatewayClient.builder(), env.region()).build();
        dynamo = account.configure(DynamoDbClient.builder(), env.region()).build();
        cloudFormation = account.configure(CloudFormationClient.builder(), env.region()).build();
    }

    static MotoEnvironment of(AccountRegion env) {
        return OPEN.computeIfAbsent(env, MotoEnvironment::new);
    }

    /** A fresh uniquely named table keyed by {@code hashKey} (S), in this account and region. */
    String createTable(String hashKey) {
        String name = "t-" + UUID.randomUUID();
        dynamo.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(hashKey)
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build()));
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(name));
        return name;
    }

    /** Deletes every user and group of the pool. */
    void emptyUserPool(String userPoolId) {
        cognito.listUsersPaginator(r -> r.userPoolId(userPoolId)).users()
                .forEach(u -> cognito.adminDeleteUser(r -> r.userPoolId(userPoolId).username(u.username())));
        cognito.listGroupsPaginator(r -> r.userPoolId(userPoolId)).groups()
                .forEach(g -> cognito.deleteGroup(r -> r.userPoolId(userPoolId).groupName(g.groupName())));
    }

    /** Deletes every API key of this account and region: the fixture starts each environment without keys. */
    void deleteAllApiKeys() {
        apiGateway.getApiKeys(r -> r.limit(500)).items().forEach(k -> apiGateway.deleteApiKey(r -> r.apiKey(k.id())));
    }
}
