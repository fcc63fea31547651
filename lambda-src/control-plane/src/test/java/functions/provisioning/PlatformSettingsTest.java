package functions.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contract.Tier;
import functions.tenants.ControlPlaneFixture;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PlatformSettingsTest {

    private static final AccountRegion US = new AccountRegion("222222222222", "us-east-1");
    private static final AccountRegion EU = new AccountRegion("555555555555", "eu-west-1");

    private final ControlPlaneFixture fixture = new ControlPlaneFixture(
            "BASIC=222222222222/us-east-1,BASIC=555555555555/eu-west-1,STANDARD=222222222222/us-east-1");
    private final PlatformSettings settings = fixture.plane().settings();
    private final Placements placements = fixture.plane().placements();

    @Test
    void readsTheSiloPlacementAndATiersPlacement() {
        assertEquals(new SiloPlacement("333333333333", "eu-west-1", Optional.of(3)), settings.siloPlacement());
        placeBasicIn(EU);
        assertEquals(EU, settings.pooledTierPlacement(Tier.BASIC));
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
        fixture.putSetting("tier#BASIC", Map.of("account", s("2222"), "region", s("us-east-1")));
        assertTrue(assertThrows(IllegalStateException.class, () -> settings.pooledTierPlacement(Tier.BASIC))
                .getMessage().contains("setting 'tier#BASIC' in table " + fixture.config.settingsTable()
                        + ": attribute 'account'"));
    }

    @Test
    void aTiersPlacementIsReusedForTheTtlThenReadAgain() {
        placeBasicIn(US);
        assertEquals(US, settings.pooledTierPlacement(Tier.BASIC));
        placeBasicIn(EU);

        fixture.clock.advance(PlatformSettings.TIER_TTL.minusSeconds(1));
        assertEquals(US, settings.pooledTierPlacement(Tier.BASIC), "within the TTL: the cached value");
        fixture.clock.advance(Duration.ofSeconds(1));
        assertEquals(EU, settings.pooledTierPlacement(Tier.BASIC), "at the TTL: read again");
    }

    @Test
    void aMissingOrMalformedTierPlacementIsNeverCachedSoItsFixIsSeenAtOnce() {
        assertTrue(assertThrows(IllegalStateException.class, () -> settings.pooledTierPlacement(Tier.BASIC))
                .getMessage().contains("setting 'tier#BASIC' is missing"));
        fixture.putSetting("tier#BASIC", Map.of("account", s("555555555555")));
        assertTrue(assertThrows(IllegalStateException.class, () -> settings.pooledTierPlacement(Tier.BASIC))
                .getMessage().contains("attribute 'region'"));

        placeBasicIn(EU);
        assertEquals(EU, settings.pooledTierPlacement(Tier.BASIC));
    }

    @Test
    void platinumHasNoPooledPlacement() {
        assertThrows(IllegalArgumentException.class, () -> settings.pooledTierPlacement(Tier.PLATINUM));
    }

    @Test
    void aTierWithOneEnvironmentNeedsNoSetting() {
        assertEquals(new StackLocation("saas-pooled-standard", US), placements.pooled(Tier.STANDARD));
        fixture.putSetting("tier#STANDARD", Map.of("account", s("999999999999"), "region", s("ap-south-1")));
        assertEquals(new StackLocation("saas-pooled-standard", US), placements.pooled(Tier.STANDARD),
                "a stale setting of a one-environment tier is not read");
    }

    @Test
    void aTierWithSeveralEnvironmentsIsPlacedByItsSettingWhichMustNameOneOfThem() {
        var missing = assertThrows(IllegalStateException.class, () -> placements.pooled(Tier.BASIC));
        assertTrue(missing.getMessage().contains("setting 'tier#BASIC' is missing"), missing.getMessage());

        placeBasicIn(EU);
        assertEquals(new StackLocation("saas-pooled-basic", EU), placements.pooled(Tier.BASIC));

        fixture.clock.advance(PlatformSettings.TIER_TTL);
        fixture.putSetting("tier#BASIC", Map.of("account", s("999999999999"), "region", s("eu-west-1")));
        var unknown = assertThrows(IllegalStateException.class, () -> placements.pooled(Tier.BASIC));
        assertTrue(unknown.getMessage().contains("'tier#BASIC' names 999999999999/eu-west-1, which is not one of"),
                unknown.getMessage());
    }

    @Test
    void aTierWithoutEnvironmentIsADeploymentFault() {
        var e = assertThrows(IllegalStateException.class, () -> placements.pooled(Tier.PREMIUM));
        assertEquals("tier PREMIUM has no pooled stack in POOLED_TIER_STACKS", e.getMessage());
    }

    @Test
    void shardAssignmentIsStableAndInRange() {
        String tenant = "0123456789abcdef0123456789abcdef";
        int shard = TenantResources.shardOf(tenant, 4);
        assertEquals(shard, TenantResources.shardOf(tenant, 4));
        assertTrue(shard >= 0 && shard < 4);
        assertEquals(0, TenantResources.shardOf(tenant, 1));
    }

    private void placeBasicIn(AccountRegion env) {
        fixture.putSetting("tier#BASIC", Map.of("account", s(env.account()), "region", s(env.region())));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
