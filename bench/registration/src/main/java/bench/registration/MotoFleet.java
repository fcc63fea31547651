package bench.registration;

import functions.provisioning.PlatformSettings;
import functions.provisioning.StackAccess;
import functions.provisioning.StackResources;
import functions.provisioning.TenantApiKeyTable;
import contract.Tier;
import functions.shared.AwsSessions;
import functions.tenants.TenantRepository;
import functions.tenants.UserMappingRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sts.StsClient;
import testsupport.Moto;
import testsupport.MotoTables;

/**
 * One copy of the fleet in moto, in two accounts of its own: the control plane's tables (TenantDetails,
 * TenantUserMapping, TenantStackMapping, Settings with {@code siloPlacement}, Registrations) in one, and in the
 * other a CloudFormation stack per pooled tier ({@code saas-pooled-<tier>}, holding its TenantApiKeys table) whose
 * outputs name the tier's Cognito user pool (email as the username, the custom attributes the functions write), its
 * app client, its API Gateway usage plan, that table and the shard count: what
 * {@link functions.provisioning.AssumedRoleStacks} reads. The bench builds two: one the service runs in, one the
 * floor replays the service's calls into (same table and stack names, own pools and plans).
 *
 * <p>The clients here are the bench's own (setup, replay, end-of-run checks), built like the functions' (url-connection
 * HTTP client; Apache for API Gateway); an account other than moto's default is reached with credentials moto's STS
 * issued for a role in it, as the control plane reaches a tenant's account.
 */
final class MotoFleet {

    static final String REGION = Moto.REGION.id();
    static final int SHARD_COUNT = 4;
    static final List<Tier> POOLED = List.of(Tier.BASIC, Tier.STANDARD, Tier.PREMIUM);
    static final String TENANT_DETAILS = "TenantDetails";
    static final String TENANT_USER_MAPPING = "TenantUserMapping";
    static final String TENANT_STACK_MAPPING = "TenantStackMapping";
    static final String SETTINGS = "Settings";
    static final String REGISTRATIONS = "Registrations";

    /** What a pooled tier's stack holds, as its outputs name it. */
    record TierStack(Tier tier, String stackName, StackResources resources) {
    }

    private final String controlPlaneAccount;
    private final String tierAccount;
    private final Clients controlPlane;
    private final Clients tiers;
    private final Map<Tier, TierStack> tierStacks;

    /** The clients of one account; the HTTP clients are shared by them, as StackClients shares its own. */
    record Clients(AwsCredentialsProvider credentials, DynamoDbClient dynamo, CognitoIdentityProviderClient cognito,
                   ApiGatewayClient apiGateway, CloudFormationClient cloudFormation, StsClient sts) {

        static Clients in(AwsCredentialsProvider credentials, SdkHttpClient jdkHttp, SdkHttpClient apacheHttp) {
            Moto moto = Moto.get();
            return new Clients(credentials,
                    moto.configure(DynamoDbClient.builder()).httpClient(jdkHttp).credentialsProvider(credentials).build(),
                    moto.configure(CognitoIdentityProviderClient.builder()).httpClient(jdkHttp)
                            .credentialsProvider(credentials).build(),
                    // Apache, as the functions' (UpdateApiKey is a PATCH, which HttpURLConnection cannot send).
                    moto.configure(ApiGatewayClient.builder()).httpClient(apacheHttp).credentialsProvider(credentials)
                            .build(),
                    moto.configure(CloudFormationClient.builder()).httpClient(jdkHttp)
                            .credentialsProvider(credentials).build(),
                    // STS is asked with the static credentials, as the function asks it with its own role's.
                    moto.configure(StsClient.builder()).httpClient(jdkHttp).build());
        }
    }

    private MotoFleet(String controlPlaneAccount, String tierAccount, Clients controlPlane, Clients tiers,
                      Map<Tier, TierStack> tierStacks) {
        this.controlPlaneAccount = controlPlaneAccount;
        this.tierAccount = tierAccount;
        this.controlPlane = controlPlane;
        this.tiers = tiers;
        this.tierStacks = tierStacks;
    }

    /**
     * Creates the fleet: control-plane tables in {@code controlPlaneAccount} (moto's default account acts with the
     * static test credentials, any other through an assumed role), the tier stacks in {@code tierAccount}.
     */
    static MotoFleet create(String controlPlaneAccount, String tierAccount) {
        SdkHttpClient jdkHttp = UrlConnectionHttpClient.create();
        SdkHttpClient apacheHttp = ApacheHttpClient.create();
        Clients controlPlane = Clients.in(credentialsIn(controlPlaneAccount), jdkHttp, apacheHttp);
        Clients tiers = Clients.in(credentialsIn(tierAccount), jdkHttp, apacheHttp);
        for (String table : List.of(TENANT_DETAILS, TENANT_STACK_MAPPING, SETTINGS, REGISTRATIONS)) {
            MotoTables.createStringKeyed(controlPlane.dynamo(), table, keyOf(table), null);
        }
        MotoTables.createStringKeyed(controlPlane.dynamo(), TENANT_USER_MAPPING, UserMappingRepository.KEY,
                UserMappingRepository.SORT_KEY);
        controlPlane.dynamo().putItem(r -> r.tableName(SETTINGS).item(Map.of(
                PlatformSettings.KEY, AttributeValue.fromS(PlatformSettings.SILO_PLACEMENT),
                "account", AttributeValue.fromS("333333333333"),
                "region", AttributeValue.fromS("eu-west-1"),
                "wave", AttributeValue.fromN("2"))));
        Map<Tier, TierStack> stacks = new LinkedHashMap<>();
        for (Tier tier : POOLED) {
            stacks.put(tier, createTierStack(tiers, tier));
        }
        return new MotoFleet(controlPlaneAccount, tierAccount, controlPlane, tiers, Map.copyOf(stacks));
    }

