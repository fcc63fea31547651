package functions.provisioning;

/**
 * Where a pooled tier's tenants live: its user pool and app client, the usage plan their API keys join, and how
 * many pooled shards (stacks) serve the tier; read from the Settings item {@code tier#<TIER>}.
 */
public record PooledTierSettings(String userPoolId, String appClientId, String usagePlanId, int shardCount) {
}
