package functions.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.tenants.ControlPlaneFixture;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PlatformSettingsTest {

    private final ControlPlaneFixture fixture = new ControlPlaneFixture();
    private final PlatformSettings settings = fixture.plane().settings();

    @Test
    void readsThePooledTierAndTheSiloPlacement() {
        assertEquals(new PooledTierSettings("us-east-1_premiumPool", "client-premium", "plan-premium", 4),
                settings.pooledTier(Tier.PREMIUM));
        assertEquals(new SiloPlacement("333333333333", "eu-west-1", Optional.of(3)), settings.siloPlacement());
    }

    @Test
    void aMissingOrMalformedSettingNamesTheSettingAndAttribute() {
        fixture.deleteSetting("siloPlacement");
        assertTrue(assertThrows(IllegalStateException.class, settings::siloPlacement).getMessage()
                .contains("setting 'siloPlacement' is missing"));

        fixture.putSetting("siloPlacement", Map.of("account", s("12345"), "region", s("eu-west-1")));
        assertTrue(assertThrows(IllegalStateException.class, settings::siloPlacement).getMessage()
                .contains("'siloPlacement'"));
        fixture.putSetting("siloPlacement", Map.of("account", s("123456789012"), "region", s("Europe")));
        assertTrue(assertThrows(IllegalStateException.class, settings::siloPlacement).getMessage()
                .contains("attribute 'region'"));
        fixture.putSetting("tier#BASIC", Map.of("userPoolId", s("p"), "appClientId", s("c"),
                "usagePlanId", s("u"), "shardCount", AttributeValue.fromN("0")));
        assertTrue(assertThrows(IllegalStateException.class, () -> settings.pooledTier(Tier.BASIC)).getMessage()
                .contains("setting 'tier#BASIC' in table " + fixture.config.settingsTable()
                        + ": attribute 'shardCount'"));
    }

    @Test
    void aTiersSettingsAreReusedForTheTtlThenReadAgain() {
        PooledTierSettings first = settings.pooledTier(Tier.BASIC);
        fixture.putSetting("tier#BASIC", Map.of("userPoolId", s("p2"), "appClientId", s("c2"),
                "usagePlanId", s("u2"), "shardCount", AttributeValue.fromN("8")));

        fixture.clock.advance(PlatformSettings.TIER_TTL.minusSeconds(1));
        assertEquals(first, settings.pooledTier(Tier.BASIC), "within the TTL: the cached value");
        fixture.clock.advance(Duration.ofSeconds(1));
        assertEquals(new PooledTierSettings("p2", "c2", "u2", 8), settings.pooledTier(Tier.BASIC),
                "at the TTL: read again");
    }

    @Test
    void aMissingOrMalformedTierIsNeverCachedSoItsFixIsSeenAtOnce() {
        fixture.deleteSetting("tier#STANDARD");
        assertTrue(assertThrows(IllegalStateException.class, () -> settings.pooledTier(Tier.STANDARD))
                .getMessage().contains("setting 'tier#STANDARD' is missing"));
        fixture.putSetting("tier#STANDARD", Map.of("userPoolId", s("p"), "appClientId", s("c"),
                "usagePlanId", s("u")));
        assertTrue(assertThrows(IllegalStateException.class, () -> settings.pooledTier(Tier.STANDARD))
                .getMessage().contains("attribute 'shardCount'"));

        fixture.putSetting("tier#STANDARD", Map.of("userPoolId", s("p"), "appClientId", s("c"),
                "usagePlanId", s("u"), "shardCount", AttributeValue.fromN("2")));
        assertEquals(new PooledTierSettings("p", "c", "u", 2), settings.pooledTier(Tier.STANDARD));
    }

    @Test
    void platinumHasNoPooledSettings() {
        assertThrows(IllegalArgumentException.class, () -> settings.pooledTier(Tier.PLATINUM));
    }

    @Test
    void shardAssignmentIsStableAndInRange() {
        String tenant = "0123456789abcdef0123456789abcdef";
        int shard = TenantResources.shardOf(tenant, 4);
        assertEquals(shard, TenantResources.shardOf(tenant, 4));
        assertTrue(shard >= 0 && shard < 4);
        assertEquals(0, TenantResources.shardOf(tenant, 1));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
