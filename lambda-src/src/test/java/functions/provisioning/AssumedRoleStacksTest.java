package functions.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.FakeAwsQueryServer;
import functions.shared.FakeAwsQueryServer.Call;
import functions.shared.FakeAwsQueryServer.Reply;
import functions.shared.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The real stack clients through the real SDK, against a local server answering as STS and CloudFormation do
 * (query protocol). The function signs with {@code AKIDFUNCTION}; the role of a stack in account A answers with
 * {@code ASIA<A>}, so each recorded signature shows which credentials a call used.
 */
class AssumedRoleStacksTest {

    private static final StackLocation BASIC = new StackLocation("saas-pooled-basic",
            new AccountRegion("222222222222", "us-east-1"));
    private static final StackLocation ACME = new StackLocation("saas-silo-acme",
            new AccountRegion("333333333333", "eu-west-1"));
    private static final Map<String, String> OUTPUTS = Map.of("UserPoolId", "us-east-1_Basic1",
            "AppClientId", "client1", "UsagePlanId", "plan1", "TenantApiKeysTable", "keys-table", "ShardCount", "4");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private FakeAwsQueryServer aws;
    private StsClient sts;
    private StackClients clients;
    private AssumedRoleStacks stacks;
    private Instant expiration = Instant.parse("2099-01-01T00:00:00Z");
    private Map<String, String> outputs = OUTPUTS;
    private String status = "UPDATE_COMPLETE";

