package functions.shared;

import static functions.shared.Environment.optional;
import static functions.shared.Environment.required;

import contract.Env;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a function needs from its environment, read and checked once at init so a misconfigured
 * deployment fails on its first cold start with a message naming the variable, not on some request.
 *
 * @param tableName        the product or order table ({@code TABLE_NAME})
 * @param shardCount       shards per tenant, fixed for a table's life ({@code SHARD_COUNT})
 * @param siloTenant       the only tenant a silo stack serves ({@code TENANT_ID}); empty when pooled
 * @param region           the function's region ({@code AWS_REGION})
 * @param dynamoDbEndpoint endpoint override ({@code DYNAMODB_ENDPOINT}); only set to reach a local emulator (tests)
 */
public record FunctionConfig(
        String tableName,
        int shardCount,
        Optional<TenantId> siloTenant,
        String region,
        Optional<URI> dynamoDbEndpoint) {

    public static final String TABLE_NAME = Env.TABLE_NAME.variable();
    public static final String SHARD_COUNT = Env.SHARD_COUNT.variable();
    public static final String TENANT_ID = Env.TENANT_ID.variable();
    public static final String AWS_REGION = Env.AWS_REGION.variable();
    public static final String DYNAMODB_ENDPOINT = Env.DYNAMODB_ENDPOINT.variable();

    public FunctionConfig {
        Objects.requireNonNull(tableName, TABLE_NAME);
        Objects.requireNonNull(siloTenant, TENANT_ID);
        Objects.requireNonNull(region, AWS_REGION);
        Objects.requireNonNull(dynamoDbEndpoint, DYNAMODB_ENDPOINT);
        if (shardCount < 1) {
            throw new IllegalStateException(SHARD_COUNT + " must be an integer >= 1, got " + shardCount);
        }
    }

    /** Reads the configuration; throws {@link IllegalStateException} naming the first bad variable. */
    public static FunctionConfig fromEnvironment(Map<String, String> env) {
        return new FunctionConfig(
                required(env, TABLE_NAME),
                shardCount(required(env, SHARD_COUNT)),
                optional(env, TENANT_ID).map(FunctionConfig::siloTenant),
                required(env, AWS_REGION),
                optional(env, DYNAMODB_ENDPOINT).map(raw -> Environment.endpoint(DYNAMODB_ENDPOINT, raw,
                        "http://127.0.0.1:8000")));
    }

    private static int shardCount(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(SHARD_COUNT + " must be an integer >= 1, got '" + raw + "'");
        }
    }

    private static TenantId siloTenant(String raw) {
        if (!TenantId.isValid(raw)) {
            throw new IllegalStateException(
                    TENANT_ID + " must match [a-z0-9][a-z0-9-]{2,31} or be a lowercase UUID, got '" + raw + "'");
        }
        return new TenantId(raw);
    }
}
