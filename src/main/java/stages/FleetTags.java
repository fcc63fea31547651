package stages;

import software.amazon.awscdk.Tags;
import software.constructs.IConstruct;

/** Tags every fleet stack carries; the offboarding step deletes only stacks tagged as managed by the fleet. */
public final class FleetTags {

    public static final String MANAGED_BY = "ManagedBy";
    /** The default fleet's {@code ManagedBy} value; a named fleet's is {@link StackNames#managedByValue}. */
    public static final String MANAGED_BY_VALUE = StackNames.managedByValue(StackNames.PREFIX);
    public static final String TIER = "Tier";
    public static final String TENANT_ID = "TenantId";

    private FleetTags() {
    }

    static void managed(IConstruct scope, String fleet) {
        Tags.of(scope).add(MANAGED_BY, StackNames.managedByValue(fleet));
    }
}
