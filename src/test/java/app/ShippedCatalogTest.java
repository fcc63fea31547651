package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contract.Tier;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalog committed at the project root must always load: synth depends on it. */
class ShippedCatalogTest {

    @Test
    void projectTenantsJsonLoadsTheWholeFleet() {
        FleetCatalog catalog = new JsonFileCatalogSource(Path.of("tenants.json")).load();

        assertEquals(3, catalog.pooledTiers().size());
        assertTrue(catalog.pooledTiers().stream().allMatch(p -> p.tier().pooled()));
        assertTrue(catalog.tenants().size() >= 3, () -> "silo tenants: " + catalog.tenants());
        assertEquals(2, catalog.tenants().stream().map(t -> t.env().account()).distinct().count());
        assertEquals(2, catalog.tenants().stream().map(t -> t.env().region()).distinct().count());
        assertEquals(1, catalog.tenants().stream().filter(SiloTenant::canary).count());
        assertEquals(catalog.tenants().size(),
                catalog.tenants().stream().map(SiloTenant::tenantId).collect(Collectors.toSet()).size());
    }

    @Test
    void tierIdsAreLowercaseNamesAndOnlyPlatinumIsSilo() {
        assertEquals("platinum", Tier.PLATINUM.id());
        assertEquals("basic", Tier.BASIC.id());
        assertTrue(Tier.BASIC.pooled() && Tier.STANDARD.pooled() && Tier.PREMIUM.pooled());
        assertTrue(!Tier.PLATINUM.pooled());
    }

    @Test
    void awsEnvKeyAndCdkEnvironmentCarryAccountAndRegion() {
        var env = new AwsEnv("333333333333", "eu-west-1");
        assertEquals("333333333333/eu-west-1", env.key());
        assertEquals("333333333333", env.toCdk().getAccount());
        assertEquals("eu-west-1", env.toCdk().getRegion());
    }
}
