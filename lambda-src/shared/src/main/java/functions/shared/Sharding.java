package functions.shared;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * The shard layout of a tenant table: partition key {@code <tenantId>-<n>}, n in [0, shardCount).
 *
 * <p>An item lives on the shard picked by a CRC32 of its id, so a get, update or delete goes to exactly
 * one partition and only a list fans out. CRC32 is fixed by its spec (unlike a JVM hash that could
 * change), and the shard count must never change for a table's life: that would move every item.
 *
 * <p>Because the suffix is digits only, the tenant part of a key is everything before its last hyphen,
 * so tenant {@code acme}'s keys can never equal tenant {@code acme-1}'s.
 */
public final class Sharding {

    private final int shardCount;

    public Sharding(int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shard count must be >= 1, got " + shardCount);
        }
        this.shardCount = shardCount;
    }

    public int shardCount() {
        return shardCount;
    }

    /** The one shard that holds (or will hold) {@code itemId} for {@code tenant}. */
    public String shardKeyFor(TenantId tenant, String itemId) {
        return shardKey(tenant, shardOf(itemId));
    }

    /** Every shard of the tenant, in shard order: what a list must query. */
    public List<String> allShardKeys(TenantId tenant) {
        return IntStream.range(0, shardCount).mapToObj(n -> shardKey(tenant, n)).toList();
    }

    /** True only for a key this layout would build for {@code tenant}. */
    public boolean owns(TenantId tenant, String shardKey) {
        String prefix = tenant.value() + "-";
        if (shardKey == null || !shardKey.startsWith(prefix)) {
            return false;
        }
        String suffix = shardKey.substring(prefix.length());
        if (suffix.isEmpty() || suffix.length() > 9 || !suffix.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int n = Integer.parseInt(suffix);
        return n < shardCount && suffix.equals(Integer.toString(n));
    }

    int shardOf(String itemId) {
        CRC32 crc = new CRC32();
        crc.update(itemId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shardCount);
    }

    private static String shardKey(TenantId tenant, int n) {
        return tenant.value() + "-" + n;
    }
}
