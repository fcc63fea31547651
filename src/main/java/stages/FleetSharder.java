package stages;

import app.SiloTenant;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Assigns the silo tenants that are not canaries to pipelines by a stable rule ({@link HashRanges}), so that
 * adding or removing a tenant never moves another tenant to another pipeline unless a limit forces it:
 * <ol>
 *   <li>each tenant gets a 64-bit pipeline key: the first 8 bytes of SHA-256 of its tenant id. Not its
 *       account/region: keys of one account/region would be adjacent, and a midpoint split of a range holding few
 *       accounts/regions can put all of them in one half, which renames the whole pipeline (every tenant moves);
 *       with uniform keys a split moves about half of one pipeline;</li>
 *   <li>the key space is one pipeline until its tenants do not fit (stacks by template bytes, waves by stages,
 *       {@link WaveLimits}); then it splits at its midpoint, recursively, only where it does not fit;</li>
 *   <li>a pipeline is named by the start of its key range: the range starting at 0 is the canary pipeline,
 *       {@code <fleet>-fleet}, which also holds the baseline, the pooled tiers and every canary tenant; any other
 *       range starting at hex {@code h} is {@code <fleet>-fleet-h} ({@code saas-fleet-8}, {@code saas-fleet-4}…).</li>
 * </ol>
 * So a name always means the same key range: when a pipeline overflows, the tenants of its upper half move to the
 * new pipeline and no other pipeline changes; when two halves fit together again they merge back under the lower
 * half's name. A tenant's stack stays where it is either way; only the pipeline deploying it changes.
 */
final class FleetSharder {


    private FleetSharder() {
    }

    /**
     * @param tenants the silo tenants that are not canaries, in any order
     * @param fits    whether a pipeline whose range starts at the given key can deploy the given tenants
     * @return the pipelines' ranges in key order; the first starts at 0 (the canary pipeline) and is always there
     */
    static List<HashRanges.Range<SiloTenant>> shard(List<SiloTenant> tenants,
                                                    BiPredicate<Long, List<SiloTenant>> fits) {
        List<SiloTenant> sorted = tenants.stream().sorted(Comparator.comparing(SiloTenant::tenantId)).toList();
        return HashRanges.split(sorted, FleetSharder::pipelineKey, fits, true);
    }

    static long pipelineKey(SiloTenant tenant) {
        return HashRanges.sha256Long(tenant.tenantId(), 0);
    }

    /** The pipeline name for a range start: the fleet's pipeline name for 0, else that name and the range label. */
    static String pipelineName(String fleet, long start) {
        String base = StackNames.pipelineName(fleet);
        return start == 0L ? base : base + "-" + HashRanges.Range.label(start);
    }
}
