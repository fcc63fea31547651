package functions.e2e;

import functions.provisioning.PlatformSettings;
import functions.provisioning.StackResources;
import functions.provisioning.TenantApiKeyTable;
import functions.shared.PageTokenKey;
import functions.shared.TestPageTokens;
import functions.shared.ShardedTenantTable;
import functions.tenants.ControlPlaneConfig;
import functions.tenants.SqsAccessQueue;
import functions.tenants.TenantRepository;
import functions.tenants.UserMappingRepository;
import functions.shared.MotoAccount;
import functions.shared.MotoStacks;
import functions.users.MotoCognito;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import testsupport.Moto;

/**
 * A fleet deployed into moto the way the CDK app deploys it, without CloudFormation doing the work: the control
 * plane's tables in the baseline account (TenantStackMapping with its stream), and per tier or silo stack, in that
 * stack's own account and region, the user pool (email sign-in, the tenant custom attributes), its app client, usage
 * plan, TenantApiKeys and Products tables, and a CloudFormation stack of that name whose outputs name them, which is
 * all the control plane reads of a stack.
 */
final class MotoFleet {

    static final MotoAccount CONTROL_ACCOUNT = new MotoAccount(Moto.ACCOUNT);
    static final String CONTROL_REGION = "us-east-1";
    static final int SHARD_COUNT = 4;

