package stages;

import app.AwsEnv;
import app.SiloTenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Orders one pipeline's stacks into waves: {@code Baseline} (first pipeline only), {@code Canary}, then
 * {@code Wave-01}, {@code Wave-02}, ... Regular waves are filled by this rule:
 * <ol>
 *   <li>pinned tenants ({@code wave: k}) go to {@code Wave-k};</li>
 *   <li>the other stacks are interleaved round-robin across their account/region groups (groups sorted by account
 *       then region; inside a group pooled tiers in catalog order, then silo tenants by id);</li>
 *   <li>that sequence fills the free slots of Wave-01, Wave-02, ... in order, using the fewest waves that hold it
 *       (and at least up to the highest pinned wave); waves left empty are omitted.</li>
 * </ol>
 * Consecutive slices of a round-robin sequence hold each environment about equally often, so one wave never
 * hammers one account/region while others are idle.
 */
final class PipelineWaves {

    static final String BASELINE = "Baseline";
    static final String CANARY = "Canary";
    private static final Comparator<PlannedStack> BY_TENANT = Comparator.comparing(PlannedStack::tenantId);

    private final String pipeline;
    private final String fleet;
    private final WaveLimits limits;
    private final List<Wave> waves = new ArrayList<>();

    private PipelineWaves(String pipeline, String fleet, WaveLimits limits) {
        this.pipeline = pipeline;
        this.fleet = fleet;
        this.limits = limits;
    }

    /**
     * @param baseline the baseline stack for the first pipeline, else null
     * @param pooled   pooled tier stacks in catalog order (first pipeline only, else empty)
     * @param fleet    the catalog's fleet name, which starts the silo stacks' names
     */
    static PipelinePlan build(String pipeline, PlannedStack baseline, List<PlannedStack> pooled,
                              List<SiloTenant> silos, String fleet, WaveLimits limits) {
        var builder = new PipelineWaves(pipeline, fleet, limits);
        if (baseline != null) {
            builder.waves.add(new Wave(BASELINE, false, List.of(baseline)));
        }
        builder.addWaves(pooled, silos);
        return new PipelinePlan(pipeline, builder.waves);
    }

    private void addWaves(List<PlannedStack> pooled, List<SiloTenant> silos) {
        List<PlannedStack> canary = new ArrayList<>(pooled.stream().limit(1).toList());
        List<PlannedStack> rest = new ArrayList<>(pooled.stream().skip(1).toList());
        TreeMap<Integer, List<PlannedStack>> pinned = new TreeMap<>();
        List<PlannedStack> canarySilos = new ArrayList<>();
        for (SiloTenant tenant : silos) {
            PlannedStack stack = PlannedStack.siloTenant(fleet, tenant);
            if (tenant.canary()) {
                canarySilos.add(stack);
            } else if (tenant.wave() != null) {
                pinned.computeIfAbsent(tenant.wave(), k -> new ArrayList<>()).add(stack);
            } else {
                rest.add(stack);
            }
        }
        canarySilos.sort(BY_TENANT);
        canary.addAll(canarySilos);
        pinned.values().forEach(list -> list.sort(BY_TENANT));
        List<PlannedStack> unpinned = interleave(rest);
        if (canary.isEmpty()) {
            pickCanary(unpinned, pinned).ifPresent(canary::add);
        }
        if (!canary.isEmpty()) {
            checkCanary(canary);
            waves.add(new Wave(CANARY, true, canary));
        }
        addRegularWaves(pinned, unpinned);
    }

    /** A pipeline without canary tenants still validates one stack first: its first one in plan order. */
    private static Optional<PlannedStack> pickCanary(List<PlannedStack> unpinned,
                                                                Map<Integer, List<PlannedStack>> pinned) {
        if (!unpinned.isEmpty()) {
            return Optional.of(unpinned.remove(0));
        }
        for (var it = pinned.values().iterator(); it.hasNext();) {
            List<PlannedStack> wave = it.next();
            PlannedStack first = wave.remove(0);
            if (wave.isEmpty()) {
                it.remove();
            }
            return Optional.of(first);
        }
        return Optional.empty();
    }

