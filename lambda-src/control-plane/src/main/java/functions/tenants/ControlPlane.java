package functions.tenants;

import functions.provisioning.AssumedRoleStacks;
import functions.provisioning.Placements;
import functions.provisioning.PlatformSettings;
import functions.provisioning.StackMappingRepository;
import functions.provisioning.TargetStack;
import functions.provisioning.TargetStacks;
import functions.shared.DynamoDbClientFactory;
import functions.shared.Environment;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The object graph of the control-plane functions, built once per function instance during init (inside the
 * SnapStart snapshot): clients, repositories and services. The control plane's own tables are in its own account
 * and region; everything of a tenant (user pool, API key, TenantApiKeys item) is in the tenant's stack, reached
 * through {@link TargetStacks}. Tests build it on moto, reaching the stacks through the real
 * {@link AssumedRoleStacks}.
 */
public final class ControlPlane {

    private final ControlPlaneConfig config;
    private final DynamoDbClient dynamo;
    private final TargetStacks targetStacks;
    private final Clock clock;
    private final TenantRepository tenants;
    private final UserMappingRepository mappings;
    private final PlatformSettings settings;
    private final Placements placements;
    private final AccessQueue accessQueue;

    /** A graph that starts no access job (registration, user management, benches). */
    public ControlPlane(ControlPlaneConfig config, DynamoDbClient dynamo, TargetStacks targetStacks, Clock clock) {
        this(config, dynamo, targetStacks, clock, AccessQueue.notConfigured(SqsAccessQueue.VARIABLE));
    }

    /** @param accessQueue where deactivations, activations and offboardings enqueue their users' pages */
    public ControlPlane(ControlPlaneConfig config, DynamoDbClient dynamo, TargetStacks targetStacks, Clock clock,
                        AccessQueue accessQueue) {
        this.accessQueue = accessQueue;
        this.config = config;
        this.dynamo = dynamo;
        this.targetStacks = targetStacks;
        this.clock = clock;
        this.tenants = new TenantRepository(dynamo, config.tenantDetailsTable());
        this.mappings = new UserMappingRepository(dynamo, config.tenantUserMappingTable());
        // One per instance: it holds the tier placement cache.
        this.settings = new PlatformSettings(dynamo, config.settingsTable(), clock);
        this.placements = new Placements(config.pooledTierStacks(), settings);
    }

    /** Used by the Lambda entry points: everything from the environment, the real AWS clients. */
    public static ControlPlane fromEnvironment(Map<String, String> env) {
        ControlPlaneConfig config = ControlPlaneConfig.fromEnvironment(env);
        Clock clock = Clock.systemUTC();
        // Only the functions that start or continue access jobs (TenantAdmin, TenantAccess) have the queue.
        AccessQueue queue = Environment.optional(env, SqsAccessQueue.VARIABLE)
                .<AccessQueue>map(url -> SqsAccessQueue.create(config.region(), url, Optional.empty()))
                .orElse(AccessQueue.notConfigured(SqsAccessQueue.VARIABLE));
        return new ControlPlane(config, DynamoDbClientFactory.create(config.region(), config.dynamoDbEndpoint()),
                AssumedRoleStacks.create(config.region(), config.functionName(), clock), clock, queue);
    }

    public ControlPlaneConfig config() {
        return config;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public Clock clock() {
        return clock;
    }

    public TenantRepository tenants() {
        return tenants;
    }

    public PlatformSettings settings() {
        return settings;
    }

    public Placements placements() {
        return placements;
    }

    public TargetStacks targetStacks() {
        return targetStacks;
    }

    /** A tenant's users in {@code stack}: its directory, the control plane's TenantUserMapping. */
    public TenantUsers usersIn(TargetStack stack) {
        return new TenantUsers(stack.directory(), mappings, clock);
    }

    public StackMappingRepository stackMappings() {
        return new StackMappingRepository(dynamo, config.tenantStackMappingTable());
    }

    public TenantService tenantService() {
        return new TenantService(tenants, stackMappings(), targetStacks, this::usersIn, accessQueue, clock);
    }

    public ProbeTenants probeTenants() {
        return new ProbeTenants(tenants, config.pooledTierStacks(), targetStacks, clock);
    }

    public TenantUserService tenantUserService() {
        return new TenantUserService(tenants, mappings, this::usersIn, targetStacks);
    }

    /** The access worker, pacing its directory calls on the real clock. */
    public TenantAccessWorker accessWorker() {
        return accessWorker(Pacer.realTime(TenantAccessWorker.CALLS_PER_SECOND), TenantAccessWorker.PAGE_SIZE);
    }

    TenantAccessWorker accessWorker(Pacer pacer, int pageSize) {
        return accessWorker(pacer, pageSize, mappings);
    }

    TenantAccessWorker accessWorker(Pacer pacer, int pageSize, UserBatches users) {
        return new TenantAccessWorker(tenants, new AccessJobs(dynamo, config.tenantDetailsTable()), users,
                targetStacks, accessQueue, pacer, pageSize, clock);
    }
}
