package functions.tenants;

import functions.provisioning.InMemoryApiKeys;
import functions.provisioning.PlatformSettings;
import functions.provisioning.Tier;
import functions.shared.CallerContext;
import functions.shared.DynamoDbLocal;
import functions.shared.MutableClock;
import functions.shared.TenantId;
import functions.users.UserRole;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fresh control-plane tables on DynamoDB Local (keys as BaselineStack deploys them, plus Registrations), the
 * Settings items of every tier, an in-memory directory and API keys, and a hand-driven clock.
 */
public final class ControlPlaneFixture {

    public static final String SILO_ACCOUNT = "333333333333";
    public static final String SILO_REGION = "eu-west-1";
    public static final CallerContext SYSTEM_ADMIN = CallerContext.operator(UserRole.SYSTEM_ADMIN);
    public static final CallerContext SUPPORT = CallerContext.operator(UserRole.CUSTOMER_SUPPORT);

    public final DynamoDbLocal local = DynamoDbLocal.get();
    public final InMemoryUserDirectory directory = new InMemoryUserDirectory();
    public final InMemoryApiKeys apiKeys = new InMemoryApiKeys();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    public final ControlPlaneConfig config;

    public ControlPlaneFixture() {
        config = new ControlPlaneConfig(
                local.createKeyedTable(TenantRepository.KEY, null),
                local.createKeyedTable(UserMappingRepository.KEY, UserMappingRepository.SORT_KEY),
                local.createKeyedTable("tenantId", null),
                local.createKeyedTable(PlatformSettings.KEY, null),
                local.createKeyedTable("pk", null),
                "us-east-1", Optional.of(local.endpoint()));
        for (Tier tier : List.of(Tier.BASIC, Tier.STANDARD, Tier.PREMIUM)) {
            putSetting(PlatformSettings.tierSettingName(tier), Map.of(
                    "userPoolId", s(poolOf(tier)),
                    "appClientId", s("client-" + tier.name().toLowerCase()),
                    "usagePlanId", s(usagePlanOf(tier)),
                    "shardCount", AttributeValue.fromN("4")));
        }
        putSetting(PlatformSettings.SILO_PLACEMENT, Map.of("account", s(SILO_ACCOUNT), "region", s(SILO_REGION),
                "wave", AttributeValue.fromN("3")));
    }

    public static String poolOf(Tier tier) {
        return "us-east-1_" + tier.name().toLowerCase() + "Pool";
    }

    public static String usagePlanOf(Tier tier) {
        return "plan-" + tier.name().toLowerCase();
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

    /** The graph on another client, e.g. one that fails chosen requests. */
    public ControlPlane plane(DynamoDbClient dynamo) {
        return new ControlPlane(config, dynamo, directory, apiKeys, clock);
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
        Tenant tenant = new Tenant(tenantId, "Tenant " + tenantId, "admin@" + tenantId + ".example", tier, status,
                null, null, tier.pooled() ? poolOf(tier) : null, null, tier.pooled() ? 1 : null,
                "00000000-0000-4000-8000-" + tenantId.substring(0, Math.min(12, tenantId.length())), null, now, now);
        local.client().putItem(r -> r.tableName(config.tenantDetailsTable()).item(TenantRepository.toItem(tenant)));
        return tenant;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
