package functions.offboard;

import static functions.offboard.FleetStacks.siloStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.offboard.FleetStacks.Deletion;
import functions.offboard.OffboardSummary.Failure;
import functions.offboard.OffboardSummary.StackRef;
import functions.shared.RecordedAnswers;
import functions.shared.SentCalls.Call;
import functions.shared.WireRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The real directory through the real SDK clients, on moto ({@link MotoFleet}: fresh accounts, every STS and
 * CloudFormation call recorded as sent). The function signs AssumeRole with its own key; each deploy role session
 * moto's STS issues acts in the role's account, so a stack the directory lists or deletes is reached only with the
 * session of its environment.
 */
class CloudFormationStackDirectoryTest {

    private final MotoFleet fleet = new MotoFleet();
    private final Env eu333 = fleet.env("333333333333", "eu-west-1");
    private final Env eu444 = fleet.env("444444444444", "eu-west-1");
    private final CloudFormationStackDirectory directory = fleet.directory();

    @AfterEach
    void stop() {
        directory.close();
        fleet.close();
    }

    @Test
    void listAssumesTheDeployRoleAndReadsEveryPageWithTheAssumedCredentials() {
        var acme = new DeployedStack("saas-silo-acme", "UPDATE_COMPLETE",
                Map.of("ManagedBy", "saas-fleet", "TenantId", "acme"), false, false);
        var toolkit = new DeployedStack("CDKToolkit", "CREATE_COMPLETE", Map.of(), false, false);
        var wayne = new DeployedStack("saas-silo-wayne", "CREATE_COMPLETE",
                Map.of("ManagedBy", "saas-fleet", "TenantId", "wayne"), true, false);
        fleet.add(eu333, acme, toolkit, wayne);
        // moto answers DescribeStacks 50 stacks a page: 48 more make a second page.
        List<String> names = new ArrayList<>(List.of("saas-silo-acme", "CDKToolkit", "saas-silo-wayne"));
        for (int i = 0; i < 48; i++) {
            String name = "other-team-%02d".formatted(i);
            fleet.add(eu333, new DeployedStack(name, "CREATE_COMPLETE", Map.of("Team", "other"), false, false));
            names.add(name);
        }
        // Other environments' stacks, some of the same name.
        fleet.add(fleet.env("333333333333", "us-west-2"), siloStack("acme")).add(eu444, siloStack("wayne"));

        List<DeployedStack> stacks = directory.list(eu333);

        assertEquals(List.of("AssumeRole"), fleet.stsCalls().operations());
        Call assume = fleet.stsCalls().calls().get(0);
        assertEquals("arn:aws:iam::" + eu333.account() + ":role/cdk-hnb659fds-deploy-role-" + eu333.account()
                + "-eu-west-1", assume.request(AssumeRoleRequest.class).roleArn());
        assertEquals("saas-fleet-offboarder", assume.request(AssumeRoleRequest.class).roleSessionName());
        assertEquals("2011-06-15", assume.wire().param("Version"));
        assertEquals(MotoFleet.FUNCTION_KEY, assume.wire().accessKeyId());
        assertEquals("sts", assume.wire().signingService());
        Credentials session = assume.response(AssumeRoleResponse.class).credentials();
        List<Call> pages = fleet.cloudFormationCalls().calls();
        assertEquals(List.of("DescribeStacks", "DescribeStacks"), fleet.cloudFormationCalls().operations());
        assertNull(pages.get(0).wire().param("NextToken"));
        String nextToken = pages.get(0).response(DescribeStacksResponse.class).nextToken();
        assertNotNull(nextToken);
        assertEquals(nextToken, pages.get(1).wire().param("NextToken"));
        for (Call page : pages) {
            WireRequest sent = page.wire();
            assertEquals("2010-05-15", sent.param("Version"));
            assertEquals(session.accessKeyId(), sent.accessKeyId());
            assertEquals(session.sessionToken(), sent.securityToken());
            assertEquals("eu-west-1", sent.signingRegion());
            assertEquals("cloudformation", sent.signingService());
        }
        assertEquals(names.stream().sorted().toList(), stacks.stream().map(DeployedStack::stackName).sorted().toList());
        assertTrue(stacks.containsAll(List.of(acme, toolkit, wayne)), stacks.toString());
    }