    String controlPlaneAccount() {
        return controlPlaneAccount;
    }

    String tierAccount() {
        return tierAccount;
    }

    Clients controlPlane() {
        return controlPlane;
    }

    Clients tiers() {
        return tiers;
    }

    Map<Tier, TierStack> tierStacks() {
        return tierStacks;
    }

    /** {@code POOLED_TIER_STACKS} of this fleet: every pooled tier in the tier account, so no tier#X setting is read. */
    String pooledTierStacks() {
        return String.join(",", POOLED.stream().map(t -> t.name() + "=" + tierAccount + "/" + REGION).toList());
    }

    static String keyOf(String table) {
        return switch (table) {
            case TENANT_DETAILS -> TenantRepository.KEY;
            case TENANT_STACK_MAPPING -> "tenantId";
            case SETTINGS -> PlatformSettings.KEY;
            case REGISTRATIONS -> "pk";
            default -> throw new IllegalArgumentException(table);
        };
    }

    /** Items in {@code table} of the control plane, counted by a paginated consistent Scan. */
    long count(String table) {
        return count(controlPlane.dynamo(), table);
    }

    static long count(DynamoDbClient dynamo, String table) {
        return dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true).select(Select.COUNT))
                .stream().mapToLong(page -> page.count()).sum();
    }

    /** Every item of a control-plane table (consistent Scan, all pages). */
    List<Map<String, AttributeValue>> items(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        controlPlane.dynamo().scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    /** Credentials that act in {@code account}: moto's static ones for its default account, else an assumed role's. */
    static AwsCredentialsProvider credentialsIn(String account) {
        if (Moto.ACCOUNT.equals(account)) {
            return Moto.credentials();
        }
        try (StsClient sts = Moto.get().configure(StsClient.builder()).build()) {
            var assumed = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/registration-bench")
                    .roleSessionName("registration-bench").durationSeconds(3600)).credentials();
            return StaticCredentialsProvider.create(AwsSessions.credentials(assumed));
        }
    }

    // The pool as TenantUserPool makes it: users sign in by email (Cognito names them by their sub), with the
    // custom attributes the functions set; then the usage plan, and the stack with the key table and the outputs.
    private static TierStack createTierStack(Clients clients, Tier tier) {
        String stackName = StackAccess.pooledStackName(tier);
        String name = tier.name().toLowerCase(Locale.ROOT);
        String poolId = clients.cognito().createUserPool(r -> r.poolName(stackName + "-users")
                .usernameAttributes(UsernameAttributeType.EMAIL)
                .schema(customAttribute("tenantId"), customAttribute("userRole"), customAttribute("tier")))
                .userPool().id();
        String clientId = clients.cognito().createUserPoolClient(r -> r.userPoolId(poolId).clientName(name + "-web"))
                .userPoolClient().clientId();
        String planId = clients.apiGateway().createUsagePlan(r -> r.name(stackName + "-plan")).id();
        String table = stackName + "-TenantApiKeys";
        clients.cloudFormation().createStack(r -> r.stackName(stackName).templateBody(template(table, Map.of(
                StackResources.USER_POOL_ID, poolId,
                StackResources.APP_CLIENT_ID, clientId,
                StackResources.USAGE_PLAN_ID, planId,
                StackResources.SHARD_COUNT, Integer.toString(SHARD_COUNT)))));
        var status = clients.cloudFormation().describeStacks(r -> r.stackName(stackName)).stacks().get(0)
                .stackStatusAsString();
        if (!"CREATE_COMPLETE".equals(status)) {
            throw new IllegalStateException("stack " + stackName + " is " + status);
        }
        return new TierStack(tier, stackName, new StackResources(poolId, clientId, planId, table, SHARD_COUNT));
    }

    // The TenantApiKeys table is the stack's resource; the other outputs are values made above.
    private static String template(String table, Map<String, String> outputs) {
        StringBuilder json = new StringBuilder("{\"Resources\":{\"TenantApiKeys\":{\"Type\":\"AWS::DynamoDB::Table\","
                + "\"Properties\":{\"TableName\":\"" + table + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"" + TenantApiKeyTable.KEY
                + "\",\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"" + TenantApiKeyTable.KEY
                + "\",\"KeyType\":\"HASH\"}]}}},\"Outputs\":{\"" + StackResources.TENANT_API_KEYS_TABLE
                + "\":{\"Value\":{\"Ref\":\"TenantApiKeys\"}}");
        outputs.forEach((key, value) -> json.append(",\"").append(key).append("\":{\"Value\":\"").append(value)
                .append("\"}"));
        return json.append("}}").toString();
    }

    private static SchemaAttributeType customAttribute(String name) {
        return SchemaAttributeType.builder().name(name).attributeDataType(AttributeDataType.STRING).mutable(true)
                .build();
    }
}
