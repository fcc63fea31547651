package stages;

import app.AwsEnv;
import app.SiloTenant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Splits the silo tenants over as few pipelines as the limits allow, by a rule that depends on the catalog only:
 * <ol>
 *   <li>group tenants by account/region, groups sorted by account then region;</li>
 *   <li>a group larger than one pipeline is split into buckets by CRC32 of the tenant id (an explicit digest,
 *       the same on every JVM), with the fewest buckets that each fit a pipeline;</li>
 *   <li>groups (and buckets) go whole, in sorted order, to the first pipeline with room (first-fit), opening
 *       a new pipeline when none has room. The first pipeline also holds the baseline and pooled tiers.</li>
 * </ol>
 * So a tenant added to or removed from one environment moves no tenant of another environment, except when the
 * changed group's new size crosses the room left in a pipeline (first-fit then places it, or a later group,
 * elsewhere). Adding tenants to an environment that is already split may change its bucket count and so move
 * that environment's tenants between pipelines; their stacks stay where they are, only the pipeline deploying
 * them changes.
 */
final class FleetSharder {

    static final Comparator<AwsEnv> ENV_ORDER = Comparator.comparing(AwsEnv::account)
            .thenComparing(AwsEnv::region);

    private FleetSharder() {
    }

    /**
     * @param fixedStacks stacks the first pipeline holds besides silo tenants (baseline and pooled tiers)
     * @return the silo tenants of each pipeline, first pipeline first; always at least one pipeline
     */
    static List<List<SiloTenant>> shard(List<SiloTenant> tenants, int fixedStacks, WaveLimits limits) {
        int firstRoom = limits.maxStacksPerPipeline(true) - fixedStacks;
        if (firstRoom < 0) {
            throw new IllegalStateException("The first pipeline holds the baseline and every pooled tier ("
                    + fixedStacks + " stacks) but has room for " + limits.maxStacksPerPipeline(true)
                    + "; list fewer pooled tier entries");
        }
        if (tenants.size() <= firstRoom) {
            return List.of(List.copyOf(tenants));
        }
        int otherRoom = limits.maxStacksPerPipeline(false);
        List<List<SiloTenant>> pipelines = new ArrayList<>();
        List<Integer> room = new ArrayList<>();
        pipelines.add(new ArrayList<>());
        room.add(firstRoom);
        for (List<SiloTenant> unit : units(tenants, otherRoom)) {
            int target = 0;
            while (target < pipelines.size() && room.get(target) < unit.size()) {
                target++;
            }
            if (target == pipelines.size()) {
                pipelines.add(new ArrayList<>());
                room.add(otherRoom);
            }
            pipelines.get(target).addAll(unit);
            room.set(target, room.get(target) - unit.size());
        }
        return pipelines.stream().map(List::copyOf).toList();
    }

    /** Env groups in sorted order, each split into buckets when it is larger than {@code capacity}. */
    private static List<List<SiloTenant>> units(List<SiloTenant> tenants, int capacity) {
        Map<AwsEnv, List<SiloTenant>> groups = new TreeMap<>(ENV_ORDER);
        for (SiloTenant tenant : tenants) {
            groups.computeIfAbsent(tenant.env(), e -> new ArrayList<>()).add(tenant);
        }
        List<List<SiloTenant>> units = new ArrayList<>();
        for (List<SiloTenant> group : groups.values()) {
            group.sort(Comparator.comparing(SiloTenant::tenantId));
            if (group.size() <= capacity) {
                units.add(group);
            } else {
                units.addAll(buckets(group, capacity));
            }
        }
        return units;
    }

    /** The fewest CRC32 buckets of which none is larger than {@code capacity}; empty buckets are dropped. */
    private static List<List<SiloTenant>> buckets(List<SiloTenant> group, int capacity) {
        for (int count = (group.size() + capacity - 1) / capacity; ; count++) {
            List<List<SiloTenant>> buckets = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                buckets.add(new ArrayList<>());
            }
            for (SiloTenant tenant : group) {
                buckets.get((int) (crc32(tenant.tenantId()) % count)).add(tenant);
            }
            if (buckets.stream().allMatch(b -> b.size() <= capacity)) {
                return buckets.stream().filter(b -> !b.isEmpty()).toList();
            }
        }
    }

    static long crc32(String tenantId) {
        var crc = new CRC32();
        crc.update(tenantId.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
