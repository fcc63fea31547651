package functions.offboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The real {@link FleetStackDirectory}: per environment, STS AssumeRole of the CDK deploy role, then
 * CloudFormation DescribeStacks (every page) and DeleteStack with the assumed credentials. DeleteStack names the
 * stack by the {@code StackId} its listing returned: DeleteStack's {@code StackName} takes "the name or the unique
 * stack ID" (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html), and only the
 * id cannot reach a stack re-created under the same name since the listing. The STS client lives
 * as long as the handler; an instance of this class lives for one invocation and keeps one CloudFormation client
 * per environment, closed with it. The role is assumed explicitly (not through a refreshing provider) so an
 * AssumeRole refusal is reported as such, with its error code, rather than as a failed DescribeStacks.
 */
final class CloudFormationStackDirectory implements FleetStackDirectory {

    /** Shows in the target account's CloudTrail as the assumed-role session. */
    static final String SESSION_NAME = "saas-fleet-offboarder";

    /** Builds the CloudFormation client of one region with the assumed-role credentials. */
    @FunctionalInterface
    interface CloudFormationClients {
        CloudFormationClient create(String region, AwsCredentialsProvider credentials);
    }

    private final StsClient sts;
    private final DeployRole role;
    private final CloudFormationClients clients;
    private final Map<Env, CloudFormationClient> byEnv = new HashMap<>();
    private final Map<Env, Map<String, String>> listedIds = new HashMap<>();

    CloudFormationStackDirectory(StsClient sts, DeployRole role, CloudFormationClients clients) {
        this.sts = Objects.requireNonNull(sts, "sts");
        this.role = Objects.requireNonNull(role, "role");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /** The function's STS client, with its own role's credentials; built once, during init. */
    static StsClient stsClient(String region, SdkHttpClient httpClient) {
        return StsClient.builder()
                .httpClient(httpClient)
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
    }

    /** CloudFormation clients sharing the handler's HTTP client (a client does not close one it was given). */
    static CloudFormationClients cloudFormationClients(SdkHttpClient httpClient) {
        return (region, credentials) -> CloudFormationClient.builder()
                .httpClient(httpClient)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .build();
    }

    @Override
    public List<DeployedStack> list(Env env) {
        CloudFormationClient cloudFormation = client(env);
        try {
            List<DeployedStack> stacks = new ArrayList<>();
            Map<String, String> ids = new HashMap<>();
            // The paginator follows NextToken through every page.
            for (Stack stack : cloudFormation.describeStacksPaginator(DescribeStacksRequest.builder().build())
                    .stacks()) {
                stacks.add(toDeployed(stack));
                ids.put(stack.stackName(), stack.stackId());
            }
            listedIds.put(env, ids);
            return stacks;
        } catch (SdkException e) {
            throw failure("DescribeStacks in " + env.key(), e);
        }
    }

    @Override
    public void delete(Env env, String stackName) {
        String stackId = listedId(env, stackName, "DeleteStack");
        CloudFormationClient cloudFormation = client(env);
        try {
            cloudFormation.deleteStack(b -> b.stackName(stackId));
        } catch (SdkException e) {
            throw failure("DeleteStack " + stackName + " in " + env.key(), e);
        }
    }

    @Override
    public String status(Env env, String stackName) {
        String stackId = listedId(env, stackName, "DescribeStacks");
        try {
            // By id, DescribeStacks answers for a deleted stack too (by name it would not).
            return client(env).describeStacks(b -> b.stackName(stackId)).stacks().get(0).stackStatusAsString();
        } catch (SdkException e) {
            throw failure("DescribeStacks " + stackName + " in " + env.key(), e);
        }
    }

    @Override
    public void close() {
        byEnv.values().forEach(CloudFormationClient::close);
        byEnv.clear();
    }

    private String listedId(Env env, String stackName, String operation) {
        String stackId = listedIds.getOrDefault(env, Map.of()).get(stackName);
        if (stackId == null) {
            throw new DirectoryException(operation + " " + stackName + " in " + env.key(), "NotListed",
                    "the stack was not listed in this environment by this run, so its stack id is unknown", null);
        }
        return stackId;
    }

    private CloudFormationClient client(Env env) {
        CloudFormationClient cached = byEnv.get(env);
        if (cached != null) {
            return cached;
        }
        String roleArn = role.arn(env);
        Credentials assumed;
        try {
            assumed = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName(SESSION_NAME)).credentials();
        } catch (SdkException e) {
            throw failure("AssumeRole " + roleArn, e);
        }
        // Default session length (1 hour) outlives any invocation (15 minutes at most), and the cache dies with it.
        CloudFormationClient client = clients.create(env.region(), StaticCredentialsProvider.create(
                AwsSessionCredentials.create(assumed.accessKeyId(), assumed.secretAccessKey(), assumed.sessionToken())));
        byEnv.put(env, client);
        return client;
    }

    static DeployedStack toDeployed(Stack stack) {
        Map<String, String> tags = new HashMap<>();
        for (Tag tag : stack.tags()) {
            if (tag.key() != null && tag.value() != null) {
                tags.put(tag.key(), tag.value());
            }
        }
        return new DeployedStack(stack.stackName(), stack.stackStatusAsString(), tags,
                Boolean.TRUE.equals(stack.enableTerminationProtection()), stack.parentId() != null);
    }

    private static DirectoryException failure(String operation, SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return new DirectoryException(operation, service.awsErrorDetails().errorCode(),
                    service.awsErrorDetails().errorMessage(), e);
        }
        return new DirectoryException(operation, e.getClass().getSimpleName(), e.getMessage(), e);
    }
}
