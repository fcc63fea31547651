package functions.metering;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One tenant's cost on one UTC day. {@code method} is {@value #TAGGED} (its silo resources' cost by the tenant tag)
 * or {@value #APPORTIONED} (its share of a pooled tier environment's cost); {@code basis} says what the amount was
 * computed from (the tag, or the environment, its cost and the request counts of the share).
 */
public record CostRecord(String tenantId, LocalDate day, Money cost, String method, Map<String, String> basis) {

    public static final String TAGGED = "tagged";
    public static final String APPORTIONED = "apportioned";

    public CostRecord {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(cost, "cost");
        if (!TAGGED.equals(method) && !APPORTIONED.equals(method)) {
            throw new IllegalArgumentException("method must be tagged or apportioned, got " + method);
        }
        basis = Map.copyOf(basis);
    }
}
