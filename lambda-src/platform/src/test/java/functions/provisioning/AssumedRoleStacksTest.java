package functions.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.MotoAccount;
import functions.shared.MotoStacks;
import functions.shared.MutableClock;
import functions.shared.RecordedAnswers;
import functions.shared.SentCalls;
import functions.shared.WireRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import testsupport.Moto;

/**
 * The real stack clients through the real SDK, on moto. Each test has two fresh accounts: a pooled tier's stack in
 * one (us-east-1), a silo stack in the other (eu-west-1). The function signs with its own key {@code AKIDFUNCTION},
 * which moto files under its default account, where none of these stacks is: whatever a stack client reads from
 * its stack's account and region proves it signed with that stack's role session, in that region. AssumeRole calls
 * are recorded as the function's STS client sends them.
 */
class AssumedRoleStacksTest {

    private final MotoAccount pooledAccount = MotoAccount.fresh();
    private final MotoAccount siloAccount = MotoAccount.fresh();
    private final StackLocation basic = new StackLocation("saas-pooled-basic",
            new AccountRegion(pooledAccount.id(), "us-east-1"));
    private final StackLocation acme = new StackLocation("saas-silo-acme",
            new AccountRegion(siloAccount.id(), "eu-west-1"));
    // Unique values: reading them back can only come from this test's stack.
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> outputs = Map.of("UserPoolId", "us-east-1_Basic" + run,
            "AppClientId", "client-" + run, "UsagePlanId", "plan-" + run, "TenantApiKeysTable", "keys-" + run,
            "ShardCount", "4");

    private final MutableClock clock = new MutableClock(Instant.now());
    private final SentCalls stsCalls = new SentCalls();
    private RecordedAnswers stsWire;
    private RecordedAnswers stackWire;
    private StsClient sts;
    private StackClients clients;
    private AssumedRoleStacks stacks;

    @BeforeEach
    void start() {
        stsWire = new RecordedAnswers(UrlConnectionHttpClient.create());
        stackWire = new RecordedAnswers(UrlConnectionHttpClient.create());
        clients = new StackClients(stackWire, ApacheHttpClient.create(), Optional.of(Moto.get().endpoint()));
        sts = Moto.get().configure(StsClient.builder()).httpClient(stsWire)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDFUNCTION", "function-secret")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(stsCalls))
                .build();
        stacks = new AssumedRoleStacks(new StackCredentials(sts, "saas-baseline-TenantAdmin"), clients,
                clock);
    }

    @AfterEach
    void stop() {
        sts.close();
        clients.jdkHttp().close();
        clients.apacheHttp().close();
    }

    private MotoStacks stacksOf(MotoAccount account, String region) {
        return new MotoStacks(account.configure(CloudFormationClient.builder(), region).build());
    }

    @Test
    void readsTheOutputsThroughTheStacksRoleAndKeepsThemForTheTtl() {
        MotoStacks pooled = stacksOf(pooledAccount, "us-east-1");
        pooled.create("saas-pooled-basic", outputs);

        assertEquals(new StackResources("us-east-1_Basic" + run, "client-" + run, "plan-" + run, "keys-" + run, 4),
                stacks.at(basic).resources());

        assertEquals(List.of("AssumeRole"), stsCalls.operations());
        AssumeRoleRequest assume = stsCalls.calls().get(0).request(AssumeRoleRequest.class);
        assertEquals("arn:aws:iam::" + pooledAccount + ":role/saas-pooled-basic-cp-us-east-1", assume.roleArn());
        assertEquals("saas-baseline-TenantAdmin", assume.roleSessionName());
        WireRequest sent = stsCalls.calls().get(0).wire();
        assertEquals("AKIDFUNCTION", sent.accessKeyId());
        assertEquals("sts", sent.signingService());

        // A new deployment changes an output: within the TTL the kept outputs answer, after it the new ones.
        var redeployed = new HashMap<>(outputs);
        redeployed.put("ShardCount", "8");
        pooled.update("saas-pooled-basic", redeployed);
        clock.advance(AssumedRoleStacks.OUTPUTS_TTL.minusSeconds(1));
        assertEquals(4, stacks.at(basic).resources().shardCount(), "within the TTL: the kept outputs");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(8, stacks.at(basic).resources().shardCount(), "after the TTL: read again");
        assertEquals(1, stsCalls.calls("AssumeRole").size(), "the role's session reused");
    }

