package functions.isolation;

import functions.shared.DynamoDbClientFactory;
import functions.shared.FunctionConfig;
import functions.shared.ShardedTenantTable;
import functions.shared.Sharding;
import functions.shared.TenantCredentialScope;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * Opens the tenant table of a product or order function, at init: one DynamoDB client, and the credentials its
 * calls are signed with. A silo function ({@code TENANT_ID} set) signs with its own role, since its tables are
 * its tenant's alone; a pooled function signs each call with the calling tenant's {@link TenantCredentials}.
 */
public final class TenantTables {

    private TenantTables() {
    }

    /** Throws {@link IllegalStateException} naming the variable when the environment is incomplete or wrong. */
    public static ShardedTenantTable open(FunctionConfig config, Map<String, String> env, String sortKey) {
        Sharding sharding = new Sharding(config.shardCount());
        TenantCredentialScope credentials = config.siloTenant().isPresent()
                ? TenantCredentialScope.FUNCTION_ROLE
                : pooled(config, TenantAccessConfig.fromEnvironment(env, config.tableName()), sharding);
        return new ShardedTenantTable(DynamoDbClientFactory.create(config), config.tableName(), sortKey, sharding,
                credentials);
    }

    static TenantCredentials pooled(FunctionConfig config, TenantAccessConfig access, Sharding sharding) {
        TenantSessionPolicy policy;
        try {
            policy = new TenantSessionPolicy(access.tableArns(), access.keyArns(), sharding);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(FunctionConfig.SHARD_COUNT + ", " + TenantAccessConfig.TENANT_TABLE_ARNS
                    + " and " + TenantAccessConfig.TENANT_TABLE_KEY_ARNS + " do not fit a session policy: "
                    + e.getMessage(), e);
        }
        StsClientBuilder sts = StsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()))
                // The function's own role: all it may do is assume the tenant-access role.
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        access.stsEndpoint().ifPresent(sts::endpointOverride);
        return new TenantCredentials(sts.build(), access.roleArn(), policy);
    }
}