    private void checkCanary(List<PlannedStack> canary) {
        if (canary.size() > limits.maxCanaryStacks()) {
            int actions = canary.size() * WaveLimits.ACTIONS_PER_STACK + WaveLimits.CANARY_VALIDATION_ACTIONS;
            throw new IllegalStateException("Canary wave of pipeline " + pipeline + " has " + canary.size()
                    + " stacks = " + actions + " CodePipeline actions (" + WaveLimits.ACTIONS_PER_STACK
                    + " per stack + " + WaveLimits.CANARY_VALIDATION_ACTIONS + " validation), over the limit of "
                    + limits.maxActionsPerStage() + " actions per stage: at most " + limits.maxCanaryStacks()
                    + " canary stacks fit; set canary to false on " + (canary.size() - limits.maxCanaryStacks())
                    + " of: " + names(canary));
        }
    }

    private void addRegularWaves(TreeMap<Integer, List<PlannedStack>> pinned, List<PlannedStack> unpinned) {
        int perWave = limits.maxStacksPerWave();
        int available = limits.maxWavesPerPipeline() - waves.size();
        pinned.forEach((k, stacks) -> {
            if (stacks.size() > perWave) {
                throw new IllegalStateException(waveName(k) + " of pipeline " + pipeline + " has " + stacks.size()
                        + " tenants pinned to it (wave: " + k + ") but a wave holds at most " + perWave
                        + " stacks (" + limits.maxActionsPerStage() + " actions): " + names(stacks)
                        + "; pin some of them to another wave");
            }
            if (k > available) {
                throw new IllegalStateException("Tenants " + names(stacks) + " are pinned to wave " + k
                        + " but pipeline " + pipeline + " has room for " + available + " waves after "
                        + waves.stream().map(Wave::name).collect(Collectors.joining(" and ")) + " ("
                        + limits.maxStagesPerPipeline() + " CodePipeline stages, " + WaveLimits.RESERVED_STAGES
                        + " reserved)");
            }
        });
        int count = waveCount(pinned, unpinned.size());
        if (count > available) {
            throw new IllegalStateException("Pipeline " + pipeline + " needs " + count + " waves for its pinned and "
                    + unpinned.size() + " unpinned stacks but has room for " + available
                    + "; pin fewer tenants to sparse waves");
        }
        Iterator<PlannedStack> next = unpinned.iterator();
        for (int k = 1; k <= count; k++) {
            List<PlannedStack> stacks = new ArrayList<>(pinned.getOrDefault(k, List.of()));
            while (stacks.size() < perWave && next.hasNext()) {
                stacks.add(next.next());
            }
            if (!stacks.isEmpty()) {
                waves.add(new Wave(waveName(k), false, stacks));
            }
        }
    }

    /** The fewest regular waves that reach the highest pinned wave and hold every unpinned stack. */
    private int waveCount(TreeMap<Integer, List<PlannedStack>> pinned, int unpinned) {
        int perWave = limits.maxStacksPerWave();
        int count = pinned.isEmpty() ? 0 : pinned.lastKey();
        long free = 0;
        for (int k = 1; k <= count; k++) {
            free += perWave - pinned.getOrDefault(k, List.of()).size();
        }
        while (free < unpinned) {
            count++;
            free += perWave - pinned.getOrDefault(count, List.of()).size();
        }
        return count;
    }

    /** Round-robin over account/region groups sorted by account then region; group order is kept inside. */
    static List<PlannedStack> interleave(List<PlannedStack> stacks) {
        Map<AwsEnv, List<PlannedStack>> groups = new TreeMap<>(FleetSharder.ENV_ORDER);
        List<PlannedStack> pooledFirst = new ArrayList<>(stacks.stream()
                .filter(s -> s.kind() != PlannedStack.Kind.SILO_TENANT).toList());
        stacks.stream().filter(s -> s.kind() == PlannedStack.Kind.SILO_TENANT).sorted(BY_TENANT)
                .forEach(pooledFirst::add);
        pooledFirst.forEach(s -> groups.computeIfAbsent(s.env(), e -> new ArrayList<>()).add(s));
        List<Iterator<PlannedStack>> cursors = new ArrayList<>(groups.values().stream().map(List::iterator).toList());
        List<PlannedStack> order = new ArrayList<>(stacks.size());
        while (!cursors.isEmpty()) {
            for (var it = cursors.iterator(); it.hasNext();) {
                Iterator<PlannedStack> cursor = it.next();
                order.add(cursor.next());
                if (!cursor.hasNext()) {
                    it.remove();
                }
            }
        }
        return order;
    }

    static String waveName(int k) {
        return String.format(Locale.ROOT, "Wave-%02d", k);
    }

    private static String names(List<PlannedStack> stacks) {
        return stacks.stream().map(s -> s.tenantId() != null ? s.tenantId() : s.stackName())
                .collect(Collectors.joining(", "));
    }
}
