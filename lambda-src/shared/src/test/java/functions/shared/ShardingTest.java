package functions.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShardingTest {

    private static final TenantId ACME = new TenantId("acme");

    @Test
    void everyShardKeyIsTheTenantIdDashAShardNumberInRange() {
        Sharding sharding = new Sharding(4);
        assertEquals(List.of("acme-0", "acme-1", "acme-2", "acme-3"), sharding.allShardKeys(ACME));
        for (int i = 0; i < 200; i++) {
            String key = sharding.shardKeyFor(ACME, UUID.randomUUID().toString());
            assertTrue(key.matches("acme-[0-3]"), key);
            assertTrue(sharding.owns(ACME, key), key);
        }
    }

    @Test
    void theShardOfAnItemIsPinnedToTheCrc32OfItsId() {
        // Pinned values (CRC32 2169625225 and 3910356682): a change of hash would strand stored items.
        Sharding sharding = new Sharding(4);
        assertEquals("acme-1", sharding.shardKeyFor(ACME, "00000000-0000-0000-0000-000000000000"));
        assertEquals("acme-2", sharding.shardKeyFor(ACME, "3f1c2a9e-7b4d-4e2a-9c1f-0a2b3c4d5e6f"));
        assertEquals("acme-0", new Sharding(1).shardKeyFor(ACME, "3f1c2a9e-7b4d-4e2a-9c1f-0a2b3c4d5e6f"));
    }

    @Test
    void randomIdsSpreadOverEveryShard() {
        Sharding sharding = new Sharding(8);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            used.add(sharding.shardKeyFor(ACME, UUID.randomUUID().toString()));
        }
        assertEquals(Set.copyOf(sharding.allShardKeys(ACME)), used);
    }

    @Test
    void ownsRejectsKeysOfOtherTenantsEvenWhenTheirIdExtendsThisPrefix() {
        Sharding sharding = new Sharding(16);
        assertTrue(sharding.owns(ACME, "acme-15"));
        assertFalse(sharding.owns(ACME, "acme-1-0"), "tenant acme-1, shard 0");
        assertFalse(sharding.owns(ACME, "acme-16"), "out of range");
        assertFalse(sharding.owns(ACME, "acme-01"), "non-canonical number");
        assertFalse(sharding.owns(ACME, "acme-"));
        assertFalse(sharding.owns(ACME, "globex-0"));
        assertFalse(sharding.owns(ACME, null));
    }

    @Test
    void shardCountBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Sharding(0));
    }
}
