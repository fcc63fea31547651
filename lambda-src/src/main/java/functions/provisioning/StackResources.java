package functions.provisioning;

import java.util.Map;
import java.util.Objects;

/**
 * What the control plane needs from a pooled tier or silo stack, read from its CloudFormation outputs: the user
 * pool and app client of its users, the usage plan its tenants' API keys join, the TenantApiKeys table its
 * authorizer reads, and its shard count.
 */
public record StackResources(String userPoolId, String appClientId, String usagePlanId, String tenantApiKeysTable,
                             int shardCount) {

    public static final String USER_POOL_ID = "UserPoolId";
    public static final String APP_CLIENT_ID = "AppClientId";
    public static final String USAGE_PLAN_ID = "UsagePlanId";
    public static final String TENANT_API_KEYS_TABLE = "TenantApiKeysTable";
    public static final String SHARD_COUNT = "ShardCount";

    public StackResources {
        Objects.requireNonNull(userPoolId, USER_POOL_ID);
        Objects.requireNonNull(appClientId, APP_CLIENT_ID);
        Objects.requireNonNull(usagePlanId, USAGE_PLAN_ID);
        Objects.requireNonNull(tenantApiKeysTable, TENANT_API_KEYS_TABLE);
        if (shardCount < 1) {
            throw new IllegalArgumentException(SHARD_COUNT + " must be >= 1, got " + shardCount);
        }
    }

    /**
     * The resources from a stack's outputs by OutputKey; a missing, blank or malformed output is a deployment
     * fault, an {@link IllegalStateException} naming the stack, its account/region and the output.
     */
    public static StackResources fromOutputs(StackLocation stack, Map<String, String> outputs) {
        String shards = output(stack, outputs, SHARD_COUNT);
        int shardCount;
        try {
            shardCount = Integer.parseInt(shards);
        } catch (NumberFormatException e) {
            shardCount = 0;
        }
        if (shardCount < 1) {
            throw new IllegalStateException(stack + ": output " + SHARD_COUNT
                    + " must be an integer number >= 1, got '" + shards + "'");
        }
        return new StackResources(output(stack, outputs, USER_POOL_ID), output(stack, outputs, APP_CLIENT_ID),
                output(stack, outputs, USAGE_PLAN_ID), output(stack, outputs, TENANT_API_KEYS_TABLE), shardCount);
    }

    private static String output(StackLocation stack, Map<String, String> outputs, String key) {
        String value = outputs.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(stack + " has no output " + key);
        }
        return value.strip();
    }
}
