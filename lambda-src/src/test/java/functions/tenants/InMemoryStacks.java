package functions.tenants;

import functions.provisioning.ApiKeys;
import functions.provisioning.StackLocation;
import functions.provisioning.StackNotDeployedException;
import functions.provisioning.StackResources;
import functions.provisioning.TargetStack;
import functions.provisioning.TargetStacks;
import functions.users.UserDirectory;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link TargetStacks} in memory: the stacks a test has "deployed" (their outputs, a directory and API keys scoped
 * to them), and DynamoDB Local for their TenantApiKeys tables through the client the control plane under test uses
 * (so call counts and injected failures cover those writes too). A stack not deployed answers like CloudFormation
 * would: {@link StackNotDeployedException} on its outputs.
 */
final class InMemoryStacks implements TargetStacks {

    /** One deployed stack. */
    record Deployed(StackResources resources, UserDirectory directory, ApiKeys apiKeys) {
    }

    private final Map<StackLocation, Deployed> deployed;
    private final DynamoDbClient dynamo;

    InMemoryStacks(Map<StackLocation, Deployed> deployed, DynamoDbClient dynamo) {
        this.deployed = deployed;
        this.dynamo = dynamo;
    }

    @Override
    public TargetStack at(StackLocation location) {
        return new TargetStack() {
            @Override
            public StackLocation location() {
                return location;
            }

            @Override
            public StackResources resources() {
                return deployed().resources();
            }

            @Override
            public UserDirectory directory() {
                return deployed().directory();
            }

            @Override
            public ApiKeys apiKeys() {
                return deployed().apiKeys();
            }

            @Override
            public DynamoDbClient dynamo() {
                return dynamo;
            }

            private Deployed deployed() {
                Deployed stack = deployed.get(location);
                if (stack == null) {
                    throw new StackNotDeployedException(location, "CloudFormation has no such stack", null);
                }
                return stack;
            }
        };
    }
}
