package functions.provisioning;

import contract.Tier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads provisioning settings from the Settings table (key {@code settingName} S), so placement changes without a
 * deployment. Items:
 * <ul>
 *   <li>{@code siloPlacement}: {@code account} S (12 digits), {@code region} S, optional {@code wave} N (>= 1);</li>
 *   <li>{@code tier#BASIC}, {@code tier#STANDARD}, {@code tier#PREMIUM}: {@code account} S, {@code region} S, the
 *       environment that takes the tier's new tenants; needed only for a tier with several environments
 *       ({@link Placements}). A tier's pool, app client, usage plan and shard count are its stack's outputs.</li>
 * </ul>
 * A missing or malformed setting is a deployment fault, not the caller's: {@link IllegalStateException} naming
 * the setting and attribute (a 500 to the caller, the details in the log).
 *
 * <p>A tier's placement is read on every pooled registration and changes rarely, so a valid one is kept per
 * instance for {@link #TIER_TTL}: a change reaches every function instance within that time. A missing or
 * malformed one is never kept, so fixing it takes effect on the next call. The silo placement is read each time.
 */
public final class PlatformSettings {

    public static final String KEY = contract.Keys.SETTING_NAME;
    public static final String SILO_PLACEMENT = contract.Settings.SILO_PLACEMENT;

    /** How long a tier's placement is reused before it is read again. */
    public static final Duration TIER_TTL = Duration.ofSeconds(60);

    private record Cached(AccountRegion placement, long expiresAtMillis) {
    }

    private final DynamoDbClient dynamo;
    private final String tableName;
    // Wall-clock expiry, not nanoTime: after a SnapStart restore an entry from the snapshot must count as old.
    private final Clock clock;
    private final Map<Tier, Cached> tiers = new ConcurrentHashMap<>();

    public PlatformSettings(DynamoDbClient dynamo, String tableName, Clock clock) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static String tierSettingName(Tier tier) {
        return contract.Settings.tierPlacement(tier);
    }

    public SiloPlacement siloPlacement() {
        Map<String, AttributeValue> item = item(SILO_PLACEMENT);
        AccountRegion env = accountRegion(SILO_PLACEMENT, item);
        Optional<Integer> wave = item.containsKey(contract.Settings.WAVE)
                ? Optional.of(positive(SILO_PLACEMENT, item, contract.Settings.WAVE)) : Optional.empty();
        return new SiloPlacement(env.account(), env.region(), wave);
    }

    /** The environment of {@code tier} that takes new tenants (Settings item {@code tier#<TIER>}). */
    public AccountRegion pooledTierPlacement(Tier tier) {
        if (!tier.pooled()) {
            throw new IllegalArgumentException(tier + " is not a pooled tier");
        }
        long now = clock.millis();
        Cached cached = tiers.get(tier);
        if (cached != null && now < cached.expiresAtMillis()) {
            return cached.placement();
        }
        // Two threads may both read an expired tier: harmless, each gets a fresh value.
        String name = tierSettingName(tier);
        AccountRegion placement = accountRegion(name, item(name));
        tiers.put(tier, new Cached(placement, now + TIER_TTL.toMillis()));
        return placement;
    }

    private AccountRegion accountRegion(String setting, Map<String, AttributeValue> item) {
        String account = text(setting, item, contract.Settings.ACCOUNT);
        String region = text(setting, item, contract.Settings.REGION);
        if (!AccountRegion.validAccount(account)) {
            throw bad(setting, contract.Settings.ACCOUNT, "must be 12 digits");
        }
        if (!AccountRegion.validRegion(region)) {
            throw bad(setting, contract.Settings.REGION, "is not an AWS region name");
        }
        return new AccountRegion(account, region);
    }

    private Map<String, AttributeValue> item(String settingName) {
        var response = dynamo.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(Map.of(KEY, AttributeValue.fromS(settingName))));
        if (!response.hasItem() || response.item().isEmpty()) {
            throw new IllegalStateException("setting '" + settingName + "' is missing from table " + tableName);
        }
        return response.item();
    }

    private String text(String setting, Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        if (value == null || value.s() == null || value.s().isBlank()) {
            throw bad(setting, attribute, "must be a non-empty string");
        }
        return value.s();
    }

    private int positive(String setting, Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        try {
            int number = Integer.parseInt(value == null || value.n() == null ? "" : value.n());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below, like a number below 1.
        }
        throw bad(setting, attribute, "must be an integer number >= 1");
    }

    private IllegalStateException bad(String setting, String attribute, String problem) {
        return new IllegalStateException("setting '" + setting + "' in table " + tableName + ": attribute '"
                + attribute + "' " + problem);
    }
}