    /** What a deployed tier or silo stack holds. */
    record Stack(String name, MotoAccount account, String region, String userPoolId, String appClientId,
                 String usagePlanId, String tenantApiKeysTable, String productsTable) {

        String issuer() {
            return "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId;
        }

        String tableArn(String table) {
            return "arn:aws:dynamodb:" + region + ":" + account.id() + ":table/" + table;
        }

        String tenantAccessRoleArn() {
            return "arn:aws:iam::" + account.id() + ":role/" + name + "-TenantAccess";
        }

        /** A client of the emulator acting in this stack's account and region: how the test inspects it. */
        <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder) {
            return account.configure(builder, region).build();
        }
    }

    final DynamoDbClient control = Moto.get().configure(DynamoDbClient.builder()).build();
    final Map<String, String> controlPlaneEnv = new LinkedHashMap<>();
    final String tenantStackMappingTable;

    MotoFleet(String pooledTierStacks, MotoAccount siloAccount, String siloRegion, String internalCallerRole) {
        tenantStackMappingTable = table(control, "TenantStackMapping", "tenantId", null, true);
        controlPlaneEnv.put("AWS_REGION", CONTROL_REGION);
        controlPlaneEnv.put(ControlPlaneConfig.TENANT_DETAILS_TABLE,
                table(control, "TenantDetails", TenantRepository.KEY, null, false));
        controlPlaneEnv.put(ControlPlaneConfig.TENANT_USER_MAPPING_TABLE,
                table(control, "TenantUserMapping", UserMappingRepository.KEY, UserMappingRepository.SORT_KEY, false));
        controlPlaneEnv.put(ControlPlaneConfig.TENANT_STACK_MAPPING_TABLE, tenantStackMappingTable);
        controlPlaneEnv.put(ControlPlaneConfig.SETTINGS_TABLE, table(control, "Settings", PlatformSettings.KEY, null,
                false));
        controlPlaneEnv.put(ControlPlaneConfig.REGISTRATIONS_TABLE, table(control, "Registrations", "pk", null, false));
        controlPlaneEnv.put(ControlPlaneConfig.POOLED_TIER_STACKS, pooledTierStacks);
        controlPlaneEnv.put(ControlPlaneConfig.FUNCTION_NAME, "saas-baseline-TenantAdmin");
        controlPlaneEnv.put("INTERNAL_CALLER_ROLES", internalCallerRole);
        try (var sqs = Moto.get().configure(SqsClient.builder()).build()) {
            controlPlaneEnv.put(SqsAccessQueue.VARIABLE, sqs.createQueue(r -> r.queueName("TenantAccess-"
                    + UUID.randomUUID() + ".fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                    QueueAttributeName.VISIBILITY_TIMEOUT, "0"))).queueUrl());
        }
        control.putItem(r -> r.tableName(controlPlaneEnv.get(ControlPlaneConfig.SETTINGS_TABLE)).item(Map.of(
                PlatformSettings.KEY, AttributeValue.fromS(PlatformSettings.SILO_PLACEMENT),
                "account", AttributeValue.fromS(siloAccount.id()), "region", AttributeValue.fromS(siloRegion),
                "wave", AttributeValue.fromN("3"))));
    }

    /** Deploys stack {@code name} into {@code account}/{@code region}: its resources, then its outputs. */
    Stack deploy(String name, MotoAccount account, String region) {
        String pool;
        String client;
        try (var cognito = account.configure(CognitoIdentityProviderClient.builder(), region).build()) {
            // TenantUserPool's shape: email sign-in, the custom tenantId/userRole/tier attributes.
            pool = MotoCognito.on(cognito).createUserPool();
            // Not MotoCognito's SRP client: the test signs in with AdminInitiateAuth, which needs this flow.
            client = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName(name + "-web")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                    .userPoolClient().clientId();
        }
        String plan;
        try (var apiGateway = account.configure(ApiGatewayClient.builder(), region).build()) {
            plan = apiGateway.createUsagePlan(r -> r.name(name + "-plan")).id();
        }
        String keys;
        String products;
        try (var dynamo = account.configure(DynamoDbClient.builder(), region).build()) {
            keys = table(dynamo, name + "-TenantApiKeys", TenantApiKeyTable.KEY, null, false);
            products = table(dynamo, name + "-Products", ShardedTenantTable.PARTITION_KEY, "productId",
                    false);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put(StackResources.USER_POOL_ID, pool);
        outputs.put(StackResources.APP_CLIENT_ID, client);
        outputs.put(StackResources.USAGE_PLAN_ID, plan);
        outputs.put(StackResources.TENANT_API_KEYS_TABLE, keys);
        outputs.put(StackResources.SHARD_COUNT, String.valueOf(SHARD_COUNT));
        try (var cloudFormation = account.configure(CloudFormationClient.builder(), region).build()) {
            new MotoStacks(cloudFormation).create(name, outputs, Map.of("ManagedBy", "saas-fleet"), false);
        }
        return new Stack(name, account, region, pool, client, plan, keys, products);
    }

    /** The environment of a tier's or silo's product function (pooled: scoped per tenant through STS). */
    static Map<String, String> productFunctionEnv(Stack stack) {
        return Map.of("AWS_REGION", stack.region(), "TABLE_NAME", stack.productsTable(),
                "SHARD_COUNT", String.valueOf(SHARD_COUNT), "TENANT_ACCESS_ROLE_ARN", stack.tenantAccessRoleArn(),
                "TENANT_TABLE_ARNS", stack.tableArn(stack.productsTable()),
                PageTokenKey.SECRET_ARN, TestPageTokens.motoSecret("e2e-page-token-key-0123456789abcdefghijklmnop"),
                PageTokenKey.SECRETSMANAGER_ENDPOINT, Moto.get().endpoint().toString());
    }

    /** The environment of a tier's tenant API authorizer; its keys come from the emulator's JWKS endpoint. */
    static Map<String, String> authorizerEnv(Stack stack) {
        return Map.of("AWS_REGION", stack.region(), "API_KIND", "tenant",
                "TRUSTED_POOLS", stack.issuer() + "|" + stack.appClientId() + "|pooled",
                "TENANT_API_KEYS_TABLE", stack.tenantApiKeysTable(),
                "LOCAL_JWKS_ENDPOINT", Moto.get().endpoint().toString());
    }

    private static String table(DynamoDbClient dynamo, String prefix, String hashKey, String rangeKey,
            boolean stream) {
        String unique = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(hashKey).attributeType(ScalarAttributeType.S).build());
        keys.add(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build());
        if (rangeKey != null) {
            attributes.add(AttributeDefinition.builder().attributeName(rangeKey).attributeType(ScalarAttributeType.S)
                    .build());
            keys.add(KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build());
        }
        dynamo.createTable(r -> {
            r.tableName(unique).billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(attributes)
                    .keySchema(keys);
            if (stream) {
                r.streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
            }
        });
        return unique;
    }
}