    @Test
    void anHourLongSessionIsReusedAndCachedPerRole() {
        StackCredentials credentials = new StackCredentials(sts, "fn");

        AwsSessionCredentials first = credentials.credentials(basic.roleArn());
        assertSame(first, credentials.credentials(basic.roleArn()));
        assertEquals(1, stsCalls.calls("AssumeRole").size());
        credentials.credentials(acme.roleArn());
        assertEquals(2, stsCalls.calls("AssumeRole").size(), "cached per role");
        stsCalls.calls("AssumeRole").forEach(c -> assertEquals(StackCredentials.SESSION_SECONDS,
                c.request(AssumeRoleRequest.class).durationSeconds()));
    }

    // The SDK provider reads the wall clock: the margin is crossed with sessions moto issues just outside or inside it.
    @Test
    void theRoleIsAssumedAgainFiveMinutesBeforeItsSessionExpires() {
        Duration minute = Duration.ofMinutes(1);
        StackCredentials outside = new StackCredentials(sts, "fn",
                (int) StackCredentials.REFRESH_BEFORE_EXPIRY.plus(minute).toSeconds());
        AwsSessionCredentials kept = outside.credentials(basic.roleArn());
        assertSame(kept, outside.credentials(basic.roleArn()));
        assertEquals(1, stsCalls.calls("AssumeRole").size());

        StackCredentials inside = new StackCredentials(sts, "fn",
                (int) StackCredentials.REFRESH_BEFORE_EXPIRY.minus(minute).toSeconds());
        AwsSessionCredentials first = inside.credentials(basic.roleArn());
        AwsSessionCredentials renewed = inside.credentials(basic.roleArn());

        assertEquals(3, stsCalls.calls("AssumeRole").size());
        assertNotEquals(first.accessKeyId(), renewed.accessKeyId(), "a new session");
    }

    @Test
    void aMissingOutputIsADeploymentFaultNamingStackEnvironmentAndOutputAndIsNotCached() {
        MotoStacks pooled = stacksOf(pooledAccount, "us-east-1");
        pooled.create("saas-pooled-basic", Map.of("UserPoolId", "p", "AppClientId", "c", "UsagePlanId", "u",
                "ShardCount", "2"));

        var e = assertThrows(IllegalStateException.class, () -> stacks.at(basic).resources());

        assertEquals("stack saas-pooled-basic in " + pooledAccount + "/us-east-1 has no output TenantApiKeysTable",
                e.getMessage());
        pooled.update("saas-pooled-basic", outputs);
        assertEquals("keys-" + run, stacks.at(basic).resources().tenantApiKeysTable());
    }

    @Test
    void aMalformedShardCountIsADeploymentFault() {
        var malformed = new HashMap<>(outputs);
        malformed.put("ShardCount", "four");
        stacksOf(pooledAccount, "us-east-1").create("saas-pooled-basic", malformed);

        var e = assertThrows(IllegalStateException.class, () -> stacks.at(basic).resources());

        assertTrue(e.getMessage().contains("output ShardCount must be an integer number >= 1, got 'four'"),
                e.getMessage());
    }

    @Test
    void aStackCloudFormationDoesNotKnowInItsRegionIsNotDeployedYet() {
        // The same name in another region of the account is not the stack.
        stacksOf(siloAccount, "us-east-1").create("saas-silo-acme", outputs);

        var e = assertThrows(StackNotDeployedException.class, () -> stacks.at(acme).resources());

        assertEquals(acme, e.location());
        assertTrue(e.getMessage().startsWith("stack saas-silo-acme in " + siloAccount
                + "/eu-west-1 is not deployed yet"), e.getMessage());
    }

    @Test
    void aStackWhoseFirstChangeSetIsNotExecutedYetIsNotDeployedYet() {
        stacksOf(siloAccount, "eu-west-1").createUnderReview("saas-silo-acme", outputs);

        var e = assertThrows(StackNotDeployedException.class, () -> stacks.at(acme).resources());

        assertTrue(e.getMessage().endsWith("its status is REVIEW_IN_PROGRESS"), e.getMessage());
    }

