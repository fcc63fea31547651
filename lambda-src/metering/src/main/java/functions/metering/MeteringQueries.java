package functions.metering;

import functions.shared.CallerContext;
import functions.shared.TenantId;
import functions.shared.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metering routes' rules: SystemAdmin reads any tenant, a TenantAdmin only its own (403 otherwise, before the
 * parameters are looked at), dates per {@link DateRange}. Answers plain maps, serialized as JSON by the handler.
 */
final class MeteringQueries {

    private final TenantUsageTable usage;
    private final TenantCostTable cost;

    MeteringQueries(TenantUsageTable usage, TenantCostTable cost) {
        this.usage = Objects.requireNonNull(usage, "usage");
        this.cost = Objects.requireNonNull(cost, "cost");
    }

    Map<String, Object> usage(CallerContext caller, String tenantId, String from, String to) {
        TenantId tenant = authorize(caller, tenantId);
        DateRange range = DateRange.parse(from, to);
        List<Map<String, Object>> days = usage.range(tenant.value(), range.from(), range.to()).stream()
                .map(r -> {
                    Map<String, Object> day = new LinkedHashMap<>();
                    day.put("day", r.day().toString());
                    day.put("requests", r.requests());
                    day.put("requestsByApi", r.requestsByApi());
                    day.put("itemsStored", r.itemsStored());
                    day.put("itemsStoredByTable", r.itemsStoredByTable());
                    day.put("tier", r.tier().name());
                    return day;
                }).toList();
        return envelope(tenant, range, days);
    }

    Map<String, Object> cost(CallerContext caller, String tenantId, String from, String to) {
        TenantId tenant = authorize(caller, tenantId);
        DateRange range = DateRange.parse(from, to);
        List<Map<String, Object>> days = cost.range(tenant.value(), range.from(), range.to()).stream()
                .map(r -> {
                    Map<String, Object> day = new LinkedHashMap<>();
                    day.put("day", r.day().toString());
                    day.put("amount", r.cost().text());
                    day.put("currency", r.cost().currency());
                    day.put("method", r.method());
                    day.put("basis", r.basis());
                    return day;
                }).toList();
        return envelope(tenant, range, days);
    }

    private static Map<String, Object> envelope(TenantId tenant, DateRange range, List<Map<String, Object>> days) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenantId", tenant.value());
        body.put("from", range.from().toString());
        body.put("to", range.to().toString());
        body.put("days", days);
        return body;
    }

    private static TenantId authorize(CallerContext caller, String tenantId) {
        if (!TenantId.isValid(tenantId)) {
            throw new ValidationException("tenantId", "is not a tenant id");
        }
        TenantId target = new TenantId(tenantId);
        caller.requireBillingRead(target);
        return target;
    }
}