    @Test
    void aStackIsReducedToItsNameStatusTagsProtectionAndWhetherItIsNested() {
        // A nested stack in DELETE_FAILED, as AWS describes one; moto's nested stacks have no ParentId.
        Stack described = Stack.builder().stackName("saas-silo-acme-Nested-1X").stackStatus(StackStatus.DELETE_FAILED)
                .tags(Tag.builder().key("ManagedBy").value("saas-fleet").build(),
                        Tag.builder().key("TenantId").value("acme").build())
                .enableTerminationProtection(true)
                .parentId("arn:aws:cloudformation:eu-west-1:333333333333:stack/saas-silo-acme/0a1b")
                .build();

        assertEquals(new DeployedStack("saas-silo-acme-Nested-1X", "DELETE_FAILED",
                        Map.of("ManagedBy", "saas-fleet", "TenantId", "acme"), true, true),
                CloudFormationStackDirectory.toDeployed(described));
        assertEquals(new DeployedStack("CDKToolkit", "CREATE_COMPLETE", Map.of(), false, false),
                CloudFormationStackDirectory.toDeployed(Stack.builder().stackName("CDKToolkit")
                        .stackStatus(StackStatus.CREATE_COMPLETE).build()));
    }

    @Test
    void deleteSendsDeleteStackSignedWithTheAssumedCredentialsAndTheRoleIsAssumedOncePerEnvironment() {
        fleet.add(eu333, siloStack("wayne"), siloStack("acme")).add(eu444, siloStack("stark"), siloStack("wayne"));

        directory.list(eu333);
        directory.list(eu444);
        directory.delete(eu333, "saas-silo-wayne");
        directory.delete(eu444, "saas-silo-stark");

        assertEquals(List.of(eu333, eu444), fleet.assumed());
        assertEquals(List.of(new Deletion(eu333, "saas-silo-wayne"), new Deletion(eu444, "saas-silo-stark")),
                fleet.deletions());
        List<Call> deletes = fleet.cloudFormationCalls().calls("DeleteStack");
        List<Call> sessions = fleet.stsCalls().calls("AssumeRole");
        for (int i = 0; i < 2; i++) {
            assertEquals(sessions.get(i).response(AssumeRoleResponse.class).credentials().sessionToken(),
                    deletes.get(i).wire().securityToken());
        }
        assertEquals(List.of("saas-silo-acme"), fleet.stackNames(eu333));
        assertEquals(List.of("saas-silo-wayne"), fleet.stackNames(eu444));
        // Deletion is started, never awaited: no DescribeStacks polling after a DeleteStack.
        List<String> operations = fleet.cloudFormationCalls().operations();
        assertEquals("DeleteStack", operations.get(operations.size() - 1));
        assertEquals(2, operations.stream().filter("DescribeStacks"::equals).count());
    }

    @Test
    void statusOfADeletedStackIsReadByItsListedIdAndIsDeleteComplete() {
        // By name DescribeStacks no longer finds a deleted stack; by the id the listing returned it answers
        // DELETE_COMPLETE (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html,
        // StackName: "Deleted stacks: You must specify the unique stack ID").
        fleet.add(eu333, siloStack("wayne"));
        directory.list(eu333);
        assertEquals("CREATE_COMPLETE", directory.status(eu333, "saas-silo-wayne"));

        directory.delete(eu333, "saas-silo-wayne");

        assertEquals("DELETE_COMPLETE", directory.status(eu333, "saas-silo-wayne"));
        DirectoryException notListed = assertThrows(DirectoryException.class,
                () -> directory.status(eu333, "saas-silo-acme"));
        assertEquals("NotListed", notListed.errorCode());
    }

