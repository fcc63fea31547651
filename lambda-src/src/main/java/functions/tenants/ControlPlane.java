package functions.tenants;

import functions.provisioning.ApiGatewayApiKeys;
import functions.provisioning.ApiKeys;
import functions.provisioning.PlatformSettings;
import functions.provisioning.StackMappingRepository;
import functions.shared.DynamoDbClientFactory;
import functions.users.CognitoUserDirectory;
import functions.users.UserDirectory;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The object graph of the control-plane functions, built once per function instance during init (inside the
 * SnapStart snapshot): clients, repositories and services. Tests build it on DynamoDB Local with in-memory
 * directory and API keys.
 */
public final class ControlPlane {

    private final ControlPlaneConfig config;
    private final DynamoDbClient dynamo;
    private final UserDirectory directory;
    private final ApiKeys apiKeys;
    private final Clock clock;
    private final TenantRepository tenants;
    private final UserMappingRepository mappings;
    private final TenantUsers users;
    private final PlatformSettings settings;

    public ControlPlane(ControlPlaneConfig config, DynamoDbClient dynamo, UserDirectory directory, ApiKeys apiKeys,
                        Clock clock) {
        this.config = config;
        this.dynamo = dynamo;
        this.directory = directory;
        this.apiKeys = apiKeys;
        this.clock = clock;
        this.tenants = new TenantRepository(dynamo, config.tenantDetailsTable());
        this.mappings = new UserMappingRepository(dynamo, config.tenantUserMappingTable());
        this.users = new TenantUsers(directory, mappings, clock);
        // One per instance: it holds the tier settings cache.
        this.settings = new PlatformSettings(dynamo, config.settingsTable(), clock);
    }

    /** Used by the Lambda entry points: everything from the environment, the real AWS clients. */
    public static ControlPlane fromEnvironment(Map<String, String> env) {
        ControlPlaneConfig config = ControlPlaneConfig.fromEnvironment(env);
        return new ControlPlane(config, DynamoDbClientFactory.create(config.region(), config.dynamoDbEndpoint()),
                userDirectory(config), ApiGatewayApiKeys.create(config.region(), Optional.empty()),
                Clock.systemUTC());
    }

    // Cognito in the function's own region: the operations pool and the pools named by the Settings table.
    private static UserDirectory userDirectory(ControlPlaneConfig config) {
        return CognitoUserDirectory.create(config.region(), Optional.empty());
    }

    public ControlPlaneConfig config() {
        return config;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public Clock clock() {
        return clock;
    }

    public TenantRepository tenants() {
        return tenants;
    }

    public TenantUsers users() {
        return users;
    }

    public PlatformSettings settings() {
        return settings;
    }

    public StackMappingRepository stacks() {
        return new StackMappingRepository(dynamo, config.tenantStackMappingTable());
    }

    public TenantService tenantService() {
        return new TenantService(tenants, users, apiKeys, stacks(), clock);
    }

    public TenantUserService tenantUserService() {
        return new TenantUserService(tenants, mappings, users, directory);
    }
}
