package functions.metering;

import functions.provisioning.AccountRegion;
import contract.Tier;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/** Where the cost of a UTC day comes from (Cost Explorer in production). Every call may throw: nothing is kept. */
public interface CostSource {

    /**
     * The day's cost per value of the tenant tag, the cost carrying no tenant tag ({@code untagged}), and whether
     * Cost Explorer still marks any of it {@code Estimated} (not final yet).
     */
    record TaggedCosts(Map<String, Money> byTag, Money untagged, boolean estimated) {

        public TaggedCosts {
            byTag = Map.copyOf(byTag);
            Objects.requireNonNull(untagged, "untagged");
        }
    }

    /** One pooled tier environment's cost of the day, and whether Cost Explorer marks it {@code Estimated}. */
    record EnvironmentCost(Money cost, boolean estimated) {

        public EnvironmentCost {
            Objects.requireNonNull(cost, "cost");
        }
    }

    /** The day's cost per value of the tenant tag ({@code TenantId}): the silo tenants' resources. */
    TaggedCosts costByTenantTag(LocalDate day);

    /** The day's cost of one pooled tier environment: resources tagged {@code Tier=<tier>} in that account/region. */
    EnvironmentCost pooledEnvironmentCost(Tier tier, AccountRegion environment, LocalDate day);
}
