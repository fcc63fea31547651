package functions.provisioning;

import functions.users.UserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The real {@link TargetStacks}: each stack reached through its control-plane role ({@link StackCredentials}),
 * its outputs read with CloudFormation DescribeStacks and kept for {@link #OUTPUTS_TTL}, its Cognito, API Gateway
 * and DynamoDB clients built on first use. Opened stacks are kept (at most {@link #MAX_OPEN} of them, least
 * recently used dropped), so a warm function builds a stack's clients once.
 */
public final class AssumedRoleStacks implements TargetStacks {

    /** A stack's outputs change only with a deployment; a changed output reaches every instance within this. */
    public static final Duration OUTPUTS_TTL = Duration.ofSeconds(60);
    static final int MAX_OPEN = 256;
    // A stack in these states has not finished its first deployment (or is going away): its outputs are not there.
    private static final Set<String> NOT_DEPLOYED = Set.of("REVIEW_IN_PROGRESS", "CREATE_IN_PROGRESS",
            "CREATE_FAILED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_FAILED", "ROLLBACK_COMPLETE", "DELETE_IN_PROGRESS",
            "DELETE_FAILED", "DELETE_COMPLETE");

    private final StackCredentials credentials;
    private final StackClients clients;
    // Wall-clock expiry, not nanoTime: after a SnapStart restore, outputs from the snapshot must count as old.
    private final Clock clock;
    private final Map<StackLocation, OpenStack> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StackLocation, OpenStack> eldest) {
            return size() > MAX_OPEN;
        }
    };

    public AssumedRoleStacks(StackCredentials credentials, StackClients clients, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Production: STS in the function's region with the function's own role; called during init. */
    public static AssumedRoleStacks create(String functionRegion, String functionName, Clock clock) {
        StackClients clients = StackClients.create(Optional.empty());
        StsClient sts = StsClient.builder().httpClient(clients.jdkHttp()).region(Region.of(functionRegion))
                .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        return new AssumedRoleStacks(new StackCredentials(sts, functionName), clients, clock);
    }

    @Override
    public synchronized TargetStack at(StackLocation location) {
        return open.computeIfAbsent(Objects.requireNonNull(location, "location"), OpenStack::new);
    }

    private final class OpenStack implements TargetStack {

        private final StackLocation location;
        private final AwsCredentialsProvider roleCredentials;
        private final Map<String, Object> built = new HashMap<>();
        private StackResources resources;
        private long resourcesExpireAtMillis;

        OpenStack(StackLocation location) {
            this.location = location;
            this.roleCredentials = credentials.providerFor(location.roleArn());
        }

        @Override
        public StackLocation location() {
            return location;
        }

        @Override
        public synchronized StackResources resources() {
            long now = clock.millis();
            if (resources != null && now < resourcesExpireAtMillis) {
                return resources;
            }
            // A missing or broken stack is never kept: a fix (or the pipeline's deployment) is seen on the next call.
            StackResources read = StackResources.fromOutputs(location, describe());
            resources = read;
            resourcesExpireAtMillis = now + OUTPUTS_TTL.toMillis();
            return read;
        }

        @Override
        public UserDirectory directory() {
            return client("cognito", () -> clients.directory(location.region(), roleCredentials));
        }

        @Override
        public ApiKeys apiKeys() {
            return client("apigateway", () -> clients.apiKeys(location.region(), roleCredentials,
                    location.stackName()));
        }

        @Override
        public DynamoDbClient dynamo() {
            return client("dynamodb", () -> clients.dynamo(location.region(), roleCredentials));
        }

        private Map<String, String> describe() {
            try {
                // Assumed here rather than inside the first call's signing, so a refusal is reported as what it is.
                credentials.credentials(location.roleArn());
            } catch (StackCredentials.StackRoleException e) {
                if (e.accessDenied()) {
                    throw new StackNotDeployedException(location, "its role " + location.roleArn()
                            + " cannot be assumed (AccessDenied): the stack has not created it yet, or it does not"
                            + " trust this function", e);
                }
                throw e;
            }
            List<Stack> stacks;
            try {
                CloudFormationClient cloudFormation = client("cloudformation",
                        () -> clients.cloudFormation(location.region(), roleCredentials));
                stacks = cloudFormation.describeStacks(r -> r.stackName(location.stackName())).stacks();
            } catch (SdkException e) {
                if (doesNotExist(e)) {
                    throw new StackNotDeployedException(location, "CloudFormation has no such stack", e);
                }
                throw new IllegalStateException("DescribeStacks " + location + " failed: " + describeError(e), e);
            }
            if (stacks.isEmpty()) {
                throw new StackNotDeployedException(location, "CloudFormation has no such stack", null);
            }
            Stack stack = stacks.get(0);
            if (NOT_DEPLOYED.contains(stack.stackStatusAsString())) {
                throw new StackNotDeployedException(location, "its status is " + stack.stackStatusAsString(), null);
            }
            Map<String, String> outputs = new HashMap<>();
            for (Output output : stack.outputs()) {
                if (output.outputKey() != null && output.outputValue() != null) {
                    outputs.put(output.outputKey(), output.outputValue());
                }
            }
            return outputs;
        }

        @SuppressWarnings("unchecked")
        private synchronized <T> T client(String service, Supplier<T> build) {
            return (T) built.computeIfAbsent(service, s -> build.get());
        }
    }

    // CloudFormation answers DescribeStacks of an unknown name with ValidationError "Stack with id X does not exist".
    private static boolean doesNotExist(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && "ValidationError".equals(service.awsErrorDetails().errorCode())
                && String.valueOf(service.awsErrorDetails().errorMessage()).contains("does not exist");
    }

    private static String describeError(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
