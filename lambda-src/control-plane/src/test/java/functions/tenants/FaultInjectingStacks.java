package functions.tenants;

import functions.provisioning.FaultInjectingApiKeys;
import functions.provisioning.StackLocation;
import functions.provisioning.TargetStack;
import functions.provisioning.TargetStacks;
import functions.users.FaultInjectingUserDirectory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real {@link TargetStacks} (on moto) with each stack's directory and API key calls going through the
 * fixture's fault plans ({@link FaultInjectingUserDirectory}, {@link FaultInjectingApiKeys}), because moto cannot
 * fail or crash on cue; optionally with each stack's DynamoDB client replaced by one the test instruments (still
 * in the stack's account and region), so injected failures and call counts cover the TenantApiKeys writes too.
 */
final class FaultInjectingStacks implements TargetStacks {

    private final TargetStacks real;
    private final StackUsers users;
    private final StackApiKeys apiKeys;
    private final Function<StackLocation, DynamoDbClient> dynamo;
    private final Map<StackLocation, DynamoDbClient> dynamoClients = new ConcurrentHashMap<>();

    /** @param dynamo the DynamoDB client of a stack, or null for the real stack's own */
    FaultInjectingStacks(TargetStacks real, StackUsers users, StackApiKeys apiKeys,
                         Function<StackLocation, DynamoDbClient> dynamo) {
        this.real = real;
        this.users = users;
        this.apiKeys = apiKeys;
        this.dynamo = dynamo;
    }

    @Override
    public TargetStack at(StackLocation location) {
        return new WrappedStack(real.at(location),
                stack -> new FaultInjectingUserDirectory(stack.directory(), users.faults),
                stack -> new FaultInjectingApiKeys(apiKeys.counting(location.env(), stack.apiKeys()), apiKeys.faults),
                stack -> dynamo == null ? stack.dynamo() : dynamoClients.computeIfAbsent(location, dynamo));
    }
}
