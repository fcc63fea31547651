package functions.tenants;

import static functions.shared.Environment.optional;
import static functions.shared.Environment.required;

import contract.Env;
import functions.provisioning.PooledTierStacks;
import functions.shared.Environment;
import functions.shared.FunctionConfig;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the control-plane functions (registration, tenant and user administration) need from their
 * environment, read and checked once at init so a misconfigured deployment fails on its first cold start with a
 * message naming the variable. All three functions take the same variables.
 *
 * @param tenantDetailsTable      TenantDetails ({@code TENANT_DETAILS_TABLE})
 * @param tenantUserMappingTable  TenantUserMapping ({@code TENANT_USER_MAPPING_TABLE})
 * @param tenantStackMappingTable TenantStackMapping ({@code TENANT_STACK_MAPPING_TABLE})
 * @param settingsTable           Settings ({@code SETTINGS_TABLE})
 * @param registrationsTable      Registrations, the saga state and uniqueness claims ({@code REGISTRATIONS_TABLE})
 * @param pooledTierStacks        where each pooled tier's stacks are ({@code POOLED_TIER_STACKS}:
 *                                {@code <TIER>=<account>/<region>,...}; see {@link PooledTierStacks})
 * @param region                  the function's region ({@code AWS_REGION})
 * @param functionName            the STS session name in the tenants' accounts ({@code AWS_LAMBDA_FUNCTION_NAME},
 *                                set by Lambda; {@value #DEFAULT_FUNCTION_NAME} when unset)
 * @param dynamoDbEndpoint        endpoint override ({@code DYNAMODB_ENDPOINT}); only set to reach a local emulator (tests)
 */
public record ControlPlaneConfig(
        String tenantDetailsTable,
        String tenantUserMappingTable,
        String tenantStackMappingTable,
        String settingsTable,
        String registrationsTable,
        PooledTierStacks pooledTierStacks,
        String region,
        String functionName,
        Optional<URI> dynamoDbEndpoint) {

    public static final String TENANT_DETAILS_TABLE = Env.TENANT_DETAILS_TABLE.variable();
    public static final String TENANT_USER_MAPPING_TABLE = Env.TENANT_USER_MAPPING_TABLE.variable();
    public static final String TENANT_STACK_MAPPING_TABLE = Env.TENANT_STACK_MAPPING_TABLE.variable();
    public static final String SETTINGS_TABLE = Env.SETTINGS_TABLE.variable();
    public static final String REGISTRATIONS_TABLE = Env.REGISTRATIONS_TABLE.variable();
    public static final String POOLED_TIER_STACKS = PooledTierStacks.VARIABLE;
    public static final String FUNCTION_NAME = Env.AWS_LAMBDA_FUNCTION_NAME.variable();
    public static final String DEFAULT_FUNCTION_NAME = "saas-control-plane";

    public ControlPlaneConfig {
        Objects.requireNonNull(tenantDetailsTable, TENANT_DETAILS_TABLE);
        Objects.requireNonNull(tenantUserMappingTable, TENANT_USER_MAPPING_TABLE);
        Objects.requireNonNull(tenantStackMappingTable, TENANT_STACK_MAPPING_TABLE);
        Objects.requireNonNull(settingsTable, SETTINGS_TABLE);
        Objects.requireNonNull(registrationsTable, REGISTRATIONS_TABLE);
        Objects.requireNonNull(pooledTierStacks, POOLED_TIER_STACKS);
        Objects.requireNonNull(region, FunctionConfig.AWS_REGION);
        Objects.requireNonNull(functionName, FUNCTION_NAME);
        Objects.requireNonNull(dynamoDbEndpoint, FunctionConfig.DYNAMODB_ENDPOINT);
    }

    /** Reads the configuration; throws {@link IllegalStateException} naming the first bad variable. */
    public static ControlPlaneConfig fromEnvironment(Map<String, String> env) {
        return new ControlPlaneConfig(
                required(env, TENANT_DETAILS_TABLE),
                required(env, TENANT_USER_MAPPING_TABLE),
                required(env, TENANT_STACK_MAPPING_TABLE),
                required(env, SETTINGS_TABLE),
                required(env, REGISTRATIONS_TABLE),
                PooledTierStacks.parse(required(env, POOLED_TIER_STACKS)),
                required(env, FunctionConfig.AWS_REGION),
                optional(env, FUNCTION_NAME).orElse(DEFAULT_FUNCTION_NAME),
                optional(env, FunctionConfig.DYNAMODB_ENDPOINT).map(raw -> Environment.endpoint(
                        FunctionConfig.DYNAMODB_ENDPOINT, raw, "http://127.0.0.1:8000")));
    }
}
