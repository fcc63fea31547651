package functions.metering;

import functions.provisioning.StackLocation;
import functions.provisioning.Tier;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One tenant's metered requests on one UTC day: what a billing system reads. {@code requestsByApi} is keyed by the
 * API stages of the usage plan that counted them ({@code <apiId>/<stage>}, several joined by {@code ,}: API
 * Gateway meters per plan and key, not per stage).
 */
public record UsageRecord(String tenantId, LocalDate day, Tier tier, StackLocation location, long requests,
                   Map<String, Long> requestsByApi, String usagePlanId, String collectedAt) {

    public UsageRecord {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(location, "location");
        requestsByApi = Map.copyOf(requestsByApi);
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be >= 0, got " + requests);
        }
    }
}