    @Test
    void aRoleStsRefusesIsNotDeployedYetAndOtherStsFailuresAreFaults() {
        // moto assumes any role: STS's refusals are AWS's recorded answers.
        stsWire.answer(r -> acme.roleArn().equals(r.param("RoleArn")), "aws/sts-assume-role-access-denied.json")
                .answer(r -> basic.roleArn().equals(r.param("RoleArn")), "aws/sts-assume-role-region-disabled.json");

        var denied = assertThrows(StackNotDeployedException.class, () -> stacks.at(acme).resources());
        assertTrue(denied.getMessage().contains("arn:aws:iam::" + siloAccount + ":role/saas-silo-acme-cp-eu-west-1"),
                denied.getMessage());
        assertEquals(List.of(), stackWire.sent(), "no DescribeStacks without the role");

        var other = assertThrows(StackCredentials.StackRoleException.class, () -> stacks.at(basic).resources());
        assertEquals("RegionDisabledException", other.errorCode());
        assertInstanceOf(IllegalStateException.class, other);
    }

    @Test
    void otherDescribeStacksErrorsAreFaultsWithTheirCode() {
        stacksOf(pooledAccount, "us-east-1").create("saas-pooled-basic", outputs);
        // moto evaluates no IAM policy: a role without cloudformation:DescribeStacks is AWS's recorded answer.
        stackWire.answer(RecordedAnswers.action("DescribeStacks"),
                "aws/cloudformation-describe-stacks-access-denied.json");

        var e = assertThrows(IllegalStateException.class, () -> stacks.at(basic).resources());

        assertTrue(e.getMessage().startsWith("DescribeStacks stack saas-pooled-basic in " + pooledAccount
                + "/us-east-1 failed: AccessDenied"), e.getMessage());
    }

    @Test
    void cognitoApiGatewayAndDynamoDbReachTheStacksAccountAndRegionThroughOneRoleSession() {
        String poolId;
        try (var cognito = siloAccount.configure(CognitoIdentityProviderClient.builder(), "eu-west-1").build()) {
            poolId = cognito.createUserPool(r -> r.poolName("acme-users")).userPool().id();
            cognito.adminCreateUser(r -> r.userPoolId(poolId).username("a@acme.example"));
        }
        String keyId;
        try (var apiGateway = siloAccount.configure(ApiGatewayClient.builder(), "eu-west-1").build()) {
            keyId = apiGateway.createApiKey(r -> r.name("acme").enabled(true)).id();
        }
        String keysTable = "keys-" + run;
        try (var dynamo = siloAccount.configure(DynamoDbClient.builder(), "eu-west-1").build()) {
            dynamo.createTable(r -> r.tableName(keysTable).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName(TenantApiKeyTable.KEY)
                            .attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName(TenantApiKeyTable.KEY).keyType("HASH")));
            dynamo.putItem(r -> r.tableName(keysTable).item(Map.of(TenantApiKeyTable.KEY, AttributeValue.fromS("acme"),
                    TenantApiKeyTable.API_KEY_VALUE, AttributeValue.fromS("v"),
                    TenantApiKeyTable.ENABLED, AttributeValue.fromBool(true))));
        }
        var siloOutputs = new HashMap<>(outputs);
        siloOutputs.put("UserPoolId", poolId);
        siloOutputs.put("TenantApiKeysTable", keysTable);
        stacksOf(siloAccount, "eu-west-1").create("saas-silo-acme", siloOutputs);
        TargetStack stack = stacks.at(acme);

        assertTrue(stack.directory().findUser(poolId, "a@acme.example").isPresent(), "Cognito");
        assertTrue(stack.apiKeys().setEnabled("acme", false), "API Gateway");
        assertEquals(new TenantApiKeyTable.Entry("acme", "v", true), stack.keyTable().find("acme").orElseThrow(),
                "DynamoDB");

        try (var apiGateway = siloAccount.configure(ApiGatewayClient.builder(), "eu-west-1").build()) {
            assertFalse(apiGateway.getApiKey(r -> r.apiKey(keyId)).enabled(), "the key was disabled in place");
        }
        assertEquals(1, stsCalls.calls("AssumeRole").size(), "one session for all of the stack's clients");
    }
}
