package stages;

import app.FleetCatalog;
import app.SiloTenant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Plans how the fleet pipeline rolls the catalog's stacks out: which pipeline deploys each stack and in which
 * wave. Pure: it creates no construct, and the same catalog always gives the same plan.
 * <ol>
 *   <li>{@link FleetSharder} splits silo tenants over the fewest pipelines the {@link WaveLimits} allow
 *       (stage count, actions per stage, template bytes), keeping each account/region together where it fits;</li>
 *   <li>{@link PipelineWaves} orders each pipeline: {@code Baseline} alone (first pipeline), {@code Canary}
 *       (canary tenants, plus the first pooled tier in the first pipeline), then {@code Wave-NN}.</li>
 * </ol>
 * Violations the operator must fix (too many canaries, an overfull pinned wave) throw
 * {@link IllegalStateException} naming the tenants, so the synth stops before writing anything.
 */
public final class WavePlanner {

    private WavePlanner() {
    }

    public static FleetPlan plan(FleetCatalog catalog) {
        return plan(catalog, WaveLimits.DEFAULT);
    }

    public static FleetPlan plan(FleetCatalog catalog, WaveLimits limits) {
        Objects.requireNonNull(catalog, "WavePlanner: catalog is required");
        Objects.requireNonNull(limits, "WavePlanner: limits is required");
        checkTenants(catalog.tenants());
        String fleet = catalog.fleetName();
        PlannedStack baseline = PlannedStack.baseline(fleet, catalog.baseline());
        List<PlannedStack> pooled = catalog.pooledTiers().stream().map(p -> PlannedStack.pooledTier(fleet, p))
                .toList();
        String pipelineName = StackNames.pipelineName(fleet);
        List<List<SiloTenant>> shards = FleetSharder.shard(catalog.tenants(), 1 + pooled.size(), limits);
        List<PipelinePlan> pipelines = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            boolean first = i == 0;
            String name = shards.size() == 1 ? pipelineName
                    : String.format(Locale.ROOT, "%s-%02d", pipelineName, i + 1);
            pipelines.add(PipelineWaves.build(name, first ? baseline : null, first ? pooled : List.of(),
                    shards.get(i), fleet, limits));
        }
        return new FleetPlan(pipelines);
    }

    private static void checkTenants(List<SiloTenant> tenants) {
        var seen = new HashSet<String>();
        List<String> duplicates = tenants.stream().map(SiloTenant::tenantId).filter(id -> !seen.add(id)).toList();
        if (!duplicates.isEmpty()) {
            throw new IllegalStateException("Tenant ids must be unique, repeated: " + String.join(", ", duplicates));
        }
        // Canaries deploy before every wave, so a wave pin on a canary cannot be honoured; say so, not guess.
        String both = tenants.stream().filter(t -> t.canary() && t.wave() != null)
                .map(t -> t.tenantId() + " (wave " + t.wave() + ")").collect(Collectors.joining(", "));
        if (!both.isEmpty()) {
            throw new IllegalStateException("Tenants are both canary and pinned to a wave: " + both
                    + "; a canary deploys in the Canary wave, remove either canary or wave");
        }
    }
}
