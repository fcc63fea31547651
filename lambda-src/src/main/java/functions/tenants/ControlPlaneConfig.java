package functions.tenants;

import static functions.shared.Environment.optional;
import static functions.shared.Environment.required;

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
 * @param region                  the function's region ({@code AWS_REGION})
 * @param dynamoDbEndpoint        endpoint override ({@code DYNAMODB_ENDPOINT}); only set to reach DynamoDB Local
 */
public record ControlPlaneConfig(
        String tenantDetailsTable,
        String tenantUserMappingTable,
        String tenantStackMappingTable,
        String settingsTable,
        String registrationsTable,
        String region,
        Optional<URI> dynamoDbEndpoint) {

    public static final String TENANT_DETAILS_TABLE = "TENANT_DETAILS_TABLE";
    public static final String TENANT_USER_MAPPING_TABLE = "TENANT_USER_MAPPING_TABLE";
    public static final String TENANT_STACK_MAPPING_TABLE = "TENANT_STACK_MAPPING_TABLE";
    public static final String SETTINGS_TABLE = "SETTINGS_TABLE";
    public static final String REGISTRATIONS_TABLE = "REGISTRATIONS_TABLE";

    public ControlPlaneConfig {
        Objects.requireNonNull(tenantDetailsTable, TENANT_DETAILS_TABLE);
        Objects.requireNonNull(tenantUserMappingTable, TENANT_USER_MAPPING_TABLE);
        Objects.requireNonNull(tenantStackMappingTable, TENANT_STACK_MAPPING_TABLE);
        Objects.requireNonNull(settingsTable, SETTINGS_TABLE);
        Objects.requireNonNull(registrationsTable, REGISTRATIONS_TABLE);
        Objects.requireNonNull(region, FunctionConfig.AWS_REGION);
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
                required(env, FunctionConfig.AWS_REGION),
                optional(env, FunctionConfig.DYNAMODB_ENDPOINT).map(raw -> Environment.endpoint(
                        FunctionConfig.DYNAMODB_ENDPOINT, raw, "http://127.0.0.1:8000")));
    }
}
