package functions.metering;

import functions.provisioning.StackLocation;
import functions.provisioning.TargetStacks;
import functions.shared.Telemetry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Meters one UTC day: for every metered tenant, its requests counted by its stack's usage plan and the items it
 * holds in its stack's tenant tables ({@link StoredItems}, counted at collection time), one {@link UsageRecord} per
 * tenant, written to TenantUsage, then marked complete, and only then handed to the other
 * {@link BillingSink}s. A stack that cannot be read (not deployed, role refused, API Gateway failing) is logged and
 * skipped, the day is not marked complete (readers and the other sinks never see it), and the run fails at the end so
 * the function's Errors alarm fires; a rerun rewrites the whole day.
 */
final class UsageCollector {


    /** What one run did. */
    record Outcome(LocalDate day, int tenantsMetered, List<String> failedStacks) {
    }

    /** The run metered what it could and wrote it, but some stacks failed: the day stays incomplete. */
    static final class IncompleteDayException extends RuntimeException {
        IncompleteDayException(LocalDate day, List<String> failed) {
            super("usage of " + day + " is incomplete: " + failed.size() + " stack(s) could not be read: " + failed);
        }
    }

    private final TenantDirectory tenants;
    private final TargetStacks stacks;
    private final PlanUsage usage;
    private final StoredItems storedItems = new StoredItems();
    private final TenantUsageTable table;
    private final List<BillingSink> extraSinks;
    private final MeteringMetrics metrics;
    private final Clock clock;

    UsageCollector(TenantDirectory tenants, TargetStacks stacks, PlanUsage usage, TenantUsageTable table,
                   List<BillingSink> extraSinks, MeteringMetrics metrics, Clock clock) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.table = Objects.requireNonNull(table, "table");
        this.extraSinks = List.copyOf(extraSinks);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Meters {@code day}; throws {@link IncompleteDayException} after writing what it could when a stack failed. */
    Outcome collect(LocalDate day) {
        Map<StackLocation, List<MeteredTenant>> byStack = new LinkedHashMap<>();
        for (MeteredTenant tenant : tenants.meteredTenants()) {
            byStack.computeIfAbsent(tenant.location(), s -> new ArrayList<>()).add(tenant);
        }
        String now = clock.instant().toString();
        List<UsageRecord> records = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        byStack.forEach((stack, members) -> {
            try {
                records.addAll(meter(stack, members, day, now));
            } catch (RuntimeException e) {
                failed.add(stack.stackName() + " in " + stack.env());
                Telemetry.error("usage_not_read", "day", day.toString(), "tenants", members.size(),
                        "stack", String.valueOf(stack), "failure", e.toString());
            }
        });
        table.deliver(day, records);
        metrics.count(MeteringMetrics.TENANTS_METERED, records.size());
        if (!failed.isEmpty()) {
            throw new IncompleteDayException(day, failed);
        }
        table.markComplete(day, records.stream().map(UsageRecord::tenantId).toList(), now);
        for (BillingSink sink : extraSinks) {
            sink.deliver(day, records);
        }
        Telemetry.info("usage_collected", "day", day.toString(), "tenants", records.size(), "stacks", byStack.size());
        return new Outcome(day, records.size(), List.of());
    }

    private List<UsageRecord> meter(StackLocation stack, List<MeteredTenant> members, LocalDate day, String now) {
        var target = stacks.at(stack);
        String planId = target.resources().usagePlanId();
        Map<String, Long> byKey = usage.requestsByKey(stack, planId, day);
        String api = usage.apiOf(stack, planId);
        List<UsageRecord> records = new ArrayList<>();
        for (MeteredTenant tenant : members) {
            long requests = byKey.getOrDefault(tenant.apiKeyId(), 0L);
            records.add(new UsageRecord(tenant.tenantId(), day, tenant.tier(), stack, requests,
                    api.isEmpty() ? Map.of() : Map.of(api, requests), planId, now,
                    storedItems.byTable(target, tenant.tenantId())));
        }
        return records;
    }
}
