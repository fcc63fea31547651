package functions.offboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.offboard.OffboardSummary.Failure;
import functions.offboard.OffboardSummary.StackRef;
import functions.shared.FakeAwsQueryServer;
import functions.shared.FakeAwsQueryServer.Call;
import functions.shared.FakeAwsQueryServer.Reply;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The real directory through the real SDK clients, against a local server that answers as STS and CloudFormation
 * do (query protocol). The function's own credentials are {@code AKIDFUNCTION}; an assumed deploy role of account
 * A answers with {@code ASIA<A>}, so the signature of each call shows which credentials it used.
 */
class CloudFormationStackDirectoryTest {

    private static final Env EU_333 = new Env("333333333333", "eu-west-1");
    private static final Env EU_444 = new Env("444444444444", "eu-west-1");
    private static final String ROLE_333 =
            "arn:aws:iam::333333333333:role/cdk-hnb659fds-deploy-role-333333333333-eu-west-1";

    private FakeAwsQueryServer aws;
    private SdkHttpClient http;
    private StsClient sts;
    private CloudFormationStackDirectory directory;

    @BeforeEach
    void start() throws IOException {
        aws = FakeAwsQueryServer.start().on("AssumeRole", CloudFormationStackDirectoryTest::assumed)
                .on("DeleteStack", call -> Reply.ok("<DeleteStackResponse><ResponseMetadata><RequestId>req-d"
                        + "</RequestId></ResponseMetadata></DeleteStackResponse>"));
        http = UrlConnectionHttpClient.create();
        sts = StsClient.builder().httpClient(http).region(Region.US_EAST_1).endpointOverride(aws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDFUNCTION", "function-secret")))
                .build();
        directory = new CloudFormationStackDirectory(sts, new DeployRole("us-east-1", "hnb659fds"),
                (region, credentials) -> CloudFormationClient.builder().httpClient(http).region(Region.of(region))
                        .endpointOverride(aws.endpoint()).credentialsProvider(credentials).build());
    }

    @AfterEach
    void stop() {
        directory.close();
        sts.close();
        http.close();
        aws.close();
    }

    @Test
    void listAssumesTheDeployRoleAndReadsEveryPageWithTheAssumedCredentials() {
        aws.on("DescribeStacks", call -> call.params().containsKey("NextToken")
                ? describeStacks(null, stack("saas-silo-wayne", "DELETE_FAILED", true, false, "wayne"))
                : describeStacks("page-2", stack("saas-silo-acme", "UPDATE_COMPLETE", false, false, "acme"),
                        stack("saas-silo-acme-Nested-1X", "UPDATE_COMPLETE", false, true, "acme"),
                        "<member><StackName>CDKToolkit</StackName><StackStatus>CREATE_COMPLETE</StackStatus>"
                                + "<CreationTime>2026-01-01T00:00:00Z</CreationTime></member>"));

        List<DeployedStack> stacks = directory.list(EU_333);

        List<Call> calls = aws.calls();
        assertEquals(List.of("AssumeRole", "DescribeStacks", "DescribeStacks"),
                calls.stream().map(Call::action).toList());
        Call assume = calls.get(0);
        assertEquals(ROLE_333, assume.params().get("RoleArn"));
        assertEquals("saas-fleet-offboarder", assume.params().get("RoleSessionName"));
        assertEquals("2011-06-15", assume.params().get("Version"));
        assertEquals("AKIDFUNCTION", assume.accessKeyId());
        assertEquals("sts", assume.signingService());
        Call page1 = calls.get(1);
        Call page2 = calls.get(2);
        assertEquals("2010-05-15", page1.params().get("Version"));
        assertNull(page1.params().get("NextToken"));
        assertEquals("page-2", page2.params().get("NextToken"));
        for (Call page : List.of(page1, page2)) {
            assertEquals("ASIA333333333333", page.accessKeyId());
            assertEquals("token-333333333333", page.securityToken());
            assertEquals("eu-west-1", page.signingRegion());
            assertEquals("cloudformation", page.signingService());
        }
        assertEquals(List.of(
                new DeployedStack("saas-silo-acme", "UPDATE_COMPLETE",
                        Map.of("ManagedBy", "saas-fleet", "TenantId", "acme"), false, false),
                new DeployedStack("saas-silo-acme-Nested-1X", "UPDATE_COMPLETE",
                        Map.of("ManagedBy", "saas-fleet", "TenantId", "acme"), false, true),
                new DeployedStack("CDKToolkit", "CREATE_COMPLETE", Map.of(), false, false),
                new DeployedStack("saas-silo-wayne", "DELETE_FAILED",
                        Map.of("ManagedBy", "saas-fleet", "TenantId", "wayne"), true, false)), stacks);
    }

    @Test
    void deleteSendsDeleteStackSignedWithTheAssumedCredentialsAndTheRoleIsAssumedOncePerEnvironment() {
        aws.on("DescribeStacks", call -> describeStacks(null));

        directory.list(EU_333);
        directory.delete(EU_333, "saas-silo-wayne");
        directory.delete(EU_444, "saas-silo-stark");

        assertEquals(List.of(ROLE_333, ROLE_333.replace("333333333333", "444444444444")),
                aws.calls("AssumeRole").stream().map(c -> c.params().get("RoleArn")).toList());
        List<Call> deletes = aws.calls("DeleteStack");
        assertEquals(List.of("saas-silo-wayne", "saas-silo-stark"),
                deletes.stream().map(c -> c.params().get("StackName")).toList());
        assertEquals(List.of("ASIA333333333333", "ASIA444444444444"),
                deletes.stream().map(Call::accessKeyId).toList());
        assertEquals("token-444444444444", deletes.get(1).securityToken());
        // Deletion is started, never awaited: no DescribeStacks polling after a DeleteStack.
        assertEquals("DeleteStack", aws.calls().get(aws.calls().size() - 1).action());
    }

    @Test
    void accessDeniedFromAssumeRoleNamesTheRoleAndTheErrorCode() {
        aws.on("AssumeRole", call -> Reply.error(403, "AccessDenied", "User: arn:aws:sts::999999999999:"
                + "assumed-role/offboarder is not authorized to perform: sts:AssumeRole"));

        DirectoryException e = assertThrows(DirectoryException.class, () -> directory.list(EU_333));

        assertEquals("AccessDenied", e.errorCode());
        assertTrue(e.getMessage().startsWith("AssumeRole " + ROLE_333 + " failed: AccessDenied: User: "),
                e.getMessage());
        assertEquals(List.of(), aws.calls("DescribeStacks"));
    }

    @Test
    void accessDeniedInOneEnvironmentIsReportedForItWhileTheOthersAreOffboarded() {
        aws.on("AssumeRole", call -> call.params().get("RoleArn").contains(":444444444444:")
                ? Reply.error(403, "AccessDenied", "not authorized to perform: sts:AssumeRole")
                : assumed(call));
        // Only 333333333333/eu-west-1 holds an orphan: wayne left the catalog.
        aws.on("DescribeStacks", call -> "ASIA333333333333".equals(call.accessKeyId())
                && "eu-west-1".equals(call.signingRegion())
                ? describeStacks(null, stack("saas-silo-acme", "CREATE_COMPLETE", false, false, "acme"),
                        stack("saas-silo-wayne", "CREATE_COMPLETE", false, false, "wayne"))
                : describeStacks(null));

        OffboardSummary summary = new Offboarder(directory, new InMemoryEnvironmentMemory(), tenantId -> java.util.Optional.empty(), 5).offboard(Plans.sample());

        assertEquals(List.of(new StackRef("saas-silo-wayne", EU_333, "wayne")), summary.deleting());
        assertEquals(List.of("saas-silo-wayne"),
                aws.calls("DeleteStack").stream().map(c -> c.params().get("StackName")).toList());
        assertEquals(1, summary.failures().size());
        Failure failure = summary.failures().get(0);
        assertEquals(EU_444, failure.env());
        assertTrue(failure.reason().contains("AccessDenied"), failure.reason());
        assertFalse(summary.succeeded());
        assertEquals(4, summary.scannedEnvironments().size());
    }

    @Test
    void describeStacksErrorNamesTheEnvironmentAndTheCode() {
        aws.on("DescribeStacks", call -> Reply.error(400, "ValidationError", "Stack with id x does not exist"));

        DirectoryException e = assertThrows(DirectoryException.class, () -> directory.list(EU_333));

        assertEquals("ValidationError", e.errorCode());
        assertTrue(e.getMessage().startsWith("DescribeStacks in 333333333333/eu-west-1 failed: ValidationError"),
                e.getMessage());
    }

    @Test
    void deleteStackErrorNamesTheStack() {
        aws.on("DeleteStack", call -> Reply.error(400, "ValidationError", "Stack is termination protected"));

        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.delete(EU_333, "saas-silo-wayne"));

        assertTrue(e.getMessage().startsWith(
                "DeleteStack saas-silo-wayne in 333333333333/eu-west-1 failed: ValidationError: Stack is"),
                e.getMessage());
    }

