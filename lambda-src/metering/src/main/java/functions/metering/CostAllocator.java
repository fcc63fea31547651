package functions.metering;

import functions.provisioning.AccountRegion;
import functions.provisioning.PooledTierStacks;
import contract.Tier;
import functions.shared.Telemetry;
import functions.shared.TenantId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Costs one UTC day per tenant. Reads everything first (the day's usage, which must be complete; Cost Explorer's
 * silo costs by the tenant tag; each pooled tier environment's cost), computes every record, and only then writes
 * the day through {@link TenantCostTable}'s stage-then-commit: a Cost Explorer failure or throttle writes nothing
 * and leaves earlier days as they were; the exception reaches Lambda, whose Errors metric the alarm watches.
 * Amounts are rounded to the cent once per silo tenant and once per pooled environment, and each environment's
 * cents are split by {@link Apportionment}, so its tenants' amounts sum exactly to its cost. The split of day D is over
 * the tenants the day's usage marker lists. Two runs of one day may overlap: the first to commit wins, the other
 * fails with {@link TenantCostTable.ConcurrentRunException} and publishes nothing.
 */
final class CostAllocator {

    static final List<Tier> POOLED_TIERS = List.of(Tier.BASIC, Tier.STANDARD, Tier.PREMIUM);

    /** Basis key: {@code true} while Cost Explorer marked the figures estimated (not final); a rerun re-costs. */
    static final String ESTIMATED = "estimated";

    /** What one run wrote. */
    record Outcome(LocalDate day, String runId, List<CostRecord> records, Map<String, String> totals) {
    }

    private final TenantDirectory tenants;
    private final TenantUsageTable usage;
    private final CostSource costs;
    private final PooledTierStacks pooled;
    private final TenantCostTable table;
    private final MeteringMetrics metrics;
    private final Clock clock;
    private final String tenantTag;

    CostAllocator(TenantDirectory tenants, TenantUsageTable usage, CostSource costs, PooledTierStacks pooled,
                  TenantCostTable table, MeteringMetrics metrics, Clock clock, String tenantTag) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.costs = Objects.requireNonNull(costs, "costs");
        this.pooled = Objects.requireNonNull(pooled, "pooled");
        this.table = Objects.requireNonNull(table, "table");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tenantTag = Objects.requireNonNull(tenantTag, "tenantTag");
    }

    Outcome allocate(LocalDate day) {
        Map<String, UsageRecord> dayUsage = usage.day(meteredTenantsOf(day), day);

        List<CostRecord> records = new ArrayList<>();
        Map<String, String> totals = new TreeMap<>();
        BigDecimal siloTotal = BigDecimal.ZERO;
        CostSource.TaggedCosts tagged = costs.costByTenantTag(day);
        String siloEstimated = Boolean.toString(tagged.estimated());
        totals.put("untagged", tagged.untagged().toCents().text());
        for (var entry : new TreeMap<>(tagged.byTag()).entrySet()) {
            Money cost = entry.getValue().toCents();
            if (!TenantId.isValid(entry.getKey())) {
                Telemetry.warn("cost_not_attributed", "reason", "tag value is no tenant id", "amount", cost.text(),
                        "currency", cost.currency(), "day", day.toString(), "tag", tenantTag + "=" + entry.getKey());
                totals.merge("unattributed", cost.text(), CostAllocator::add);
                continue;
            }
            records.add(new CostRecord(entry.getKey(), day, cost, CostRecord.TAGGED,
                    Map.of("tag", tenantTag + "=" + entry.getKey(), "metric", CostExplorerCostSource.METRIC,
                            ESTIMATED, siloEstimated)));
            siloTotal = siloTotal.add(cost.amount());
        }
        totals.put("silo", siloTotal.setScale(Money.SCALE).toPlainString());

        for (Tier tier : POOLED_TIERS) {
            for (AccountRegion env : pooled.environments(tier)) {
                CostSource.EnvironmentCost envCost = costs.pooledEnvironmentCost(tier, env, day);
                Money cost = envCost.cost().toCents();
                String name = tier + " " + env;
                totals.put(name, cost.text());
                records.addAll(apportion(day, tier, env, name, cost, envCost.estimated(), dayUsage));
            }
        }
        return write(day, records, totals);
    }

    /**
     * The tenants whose usage of {@code day} was metered, as the day's usage marker lists them (whatever their status
     * now: a tenant offboarded since keeps its share of its last days). Markers from before the list existed fall
     * back to the tenants metered today.
     */
    private List<String> meteredTenantsOf(LocalDate day) {
        List<String> listed = usage.meteredTenants(day).orElseThrow(() -> new IllegalStateException("usage of " + day
                + " is not complete (TenantUsage has no marker for it): run the usage collector for that day first;"
                + " no cost written"));
        if (!listed.isEmpty()) {
            return listed;
        }
        Telemetry.warn("usage_marker_without_tenants", "day", day.toString(),
                "reason", "marker written before markers listed their tenants: splitting over today's directory");
        return tenants.meteredTenants().stream().map(MeteredTenant::tenantId).toList();
    }

    private List<CostRecord> apportion(LocalDate day, Tier tier, AccountRegion env, String name, Money cost,
                                       boolean estimated, Map<String, UsageRecord> dayUsage) {
        Map<String, Long> weights = new LinkedHashMap<>();
        dayUsage.values().stream()
                .filter(u -> u.tier() == tier && u.location().env().equals(env))
                .forEach(u -> weights.put(u.tenantId(), u.requests()));
        if (weights.isEmpty()) {
            if (cost.amount().signum() != 0) {
                Telemetry.warn("cost_not_apportioned", "reason", "no metered tenant", "environment", name,
                        "amount", cost.text(), "currency", cost.currency(), "day", day.toString());
            }
            return List.of();
        }
        long total = weights.values().stream().mapToLong(Long::longValue).sum();
        Map<String, BigDecimal> parts = Apportionment.split(cost.amount(), weights);
        List<CostRecord> records = new ArrayList<>();
        parts.forEach((tenant, amount) -> records.add(new CostRecord(tenant, day, new Money(amount, cost.currency()),
                CostRecord.APPORTIONED, Map.of(
                        "environment", name,
                        "environmentCost", cost.text(),
                        "tenantRequests", Long.toString(weights.get(tenant)),
                        "environmentRequests", Long.toString(total),
                        "share", total == 0 ? "1/" + weights.size() : weights.get(tenant) + "/" + total,
                        ESTIMATED, Boolean.toString(estimated)))));
        return records;
    }

    private Outcome write(LocalDate day, List<CostRecord> records, Map<String, String> totals) {
        String runId = clock.instant().toEpochMilli() + "-" + UUID.randomUUID().toString().substring(0, 8);
        var staged = table.stage(day, runId, records);
        table.commit(day, staged, records.size(), totals, clock.instant().toString());
        table.tidy(day, staged);
        metrics.count(MeteringMetrics.COST_RECORDS_WRITTEN, records.size());
        Telemetry.info("cost_committed", "day", day.toString(), "runId", runId, "records", records.size(),
                "totals", totals);
        return new Outcome(day, runId, List.copyOf(records), Map.copyOf(totals));
    }

    private static String add(String a, String b) {
        return new BigDecimal(a).add(new BigDecimal(b)).toPlainString();
    }
}
