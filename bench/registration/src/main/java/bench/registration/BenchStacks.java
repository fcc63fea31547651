package bench.registration;

import functions.provisioning.AccountRegion;
import functions.provisioning.ApiKeys;
import functions.provisioning.PooledTierStacks;
import functions.provisioning.StackLocation;
import functions.provisioning.StackNotDeployedException;
import functions.provisioning.StackResources;
import functions.provisioning.TargetStack;
import functions.provisioning.TargetStacks;
import functions.provisioning.Tier;
import functions.users.UserDirectory;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The pooled tier stacks as the control plane reaches them ({@link TargetStacks}), without CloudFormation or STS:
 * fixed outputs per tier, the shared Cognito and API Gateway doubles, and DynamoDB Local (the bench's client) for
 * each stack's own TenantApiKeys table, so that item's PutItem is a real call like every other DynamoDB write of a
 * registration. Silo stacks are never deployed here: PLATINUM registrations stop at the TenantStackMapping record.
 */
final class BenchStacks implements TargetStacks {

    /** {@code POOLED_TIER_STACKS} of the bench: each pooled tier in one environment, so no tier#X setting is read. */
    static final String POOLED_TIER_STACKS = "BASIC=222222222222/us-east-1,STANDARD=222222222222/us-east-1,"
            + "PREMIUM=222222222222/us-east-1";

    private final Map<StackLocation, StackResources> deployed;
    private final UserDirectory directory;
    private final ApiKeys apiKeys;
    private final DynamoDbClient dynamo;

    BenchStacks(Map<StackLocation, StackResources> deployed, UserDirectory directory, ApiKeys apiKeys,
                DynamoDbClient dynamo) {
        this.deployed = Map.copyOf(deployed);
        this.directory = directory;
        this.apiKeys = apiKeys;
        this.dynamo = dynamo;
    }

    static AccountRegion environment(Tier tier) {
        return PooledTierStacks.parse(POOLED_TIER_STACKS).environments(tier).get(0);
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
                StackResources resources = deployed.get(location);
                if (resources == null) {
                    throw new StackNotDeployedException(location, "not deployed in the bench", null);
                }
                return resources;
            }

            @Override
            public UserDirectory directory() {
                return directory;
            }

            @Override
            public ApiKeys apiKeys() {
                return apiKeys;
            }

            @Override
            public DynamoDbClient dynamo() {
                return dynamo;
            }
        };
    }
}
