package functions.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Names and placement rules derived from a tenant id alone, so every retry lands on the same resources. */
public final class TenantResources {

    private TenantResources() {
    }

    /** The tenant's group in its user pool (pooled or silo): how a pool's users are tied to one tenant. */
    public static String groupName(String tenantId) {
        return "tenant-" + tenantId;
    }

    /** The pooled shard (0..shardCount-1) serving the tenant: CRC32 is fixed by its spec, unlike a JVM hash. */
    public static int shardOf(String tenantId, int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shard count must be >= 1, got " + shardCount);
        }
        CRC32 crc = new CRC32();
        crc.update(tenantId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shardCount);
    }
}
