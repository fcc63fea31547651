package functions.bootstrap;

import contract.Keys;
import contract.Settings;
import contract.Tier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code Custom::SettingsSeed}: the catalog's placements written as the Settings items that
 * {@code functions.provisioning.PlatformSettings} reads (key {@code settingName}): {@code siloPlacement} with
 * {@code account}, {@code region} and an optional {@code wave} (N), and {@code tier#<TIER>} with {@code account} and
 * {@code region} for each entry of {@code tierPlacements}. Properties:
 * <pre>
 * {"siloPlacement": {"account": "333333333333", "region": "eu-west-1", "wave": "1"},
 *  "tierPlacements": {"BASIC": {"account": "222222222222", "region": "us-east-1"}}}
 * </pre>
 * Every property is checked before anything is written (a template can be edited by hand). Create and Update put
 * every item whole (a replayed Create writes the same items again); Delete writes nothing and leaves them, as does
 * an Update that drops a tier: the control plane keeps a placement rather than lose one.
 */
public final class SettingsSeed implements CustomResource {

    public static final String RESOURCE_TYPE = "Custom::SettingsSeed";
    // The item format PlatformSettings reads, named once in contract.Settings.
    static final String KEY = Keys.SETTING_NAME;
    static final String SILO_PLACEMENT = Settings.SILO_PLACEMENT;
    static final String TIER_PLACEMENTS = "tierPlacements";
    static final List<String> POOLED_TIERS = Arrays.stream(Tier.values()).filter(Tier::pooled).map(Tier::name).toList();
    private static final Set<String> PROPERTIES = ResourceProperties.withServiceKeys(SILO_PLACEMENT, TIER_PLACEMENTS);

    private final DynamoDbClient dynamo;
    private final String tableName;

    public SettingsSeed(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Map<String, String> create(ResourceProperties properties) {
        Map<String, Map<String, AttributeValue>> items = items(properties);
        items.values().forEach(item -> dynamo.putItem(r -> r.tableName(tableName).item(item)));
        return Map.of("Settings", String.join(",", items.keySet()));
    }

    /** Every item to write, keyed by setting name; a {@link PropertyException} for the first bad property. */
    static Map<String, Map<String, AttributeValue>> items(ResourceProperties properties) {
        properties.rejectUnknown(PROPERTIES);
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        ResourceProperties silo = properties.object(SILO_PLACEMENT).rejectUnknown(Set.of(Settings.ACCOUNT, Settings.REGION, Settings.WAVE));
        Map<String, AttributeValue> siloItem = placement(SILO_PLACEMENT, silo);
        silo.optionalPositiveInt(Settings.WAVE).ifPresent(wave -> siloItem.put(Settings.WAVE, AttributeValue.fromN(wave.toString())));
        items.put(SILO_PLACEMENT, siloItem);
        Optional<ResourceProperties> tiers = properties.optionalObject(TIER_PLACEMENTS);
        if (tiers.isPresent()) {
            tiers.get().rejectUnknown(Set.copyOf(POOLED_TIERS));
            for (String tier : tiers.get().keys()) {
                String name = Settings.tierPlacement(Tier.valueOf(tier));
                items.put(name, placement(name, tiers.get().object(tier).rejectUnknown(Set.of(Settings.ACCOUNT, Settings.REGION))));
            }
        }
        return items;
    }

    private static Map<String, AttributeValue> placement(String settingName, ResourceProperties env) {
        String account = env.text(Settings.ACCOUNT);
        if (!Settings.validAccount(account)) {
            throw new PropertyException(env.name(Settings.ACCOUNT), "must be 12 digits, got '" + account + "'");
        }
        String region = env.text(Settings.REGION);
        if (!Settings.validRegion(region)) {
            throw new PropertyException(env.name(Settings.REGION), "is not an AWS region name, got '" + region + "'");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(KEY, AttributeValue.fromS(settingName));
        item.put(Settings.ACCOUNT, AttributeValue.fromS(account));
        item.put(Settings.REGION, AttributeValue.fromS(region));
        return item;
    }
}
