package stages;

import app.SiloTenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Orders one pipeline's stacks into waves. The canary pipeline starts with {@code Baseline} and {@code Canary}
 * (the first pooled tier and every {@code canary: true} tenant of the fleet); the other pipelines have no canary
 * wave of their own (they wait for the canary pipeline's, {@link WaveLimits#CANARY_GATE_ACTIONS}). Then the
 * regular waves, by a rule under which adding or removing a stack moves no other stack's wave unless a limit forces
 * it:
 * <ol>
 *   <li>a stack that is not pinned gets a 64-bit wave key (SHA-256 of its tenant id, or of its construct id for a
 *       pooled tier; other bits than the pipeline key's) and goes to the hash range holding its key
 *       ({@link HashRanges}): one range until it holds more than a wave may (25 stacks, 24 outside the canary
 *       pipeline), then split at its midpoint where it overflows. A range starting at hex {@code h} is the wave
 *       {@code Wave-xh} ({@code Wave-x0}, {@code Wave-x8}, {@code Wave-x4}…), and the waves deploy in key order;</li>
 *   <li>a tenant pinned with {@code wave: k} deploys in its own stage {@code Wave-kk} (only pinned tenants), placed
 *       as the k-th regular wave, or last when the pipeline has fewer waves.</li>
 * </ol>
 * Each wave's mix of accounts/regions is that of its keys, i.e. random: no wave is one account/region unless the
 * fleet is.
 */
final class PipelineWaves {

    static final String BASELINE = "Baseline";
    static final String CANARY = "Canary";
    private static final String HASH_WAVE_PREFIX = "Wave-x";

    private final String pipeline;
    private final WaveLimits limits;
    private final boolean canaryPipeline;
    private final List<Wave> waves = new ArrayList<>();

    private PipelineWaves(String pipeline, WaveLimits limits, boolean canaryPipeline) {
        this.pipeline = pipeline;
        this.limits = limits;
        this.canaryPipeline = canaryPipeline;
    }

    /**
     * The first pipeline: Baseline, the fleet's one Canary wave, then its regular waves.
     *
     * @param canary    the first pooled tier then the canary tenants' stacks (checked by {@link #checkCanary})
     * @param pooled    the other pooled tier stacks, in catalog order
     * @param silos     this pipeline's silo tenants that are not canaries
     */
    static PipelinePlan canaryPipeline(String pipeline, PlannedStack baseline, List<PlannedStack> canary,
                                       List<PlannedStack> pooled, List<SiloTenant> silos, String fleet,
                                       WaveLimits limits) {
        var builder = new PipelineWaves(pipeline, limits, true);
        builder.waves.add(new Wave(BASELINE, false, List.of(baseline)));
        checkCanary(pipeline, canary, limits);
        if (!canary.isEmpty()) {
            builder.waves.add(new Wave(CANARY, true, canary));
        }
        builder.addRegularWaves(pooled, silos, fleet);
        return new PipelinePlan(pipeline, builder.waves);
    }

    /** Any other pipeline: regular waves only; its first wave waits for the canary pipeline's validation. */
    static PipelinePlan gatedPipeline(String pipeline, List<SiloTenant> silos, String fleet, WaveLimits limits) {
        var builder = new PipelineWaves(pipeline, limits, false);
        builder.addRegularWaves(List.of(), silos, fleet);
        return new PipelinePlan(pipeline, builder.waves);
    }

    /** Regular waves the stacks make (hash waves plus one per pinned wave number), for sizing a pipeline. */
    static int regularWaveCount(List<PlannedStack> pooled, List<SiloTenant> silos, String fleet, int perWave) {
        long pins = silos.stream().filter(t -> t.wave() != null).map(SiloTenant::wave).distinct().count();
        return hashWaves(free(pooled, silos, fleet), perWave).size() + (int) pins;
    }

    static void checkCanary(String pipeline, List<PlannedStack> canary, WaveLimits limits) {
        if (canary.size() > limits.maxCanaryStacks()) {
            int actions = canary.size() * WaveLimits.ACTIONS_PER_STACK + WaveLimits.CANARY_VALIDATION_ACTIONS;
            throw new IllegalStateException("Canary wave of pipeline " + pipeline + " has " + canary.size()
                    + " stacks = " + actions + " CodePipeline actions (" + WaveLimits.ACTIONS_PER_STACK
                    + " per stack + " + WaveLimits.CANARY_VALIDATION_ACTIONS + " for validation and approval), over the limit of "
                    + limits.maxActionsPerStage() + " actions per stage: at most " + limits.maxCanaryStacks()
                    + " canary stacks fit; set canary to false on " + (canary.size() - limits.maxCanaryStacks())
                    + " of: " + names(canary));
        }
    }

    private void addRegularWaves(List<PlannedStack> pooled, List<SiloTenant> silos, String fleet) {
        int perWave = limits.maxStacksPerWave(canaryPipeline);
        int available = limits.maxRegularWaves(canaryPipeline);
        TreeMap<Integer, List<PlannedStack>> pinned = new TreeMap<>();
        silos.stream().filter(t -> t.wave() != null).sorted(Comparator.comparing(SiloTenant::tenantId))
                .forEach(t -> pinned.computeIfAbsent(t.wave(), k -> new ArrayList<>())
                        .add(PlannedStack.siloTenant(fleet, t)));
        checkPins(pinned, perWave, available);
        List<Wave> hashed = hashWaves(free(pooled, silos, fleet), perWave);
        int count = hashed.size() + pinned.size();
        if (count > available) {
            throw new IllegalStateException("Pipeline " + pipeline + " needs " + count + " waves (" + hashed.size()
                    + " by hash, " + pinned.size() + " pinned) but has room for " + available
                    + "; pin fewer tenants to waves of their own");
        }
        // A pinned wave k goes where it is the k-th regular wave, as far as there are hash waves before it.
        List<Wave> regular = new ArrayList<>();
        int next = 0;
        for (Map.Entry<Integer, List<PlannedStack>> pin : pinned.entrySet()) {
            while (regular.size() < pin.getKey() - 1 && next < hashed.size()) {
                regular.add(hashed.get(next++));
            }
            regular.add(new Wave(waveName(pin.getKey()), false, pin.getValue()));
        }
        regular.addAll(hashed.subList(next, hashed.size()));
        waves.addAll(regular);
    }

    private void checkPins(TreeMap<Integer, List<PlannedStack>> pinned, int perWave, int available) {
        pinned.forEach((k, stacks) -> {
            if (stacks.size() > perWave) {
                throw new IllegalStateException(waveName(k) + " of pipeline " + pipeline + " has " + stacks.size()
                        + " tenants pinned to it (wave: " + k + ") but a wave holds at most " + perWave
                        + " stacks (" + limits.maxActionsPerStage() + " actions" + (canaryPipeline ? ""
                        : ", " + WaveLimits.CANARY_GATE_ACTIONS + " kept for the canary gate") + "): "
                        + names(stacks) + "; pin some of them to another wave");
            }
            if (k > available) {
                throw new IllegalStateException("Tenants " + names(stacks) + " are pinned to wave " + k
                        + " but pipeline " + pipeline + " has room for " + available + " waves after "
                        + (canaryPipeline ? BASELINE + " and " + CANARY : "the canary gate") + " ("
                        + limits.maxStagesPerPipeline() + " CodePipeline stages, " + WaveLimits.RESERVED_STAGES
                        + " reserved)");
            }
        });
    }

    /** Pooled tiers (catalog order) then unpinned silo tenants (by id): the stacks placed by hash. */
    private static List<PlannedStack> free(List<PlannedStack> pooled, List<SiloTenant> silos, String fleet) {
        List<PlannedStack> free = new ArrayList<>(pooled);
        silos.stream().filter(t -> t.wave() == null).sorted(Comparator.comparing(SiloTenant::tenantId))
                .forEach(t -> free.add(PlannedStack.siloTenant(fleet, t)));
        return free;
    }

    private static List<Wave> hashWaves(List<PlannedStack> free, int perWave) {
        return HashRanges.split(free, PipelineWaves::waveKey, (start, stacks) -> stacks.size() <= perWave, false)
                .stream().map(r -> new Wave(HASH_WAVE_PREFIX + r.label(), false, r.items())).toList();
    }

    /** Bytes 8–15 of SHA-256 of the tenant id (pooled tier: construct id), independent of the pipeline key. */
    static long waveKey(PlannedStack stack) {
        return HashRanges.sha256Long(stack.tenantId() != null ? stack.tenantId() : stack.constructId(), 8);
    }

    static String waveName(int k) {
        return String.format(Locale.ROOT, "Wave-%02d", k);
    }

    static String names(List<PlannedStack> stacks) {
        return stacks.stream().map(s -> s.tenantId() != null ? s.tenantId() : s.stackName())
                .collect(Collectors.joining(", "));
    }

}
