package functions.provisioning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the control plane needs from a pooled tier or silo stack, read from its CloudFormation outputs: the user
 * pool and app client of its users, the usage plan its tenants' API keys join, the TenantApiKeys table its
 * authorizer reads, its shard count, and its tenant tables (logical name to table name; empty for a stack deployed
 * before it published {@value #TENANT_TABLES}).
 */
public record StackResources(String userPoolId, String appClientId, String usagePlanId, String tenantApiKeysTable,
                             int shardCount, Map<String, String> tenantTables) {

    public static final String USER_POOL_ID = contract.Output.USER_POOL_ID.key();
    public static final String APP_CLIENT_ID = contract.Output.APP_CLIENT_ID.key();
    public static final String USAGE_PLAN_ID = contract.Output.USAGE_PLAN_ID.key();
    public static final String TENANT_API_KEYS_TABLE = contract.Output.TENANT_API_KEYS_TABLE.key();
    public static final String SHARD_COUNT = contract.Output.SHARD_COUNT.key();
    /**
     * The sharded tenant tables as {@code <logicalName>=<tableName>} joined by {@code ,}
     * (stages.ProvisioningOutputs.TENANT_TABLES): the usage collector counts each tenant's items in them.
     */
    public static final String TENANT_TABLES = contract.Output.TENANT_TABLES.key();
    // A logical name is a construct id; a table name is DynamoDB's [a-zA-Z0-9_.-]{3,255}.
    private static final Pattern TABLE_ENTRY = Pattern.compile("([A-Za-z][A-Za-z0-9]*)=([a-zA-Z0-9_.-]{3,255})");

    public StackResources {
        Objects.requireNonNull(userPoolId, USER_POOL_ID);
        Objects.requireNonNull(appClientId, APP_CLIENT_ID);
        Objects.requireNonNull(usagePlanId, USAGE_PLAN_ID);
        Objects.requireNonNull(tenantApiKeysTable, TENANT_API_KEYS_TABLE);
        if (shardCount < 1) {
            throw new IllegalArgumentException(SHARD_COUNT + " must be >= 1, got " + shardCount);
        }
        tenantTables = Collections.unmodifiableMap(new LinkedHashMap<>(tenantTables));
    }

    /** Resources of a stack that publishes no {@value #TENANT_TABLES}. */
    public StackResources(String userPoolId, String appClientId, String usagePlanId, String tenantApiKeysTable,
                          int shardCount) {
        this(userPoolId, appClientId, usagePlanId, tenantApiKeysTable, shardCount, Map.of());
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
                output(stack, outputs, USAGE_PLAN_ID), output(stack, outputs, TENANT_API_KEYS_TABLE), shardCount,
                tenantTables(stack, outputs.get(TENANT_TABLES)));
    }

    // Optional: a stack deployed before the output existed still provisions; only item counting needs it.
    private static Map<String, String> tenantTables(StackLocation stack, String value) {
        Map<String, String> tables = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return tables;
        }
        for (String entry : value.strip().split(",", -1)) {
            var match = TABLE_ENTRY.matcher(entry.strip());
            if (!match.matches() || tables.put(match.group(1), match.group(2)) != null) {
                throw new IllegalStateException(stack + ": output " + TENANT_TABLES
                        + " must be <logicalName>=<tableName> entries joined by ',', each name once, got '" + value
                        + "'");
            }
        }
        return tables;
    }

    private static String output(StackLocation stack, Map<String, String> outputs, String key) {
        String value = outputs.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(stack + " has no output " + key);
        }
        return value.strip();
    }
}
