package functions.metering;

import functions.provisioning.AccountRegion;
import functions.provisioning.Tier;
import java.time.LocalDate;
import java.util.Map;

/** Where the cost of a UTC day comes from (Cost Explorer in production). Every call may throw: nothing is kept. */
public interface CostSource {

    /** The day's cost per value of the tenant tag ({@code TenantId}): the silo tenants' resources. */
    Map<String, Money> costByTenantTag(LocalDate day);

    /** The day's cost of one pooled tier environment: resources tagged {@code Tier=<tier>} in that account/region. */
    Money pooledEnvironmentCost(Tier tier, AccountRegion environment, LocalDate day);
}
