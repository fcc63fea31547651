package stages;

import app.AwsEnv;
import app.FleetCatalog;
import app.SiloTenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Plans how the fleet pipelines roll the catalog's stacks out: which pipeline deploys each stack and in which
 * wave. Pure: it creates no construct, and the same catalog always gives the same plan (the catalog's order does
 * not matter).
 *
 * <p><b>The assignment rule is stable</b>: adding or removing one tenant moves no other tenant to another pipeline
 * or wave, unless a limit forces it, because every placement is a function of the tenant's own id and
 * account/region through fixed hash ranges ({@link HashRanges}), not of its rank among the others:
 * <ol>
 *   <li><b>Pipelines</b> ({@link FleetSharder}): a tenant's pipeline key (SHA-256 of its id) falls into one pipeline's key range. A range splits at its midpoint only when its tenants exceed the
 *       pipeline's limits ({@link WaveLimits}: about 257 stacks by template bytes, the stages its waves need, and
 *       at most {@link WaveLimits#MAX_ACCOUNTS_PER_REGION} target accounts in any one region);
 *       then only the tenants of that range's upper half move, to a new pipeline, and every other pipeline keeps
 *       its tenants. Pipelines are named by their range (the first, range 0, is {@code <fleet>-fleet}; the others
 *       {@code <fleet>-fleet-<hex>}), so a name never changes meaning when the count changes.</li>
 *   <li><b>One fleet canary</b>: the first pipeline holds {@code Baseline}, then the only {@code Canary} wave: the
 *       first pooled tier and every {@code canary: true} tenant, wherever its key falls. Other pipelines have no
 *       canary wave; their first wave waits for this one's validation ({@link FleetPlan#canaryPipeline()}). No tenant
 *       is ever a canary by position.</li>
 *   <li><b>Waves</b> ({@link PipelineWaves}): a tenant's wave key (other SHA-256 bits of its id) falls into one
 *       wave's key range; a wave splits only when it would exceed the CodePipeline actions per stage. A tenant's
 *       {@code wave: k} pin gives it a stage of its own, {@code Wave-kk}, as the pipeline's k-th regular wave.</li>
 * </ol>
 * Account/region grouping is not kept: it cannot be stable (a split between clustered keys can move a whole
 * pipeline), so every pipeline and wave deploys to a random mix of accounts/regions. Violations the operator must fix (too many canaries,
 * an overfull pinned wave) throw {@link IllegalStateException} naming the tenants, so the synth stops before
 * writing anything.
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
        List<SiloTenant> canaries = catalog.tenants().stream().filter(SiloTenant::canary)
                .sorted(Comparator.comparing(SiloTenant::tenantId)).toList();
        List<PlannedStack> canaryWave = new ArrayList<>(pooled.stream().limit(1).toList());
        canaries.forEach(t -> canaryWave.add(PlannedStack.siloTenant(fleet, t)));
        String canaryPipeline = FleetSharder.pipelineName(fleet, 0L);
        PipelineWaves.checkCanary(canaryPipeline, canaryWave, limits);
        List<PlannedStack> otherPooled = pooled.stream().skip(1).toList();

        int fixed = 1 + pooled.size() + canaries.size();
        int firstRoom = limits.maxStacksPerPipeline(true) - fixed;
        if (firstRoom < 0) {
            throw new IllegalStateException("The first pipeline holds the baseline, every pooled tier and every"
                    + " canary tenant (" + fixed + " stacks) but has room for " + limits.maxStacksPerPipeline(true)
                    + "; list fewer pooled tier entries or canaries");
        }
        List<AwsEnv> fixedEnvs = new ArrayList<>(List.of(catalog.baseline()));
        catalog.pooledTiers().forEach(p -> fixedEnvs.add(p.env()));
        canaries.forEach(t -> fixedEnvs.add(t.env()));
        crowdedRegion(fixedEnvs, limits.maxAccountsPerRegion()).ifPresent(region -> {
            throw new IllegalStateException("The first pipeline deploys the baseline, every pooled tier and every"
                    + " canary tenant, which target more than " + limits.maxAccountsPerRegion() + " accounts in "
                    + region + " (a pipeline's artifact and replication bucket policies name each one); mark canaries"
                    + " in fewer accounts there");
        });
        int otherRoom = limits.maxStacksPerPipeline(false);
        var shards = FleetSharder.shard(catalog.tenants().stream().filter(t -> !t.canary()).toList(),
                (start, tenants) -> start == 0L
                        ? tenants.size() <= firstRoom && PipelineWaves.regularWaveCount(otherPooled, tenants, fleet,
                                limits.maxStacksPerWave(true)) <= limits.maxRegularWaves(true)
                                && crowdedRegion(withEnvsOf(fixedEnvs, tenants), limits.maxAccountsPerRegion())
                                        .isEmpty()
                        : tenants.size() <= otherRoom && PipelineWaves.regularWaveCount(List.of(), tenants, fleet,
                                limits.maxStacksPerWave(false)) <= limits.maxRegularWaves(false)
                                && crowdedRegion(withEnvsOf(List.of(), tenants), limits.maxAccountsPerRegion())
                                        .isEmpty());
        List<PipelinePlan> pipelines = new ArrayList<>();
        for (var shard : shards) {
            String name = FleetSharder.pipelineName(fleet, shard.start());
            pipelines.add(shard.start() == 0L
                    ? PipelineWaves.canaryPipeline(name, baseline, canaryWave, otherPooled, shard.items(), fleet,
                            limits)
                    : PipelineWaves.gatedPipeline(name, shard.items(), fleet, limits));
        }
        return new FleetPlan(pipelines);
    }

    private static List<AwsEnv> withEnvsOf(List<AwsEnv> fixed, List<SiloTenant> tenants) {
        List<AwsEnv> envs = new ArrayList<>(fixed);
        tenants.forEach(t -> envs.add(t.env()));
        return envs;
    }

    /**
     * The first region (in name order) where {@code envs} name more than {@code max} accounts: a pipeline deploying
     * there would outgrow its artifact or replication bucket policy ({@link WaveLimits#MAX_ACCOUNTS_PER_REGION}).
     */
    static Optional<String> crowdedRegion(List<AwsEnv> envs, int max) {
        Map<String, Set<String>> accounts = new TreeMap<>();
        envs.forEach(env -> accounts.computeIfAbsent(env.region(), r -> new HashSet<>()).add(env.account()));
        return accounts.entrySet().stream().filter(e -> e.getValue().size() > max).map(Map.Entry::getKey)
                .findFirst();
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
