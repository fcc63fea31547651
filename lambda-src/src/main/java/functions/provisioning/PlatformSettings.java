package functions.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads provisioning settings from the Settings table (key {@code settingName} S), so placement and per-tier
 * resources change without a deployment. Items:
 * <ul>
 *   <li>{@code siloPlacement}: {@code account} S (12 digits), {@code region} S, optional {@code wave} N (>= 1);</li>
 *   <li>{@code tier#BASIC}, {@code tier#STANDARD}, {@code tier#PREMIUM}: {@code userPoolId} S,
 *       {@code appClientId} S, {@code usagePlanId} S, {@code shardCount} N (>= 1).</li>
 * </ul>
 * A missing or malformed setting is a deployment fault, not the caller's: {@link IllegalStateException} naming
 * the setting and attribute (a 500 to the caller, the details in the log).
 *
 * <p>A tier's settings are read on every pooled registration and change rarely, so a valid one is kept per
 * instance for {@link #TIER_TTL}: a change reaches every function instance within that time. A missing or
 * malformed one is never kept, so fixing it takes effect on the next call. The silo placement is read each time.
 */
public final class PlatformSettings {

    public static final String KEY = "settingName";
    public static final String SILO_PLACEMENT = "siloPlacement";
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    // The shape of every public, China and GovCloud region name; the pipeline's catalog checks the exact list.
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

    /** How long a tier's settings are reused before they are read again. */
    public static final Duration TIER_TTL = Duration.ofSeconds(60);

    private record Cached(PooledTierSettings settings, long expiresAtMillis) {
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
        return "tier#" + tier.name();
    }

    public SiloPlacement siloPlacement() {
        Map<String, AttributeValue> item = item(SILO_PLACEMENT);
        String account = text(SILO_PLACEMENT, item, "account");
        String region = text(SILO_PLACEMENT, item, "region");
        if (!ACCOUNT.matcher(account).matches()) {
            throw bad(SILO_PLACEMENT, "account", "must be 12 digits");
        }
        if (!REGION.matcher(region).matches()) {
            throw bad(SILO_PLACEMENT, "region", "is not an AWS region name");
        }
        Optional<Integer> wave = item.containsKey("wave")
                ? Optional.of(positive(SILO_PLACEMENT, item, "wave")) : Optional.empty();
        return new SiloPlacement(account, region, wave);
    }

    public PooledTierSettings pooledTier(Tier tier) {
        if (!tier.pooled()) {
            throw new IllegalArgumentException(tier + " is not a pooled tier");
        }
        long now = clock.millis();
        Cached cached = tiers.get(tier);
        if (cached != null && now < cached.expiresAtMillis()) {
            return cached.settings();
        }
        // Two threads may both read an expired tier: harmless, each gets a fresh value.
        PooledTierSettings settings = readPooledTier(tier);
        tiers.put(tier, new Cached(settings, now + TIER_TTL.toMillis()));
        return settings;
    }

    private PooledTierSettings readPooledTier(Tier tier) {
        String name = tierSettingName(tier);
        Map<String, AttributeValue> item = item(name);
        return new PooledTierSettings(text(name, item, "userPoolId"), text(name, item, "appClientId"),
                text(name, item, "usagePlanId"), positive(name, item, "shardCount"));
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