    @Test
    void productionClientsAreBuiltForTheEnvironmentsRegionWithoutCallingAws() {
        try (CloudFormationClient client = CloudFormationStackDirectory.cloudFormationClients(http)
                .create("ap-southeast-2", StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
             StsClient functionSts = CloudFormationStackDirectory.stsClient("eu-central-1", http)) {
            assertEquals(Region.AP_SOUTHEAST_2, client.serviceClientConfiguration().region());
            assertEquals(Region.EU_CENTRAL_1, functionSts.serviceClientConfiguration().region());
        }
        assertEquals(List.of(), aws.calls());
    }

    private static Reply assumed(Call call) {
        String account = call.params().get("RoleArn").split(":")[4];
        return Reply.ok("""
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <AssumedRoleUser>
                      <AssumedRoleId>AROAEXAMPLE:saas-fleet-offboarder</AssumedRoleId>
                      <Arn>arn:aws:sts::%1$s:assumed-role/cdk-deploy/saas-fleet-offboarder</Arn>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>ASIA%1$s</AccessKeyId>
                      <SecretAccessKey>secret-%1$s</SecretAccessKey>
                      <SessionToken>token-%1$s</SessionToken>
                      <Expiration>2099-01-01T00:00:00Z</Expiration>
                    </Credentials>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>req-a</RequestId></ResponseMetadata>
                </AssumeRoleResponse>
                """.formatted(account));
    }

    private static String stack(String name, String status, boolean protectedStack, boolean nested,
                                String tenantId) {
        return """
                <member>
                  <StackName>%1$s</StackName>
                  <StackId>arn:aws:cloudformation:eu-west-1:333333333333:stack/%1$s/0a1b</StackId>
                  <CreationTime>2026-01-01T00:00:00Z</CreationTime>
                  <StackStatus>%2$s</StackStatus>
                  <EnableTerminationProtection>%3$s</EnableTerminationProtection>
                  %4$s
                  <Tags>
                    <member><Key>ManagedBy</Key><Value>saas-fleet</Value></member>
                    <member><Key>TenantId</Key><Value>%5$s</Value></member>
                  </Tags>
                </member>
                """.formatted(name, status, protectedStack, nested
                ? "<ParentId>arn:aws:cloudformation:eu-west-1:333333333333:stack/root/0a1b</ParentId>" : "", tenantId);
    }

    private static Reply describeStacks(String nextToken, String... members) {
        return Reply.ok("<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                + "<DescribeStacksResult><Stacks>" + String.join("", members) + "</Stacks>"
                + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>")
                + "</DescribeStacksResult><ResponseMetadata><RequestId>req-s</RequestId></ResponseMetadata>"
                + "</DescribeStacksResponse>");
    }
}