    @BeforeEach
    void start() throws IOException {
        aws = FakeAwsQueryServer.start()
                .on("AssumeRole", call -> Reply.assumedRole("ASIA" + call.params().get("RoleArn").split(":")[4],
                        expiration))
                .on("DescribeStacks", call -> describeStacks(call.params().get("StackName"), status, outputs));
        clients = new StackClients(UrlConnectionHttpClient.create(), ApacheHttpClient.create(),
                Optional.of(aws.endpoint()));
        sts = StsClient.builder().httpClient(clients.jdkHttp()).region(Region.US_EAST_1)
                .endpointOverride(aws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDFUNCTION", "function-secret")))
                .build();
        stacks = new AssumedRoleStacks(new StackCredentials(sts, "saas-baseline-TenantAdmin", clock), clients,
                clock);
    }

    @AfterEach
    void stop() {
        sts.close();
        clients.jdkHttp().close();
        clients.apacheHttp().close();
        aws.close();
    }

    @Test
    void readsTheOutputsThroughTheStacksRoleAndKeepsThemForTheTtl() {
        assertEquals(new StackResources("us-east-1_Basic1", "client1", "plan1", "keys-table", 4),
                stacks.at(BASIC).resources());

        List<Call> calls = aws.calls();
        assertEquals(List.of("AssumeRole", "DescribeStacks"), calls.stream().map(Call::action).toList());
        Call assume = calls.get(0);
        assertEquals("arn:aws:iam::222222222222:role/saas-pooled-basic-cp-us-east-1", assume.params().get("RoleArn"));
        assertEquals("saas-baseline-TenantAdmin", assume.params().get("RoleSessionName"));
        assertEquals("AKIDFUNCTION", assume.accessKeyId());
        Call describe = calls.get(1);
        assertEquals("saas-pooled-basic", describe.params().get("StackName"));
        assertEquals("ASIA222222222222", describe.accessKeyId());
        assertEquals("token-ASIA222222222222", describe.securityToken());
        assertEquals("us-east-1", describe.signingRegion());
        assertEquals("cloudformation", describe.signingService());

        clock.advance(AssumedRoleStacks.OUTPUTS_TTL.minusSeconds(1));
        stacks.at(BASIC).resources();
        assertEquals(2, aws.calls().size(), "within the TTL: no call");
        clock.advance(Duration.ofSeconds(1));
        stacks.at(BASIC).resources();
        assertEquals(List.of("AssumeRole", "DescribeStacks", "DescribeStacks"),
                aws.calls().stream().map(Call::action).toList(), "outputs read again; the role's session reused");
    }

    @Test
    void theRoleIsAssumedAgainFiveMinutesBeforeItsSessionExpires() {
        expiration = clock.instant().plus(Duration.ofHours(1));
        StackCredentials credentials = new StackCredentials(sts, "fn", clock);

        credentials.credentials(BASIC.roleArn());
        clock.advance(Duration.ofMinutes(54));
        credentials.credentials(BASIC.roleArn());
        assertEquals(1, aws.calls("AssumeRole").size());
        clock.advance(Duration.ofMinutes(1));
        credentials.credentials(BASIC.roleArn());
        assertEquals(2, aws.calls("AssumeRole").size());
        credentials.credentials(ACME.roleArn());
        assertEquals(3, aws.calls("AssumeRole").size(), "cached per role");
    }

    @Test
    void aMissingOutputIsADeploymentFaultNamingStackEnvironmentAndOutputAndIsNotCached() {
        outputs = Map.of("UserPoolId", "p", "AppClientId", "c", "UsagePlanId", "u", "ShardCount", "2");

        var e = assertThrows(IllegalStateException.class, () -> stacks.at(BASIC).resources());

        assertEquals("stack saas-pooled-basic in 222222222222/us-east-1 has no output TenantApiKeysTable",
                e.getMessage());
        outputs = OUTPUTS;
        assertEquals("keys-table", stacks.at(BASIC).resources().tenantApiKeysTable());
    }

    @Test
    void aMalformedShardCountIsADeploymentFault() {
        outputs = new java.util.HashMap<>(OUTPUTS);
        outputs.put("ShardCount", "four");

        var e = assertThrows(IllegalStateException.class, () -> stacks.at(BASIC).resources());

        assertTrue(e.getMessage().contains("output ShardCount must be an integer number >= 1, got 'four'"),
                e.getMessage());
    }

    @Test
    void aStackCloudFormationDoesNotKnowIsNotDeployedYet() {
        aws.on("DescribeStacks", call -> Reply.error(400, "ValidationError",
                "Stack with id saas-silo-acme does not exist"));

        var e = assertThrows(StackNotDeployedException.class, () -> stacks.at(ACME).resources());

        assertEquals(ACME, e.location());
        assertTrue(e.getMessage().startsWith("stack saas-silo-acme in 333333333333/eu-west-1 is not deployed yet"),
                e.getMessage());
        assertEquals("eu-west-1", aws.calls("DescribeStacks").get(0).signingRegion());
    }

    @Test
    void aStackStillBeingCreatedIsNotDeployedYet() {
        status = "CREATE_IN_PROGRESS";
        outputs = Map.of();

        var e = assertThrows(StackNotDeployedException.class, () -> stacks.at(ACME).resources());

        assertTrue(e.getMessage().endsWith("its status is CREATE_IN_PROGRESS"), e.getMessage());
    }

    @Test
    void aRoleStsRefusesIsNotDeployedYetAndOtherStsFailuresAreFaults() {
        aws.on("AssumeRole", call -> Reply.error(403, "AccessDenied", "not authorized to perform: sts:AssumeRole"));
        var denied = assertThrows(StackNotDeployedException.class, () -> stacks.at(ACME).resources());
        assertTrue(denied.getMessage().contains("arn:aws:iam::333333333333:role/saas-silo-acme-cp-eu-west-1"),
                denied.getMessage());
        assertEquals(List.of(), aws.calls("DescribeStacks"));

        aws.on("AssumeRole", call -> Reply.error(403, "RegionDisabledException", "STS is not activated"));
        var other = assertThrows(StackCredentials.StackRoleException.class, () -> stacks.at(BASIC).resources());
        assertEquals("RegionDisabledException", other.errorCode());
        assertInstanceOf(IllegalStateException.class, other);
    }

    @Test
    void otherDescribeStacksErrorsAreFaultsWithTheirCode() {
        aws.on("DescribeStacks", call -> Reply.error(403, "AccessDenied", "not authorized to DescribeStacks"));

        var e = assertThrows(IllegalStateException.class, () -> stacks.at(BASIC).resources());

        assertTrue(e.getMessage().startsWith("DescribeStacks stack saas-pooled-basic in 222222222222/us-east-1 "
                + "failed: AccessDenied"), e.getMessage());
    }

    @Test
    void cognitoApiGatewayAndDynamoDbCallsAreSignedWithTheRoleInTheStacksRegion() {
        TargetStack acme = stacks.at(ACME);

        // The fake answers only STS and CloudFormation: these calls fail, but arrive signed.
        assertThrows(RuntimeException.class, () -> acme.directory().findUser("eu-west-1_Pool", "a@acme.example"));
        assertThrows(RuntimeException.class, () -> acme.apiKeys().setEnabled("acme", false));
        assertThrows(RuntimeException.class, () -> acme.keyTable().find("acme"));

        Map<String, Call> byService = aws.calls().stream().filter(c -> c.signingService() != null
                        && !List.of("sts", "cloudformation").contains(c.signingService()))
                .collect(Collectors.toMap(Call::signingService, c -> c, (a, b) -> a));
        assertEquals(List.of("apigateway", "cognito-idp", "dynamodb"),
                byService.keySet().stream().sorted().toList());
        byService.values().forEach(call -> {
            assertEquals("ASIA333333333333", call.accessKeyId(), call.signingService());
            assertEquals("token-ASIA333333333333", call.securityToken(), call.signingService());
            assertEquals("eu-west-1", call.signingRegion(), call.signingService());
        });
        assertEquals(1, aws.calls("AssumeRole").size(), "one session for all of the stack's clients");
    }

    private static Reply describeStacks(String stackName, String status, Map<String, String> outputs) {
        String members = outputs.entrySet().stream()
                .map(o -> "<member><OutputKey>" + o.getKey() + "</OutputKey><OutputValue>" + o.getValue()
                        + "</OutputValue></member>")
                .collect(Collectors.joining());
        return Reply.ok("<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                + "<DescribeStacksResult><Stacks><member><StackName>" + stackName + "</StackName>"
                + "<StackId>arn:aws:cloudformation:us-east-1:222222222222:stack/" + stackName + "/0a1b</StackId>"
                + "<CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>" + status + "</StackStatus>"
                + "<Outputs>" + members + "</Outputs></member></Stacks></DescribeStacksResult>"
                + "<ResponseMetadata><RequestId>req-s</RequestId></ResponseMetadata></DescribeStacksResponse>");
    }
}
