package functions.tenants;

import functions.provisioning.ApiKeys;
import functions.provisioning.StackLocation;
import functions.provisioning.StackResources;
import functions.provisioning.TargetStack;
import functions.users.UserDirectory;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real (moto-backed) stack whose directory, API keys and DynamoDB client come through the test's functions of it:
 * the one way the tests put a double (fault injection, sampling) around a stack's parts. Each call asks again, as a
 * real stack does.
 */
record WrappedStack(TargetStack stack, Function<TargetStack, UserDirectory> directoryOf,
                    Function<TargetStack, ApiKeys> apiKeysOf, Function<TargetStack, DynamoDbClient> dynamoOf)
        implements TargetStack {

    /** Only the directory replaced. */
    static WrappedStack directory(TargetStack stack, Function<TargetStack, UserDirectory> directory) {
        return new WrappedStack(stack, directory, TargetStack::apiKeys, TargetStack::dynamo);
    }

    @Override
    public StackLocation location() {
        return stack.location();
    }

    @Override
    public StackResources resources() {
        return stack.resources();
    }

    @Override
    public UserDirectory directory() {
        return directoryOf.apply(stack);
    }

    @Override
    public ApiKeys apiKeys() {
        return apiKeysOf.apply(stack);
    }

    @Override
    public DynamoDbClient dynamo() {
        return dynamoOf.apply(stack);
    }
}
