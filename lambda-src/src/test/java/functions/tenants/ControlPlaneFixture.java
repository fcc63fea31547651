package functions.tenants;

import functions.provisioning.AccountRegion;
import functions.provisioning.InMemoryApiKeys;
import functions.provisioning.PlatformSettings;
import functions.provisioning.PooledTierStacks;
import functions.provisioning.StackLocation;
import functions.provisioning.StackMappingRepository;
import functions.provisioning.StackResources;
import functions.provisioning.TenantApiKeyTable;
import functions.provisioning.Tier;
import functions.shared.CallerContext;
import functions.shared.MotoDynamoDb;
import functions.shared.MutableClock;
import functions.shared.TenantId;
import functions.users.UserRole;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fresh control-plane tables on DynamoDB Local (keys as BaselineStack deploys them, plus Registrations), the
 * {@code siloPlacement} setting, one deployed pooled stack per tier environment of {@code POOLED_TIER_STACKS}
 * (each with its own TenantApiKeys table on DynamoDB Local, its pool and usage plan), an in-memory directory and
 * API keys scoped per stack, and a hand-driven clock. Silo stacks are deployed by the test ({@link #deploySilo}).
 */
public final class ControlPlaneFixture {

    public static final String POOLED_ACCOUNT = "222222222222";
    public static final String POOLED_REGION = "us-east-1";
    public static final AccountRegion POOLED_ENV = new AccountRegion(POOLED_ACCOUNT, POOLED_REGION);
    public static final String DEFAULT_POOLED_TIER_STACKS = "BASIC=222222222222/us-east-1,"
            + "PREMIUM=222222222222/us-east-1,STANDARD=222222222222/us-east-1";
    public static final String SILO_ACCOUNT = "333333333333";
    public static final String SILO_REGION = "eu-west-1";
    public static final int SHARD_COUNT = 4;
    public static final CallerContext SYSTEM_ADMIN = CallerContext.operator(UserRole.SYSTEM_ADMIN);
    public static final CallerContext SUPPORT = CallerContext.operator(UserRole.CUSTOMER_SUPPORT);

    public final MotoDynamoDb local = MotoDynamoDb.get();
    public final InMemoryUserDirectory directory;
    public final InMemoryApiKeys apiKeys = new InMemoryApiKeys();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    public final ControlPlaneConfig config;
    private final Map<StackLocation, InMemoryStacks.Deployed> deployed = new ConcurrentHashMap<>();

    public ControlPlaneFixture() {
        this(DEFAULT_POOLED_TIER_STACKS);
    }

    /** With another {@code POOLED_TIER_STACKS}; every environment it names gets a deployed pooled stack. */
    public ControlPlaneFixture(String pooledTierStacks) {
        this(pooledTierStacks, new InMemoryUserDirectory());
    }

    /** Every pool behaves like Cognito's email sign-in pools: usernames are UUIDs, emails are aliases. */
    public static ControlPlaneFixture withEmailSignInPools() {
        return new ControlPlaneFixture(DEFAULT_POOLED_TIER_STACKS, InMemoryUserDirectory.likeEmailSignInPools());
    }

    private ControlPlaneFixture(String pooledTierStacks, InMemoryUserDirectory directory) {
        this.directory = directory;
        PooledTierStacks pooled = PooledTierStacks.parse(pooledTierStacks);
        config = new ControlPlaneConfig(
                local.createKeyedTable(TenantRepository.KEY, null),
                local.createKeyedTable(UserMappingRepository.KEY, UserMappingRepository.SORT_KEY),
                local.createKeyedTable("tenantId", null),
                local.createKeyedTable(PlatformSettings.KEY, null),
                local.createKeyedTable("pk", null),
                pooled, "us-east-1", "saas-baseline-TenantAdmin", Optional.of(local.endpoint()));
        for (Tier tier : List.of(Tier.BASIC, Tier.STANDARD, Tier.PREMIUM)) {
            pooled.environments(tier).forEach(env -> deploy(StackLocation.pooled(tier, env), poolOf(tier, env),
                    "client-" + lower(tier), usagePlanOf(tier, env)));
        }
        putSetting(PlatformSettings.SILO_PLACEMENT, Map.of("account", s(SILO_ACCOUNT), "region", s(SILO_REGION),
                "wave", AttributeValue.fromN("3")));
    }

    /** The pool of the tier's stack in {@link #POOLED_ENV}. */
    public static String poolOf(Tier tier) {
        return poolOf(tier, POOLED_ENV);
    }

    public static String poolOf(Tier tier, AccountRegion env) {
        return env.region() + "_" + lower(tier) + "Pool" + (env.equals(POOLED_ENV) ? "" : env.account());
    }

    /** The usage plan of the tier's stack in {@link #POOLED_ENV}. */
    public static String usagePlanOf(Tier tier) {
        return usagePlanOf(tier, POOLED_ENV);
    }

    public static String usagePlanOf(Tier tier, AccountRegion env) {
        return "plan-" + lower(tier) + (env.equals(POOLED_ENV) ? "" : "-" + env.account() + "-" + env.region());
    }

    public static StackLocation pooledStack(Tier tier) {
        return StackLocation.pooled(tier, POOLED_ENV);
    }

    public static StackLocation siloStack(String tenantId) {
        return StackLocation.silo(tenantId, new AccountRegion(SILO_ACCOUNT, SILO_REGION));
    }

    public static String siloPoolOf(String tenantId) {
        return SILO_REGION + "_Silo" + tenantId.substring(0, 8);
    }

    public static CallerContext adminOf(String tenantId) {
        return CallerContext.tenantMember(UserRole.TENANT_ADMIN, new TenantId(tenantId));
    }

    public static CallerContext userOf(String tenantId) {
        return CallerContext.tenantMember(UserRole.TENANT_USER, new TenantId(tenantId));
    }

    public ControlPlane plane() {
        return plane(local.client());
    }

    /** The graph on another client, e.g. one that fails chosen requests; the stacks' key tables use it too. */
    public ControlPlane plane(DynamoDbClient dynamo) {
        return new ControlPlane(config, dynamo, new InMemoryStacks(deployed, dynamo), clock);
    }

    /** The tenant users of a stack, as the services reach them. */
    public TenantUsers usersIn(StackLocation location) {
        ControlPlane plane = plane();
        return plane.usersIn(plane.targetStacks().at(location));
    }

    /** Deploys the silo stack its TenantStackMapping record asks for: its outputs become readable. */
    public StackLocation deploySilo(String tenantId) {
        StackLocation location = new StackMappingRepository(local.client(), config.tenantStackMappingTable())
                .location(tenantId).orElseThrow();
        deploy(location, siloPoolOf(tenantId), "client-silo-" + tenantId, "plan-silo-" + tenantId);
        return location;
    }

    /** The pipeline deleted the stack (offboarding): its outputs and role are gone. */
    public void undeploy(StackLocation location) {
        deployed.remove(location);
    }

    /** The resources (outputs) of a deployed stack. */
    public StackResources resources(StackLocation location) {
        return deployed.get(location).resources();
    }

    /** The TenantApiKeys table of a deployed stack. */
    public TenantApiKeyTable keyTable(StackLocation location) {
        return new TenantApiKeyTable(local.client(), resources(location).tenantApiKeysTable());
    }

    /** Items in the TenantApiKeys tables of every deployed stack. */
    public int keyItemCount() {
        return deployed.values().stream().mapToInt(d -> items(d.resources().tenantApiKeysTable()).size()).sum();
    }

    public void putSetting(String name, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put(PlatformSettings.KEY, s(name));
        local.client().putItem(r -> r.tableName(config.settingsTable()).item(item));
    }

    public void deleteSetting(String name) {
        local.client().deleteItem(r -> r.tableName(config.settingsTable())
                .key(Map.of(PlatformSettings.KEY, s(name))));
    }

    public List<Map<String, AttributeValue>> items(String table) {
        return local.client().scan(r -> r.tableName(table).consistentRead(true)).items();
    }

    /** A tenant written straight to TenantDetails, for management tests that need no registration. */
    public Tenant seedTenant(String tenantId, Tier tier, TenantStatus status) {
        String now = clock.instant().toString();
        StackLocation location = tier.pooled() ? pooledStack(tier) : siloStack(tenantId);
        Tenant tenant = new Tenant(tenantId, "Tenant " + tenantId, "admin@" + tenantId + ".example", tier, status,
                null, null, tier.pooled() ? poolOf(tier) : null, tier.pooled() ? "client-" + lower(tier) : null,
                null, tier.pooled() ? 1 : null, location.stackName(), location.account(), location.region(),
                "00000000-0000-4000-8000-" + tenantId.substring(0, Math.min(12, tenantId.length())), null, now, now);
        local.client().putItem(r -> r.tableName(config.tenantDetailsTable()).item(TenantRepository.toItem(tenant)));
        return tenant;
    }

    private void deploy(StackLocation location, String pool, String appClient, String usagePlan) {
        String keyTable = local.createKeyedTable(TenantApiKeyTable.KEY, null);
        deployed.put(location, new InMemoryStacks.Deployed(
                new StackResources(pool, appClient, usagePlan, keyTable, SHARD_COUNT),
                directory.scopedTo(location.toString(), Set.of(pool)),
                apiKeys.forStack(location.toString(), Set.of(usagePlan))));
    }

    private static String lower(Tier tier) {
        return tier.name().toLowerCase(Locale.ROOT);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
