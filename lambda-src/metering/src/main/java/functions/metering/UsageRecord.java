package functions.metering;

import functions.provisioning.StackLocation;
import contract.Tier;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One tenant's metered requests on one UTC day: what a billing system reads. {@code requestsByApi} is keyed by the
 * API stages of the usage plan that counted them ({@code <apiId>/<stage>}, several joined by {@code ,}: API
 * Gateway meters per plan and key, not per stage). {@code itemsStoredByTable}: the items the tenant held in each
 * tenant table of its stack (by the table's logical name, e.g. {@code ProductTable}) when the day was collected.
 */
public record UsageRecord(String tenantId, LocalDate day, Tier tier, StackLocation location, long requests,
                   Map<String, Long> requestsByApi, String usagePlanId, String collectedAt,
                   Map<String, Long> itemsStoredByTable) {

    public UsageRecord {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(location, "location");
        requestsByApi = Map.copyOf(requestsByApi);
        itemsStoredByTable = Map.copyOf(itemsStoredByTable);
        if (itemsStoredByTable.values().stream().anyMatch(n -> n < 0)) {
            throw new IllegalArgumentException("items stored must be >= 0, got " + itemsStoredByTable);
        }
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be >= 0, got " + requests);
        }
    }

    /** A record with no items counted. */
    public UsageRecord(String tenantId, LocalDate day, Tier tier, StackLocation location, long requests,
                       Map<String, Long> requestsByApi, String usagePlanId, String collectedAt) {
        this(tenantId, day, tier, location, requests, requestsByApi, usagePlanId, collectedAt, Map.of());
    }

    /** The tenant's items over all its tenant tables. */
    public long itemsStored() {
        return itemsStoredByTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