    @Test
    void accessDeniedFromAssumeRoleNamesTheRoleAndTheErrorCode() {
        fleet.add(eu333, siloStack("wayne")).deny(eu333);

        DirectoryException e = assertThrows(DirectoryException.class, () -> directory.list(eu333));

        assertEquals("AccessDenied", e.errorCode());
        assertTrue(e.getMessage().startsWith("AssumeRole " + fleet.roleArn(eu333) + " failed: AccessDenied: User: "),
                e.getMessage());
        assertEquals(List.of(), fleet.cloudFormationCalls().calls());
    }

    @Test
    void accessDeniedInOneEnvironmentIsReportedForItWhileTheOthersAreOffboarded() {
        // Only eu333 holds an orphan: wayne left the catalog.
        fleet.add(eu333, siloStack("acme"), siloStack("wayne")).add(eu444, siloStack("initech")).deny(eu444);

        OffboardSummary summary = new Offboarder(directory, new InMemoryEnvironmentMemory(),
                tenantId -> Optional.empty(), 5).offboard(fleet.sample());

        assertEquals(List.of(new StackRef("saas-silo-wayne", eu333, "wayne")), summary.deleting());
        assertEquals(List.of(new Deletion(eu333, "saas-silo-wayne")), fleet.deletions());
        assertEquals(List.of("saas-silo-acme"), fleet.stackNames(eu333));
        assertEquals(1, summary.failures().size());
        Failure failure = summary.failures().get(0);
        assertEquals(eu444, failure.env());
        assertTrue(failure.reason().contains("AccessDenied"), failure.reason());
        assertFalse(summary.succeeded());
        assertEquals(4, summary.scannedEnvironments().size());
    }

    @Test
    void describeStacksErrorNamesTheEnvironmentAndTheCode() {
        // moto evaluates no IAM policy: a deploy role without cloudformation:DescribeStacks is AWS's recorded answer.
        fleet.answerCloudFormation(RecordedAnswers.action("DescribeStacks"),
                "aws/cloudformation-describe-stacks-access-denied.json");

        DirectoryException e = assertThrows(DirectoryException.class, () -> directory.list(eu333));

        assertEquals("AccessDenied", e.errorCode());
        assertTrue(e.getMessage().startsWith("DescribeStacks in " + eu333.account()
                + "/eu-west-1 failed: AccessDenied"), e.getMessage());
    }

    @Test
    void deleteStackErrorNamesTheStack() {
        fleet.add(eu333, new DeployedStack("saas-silo-wayne", "CREATE_COMPLETE",
                Map.of("ManagedBy", "saas-fleet", "TenantId", "wayne"), true, false));
        directory.list(eu333);

        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.delete(eu333, "saas-silo-wayne"));

        // The operation names the stack; AWS's message echoes what DeleteStack was given: the listed stack id.
        assertTrue(e.getMessage().startsWith("DeleteStack saas-silo-wayne in " + eu333.account()
                + "/eu-west-1 failed: ValidationError: Stack [" + fleet.stackId(eu333, "saas-silo-wayne")
                + "] cannot be deleted while"
                + " TerminationProtection is enabled"), e.getMessage());
        assertEquals(List.of("saas-silo-wayne"), fleet.stackNames(eu333));
    }

    @Test
    void productionClientsAreBuiltForTheEnvironmentsRegion() {
        try (var http = UrlConnectionHttpClient.create();
             CloudFormationClient client = CloudFormationStackDirectory.cloudFormationClients(http)
                .create("ap-southeast-2", StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
             var functionSts = CloudFormationStackDirectory.stsClient("eu-central-1", http)) {
            assertEquals(Region.AP_SOUTHEAST_2, client.serviceClientConfiguration().region());
            assertEquals(Region.EU_CENTRAL_1, functionSts.serviceClientConfiguration().region());
        }
    }
}
