package contract;

/**
 * The outputs of a pooled tier or silo stack that the control plane reads with {@code DescribeStacks}
 * (functions.provisioning.StackResources; the CDK app's stages.ProvisioningOutputs publishes them).
 */
public enum Output {
    USER_POOL_ID("UserPoolId"),
    APP_CLIENT_ID("AppClientId"),
    USAGE_PLAN_ID("UsagePlanId"),
    TENANT_API_KEYS_TABLE("TenantApiKeysTable"),
    SHARD_COUNT("ShardCount"),
    /** The tenant tables as {@code <logicalName>=<tableName>} joined by {@code ,}. */
    TENANT_TABLES("TenantTables");

    private final String key;

    Output(String key) {
        this.key = key;
    }

    /** The output's OutputKey (and the CfnOutput's id). */
    public String key() {
        return key;
    }
}
