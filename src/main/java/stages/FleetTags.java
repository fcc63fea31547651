package stages;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;

/** Tags every fleet stack carries; the offboarding step deletes only stacks tagged as managed by the fleet. */
public final class FleetTags {

    public static final String MANAGED_BY = "ManagedBy";
    /** The default fleet's {@code ManagedBy} value; a named fleet's is {@link StackNames#managedByValue}. */
    public static final String MANAGED_BY_VALUE = StackNames.managedByValue(StackNames.PREFIX);
    public static final String TIER = "Tier";
    public static final String TENANT_ID = "TenantId";

    private FleetTags() {
    }

    static void managed(Stack stack, String fleet) {
        tag(stack, MANAGED_BY, StackNames.managedByValue(fleet));
    }

    /**
     * Tags the stack itself and every resource in it. The stack tag is set on the stack explicitly: with
     * {@code @aws-cdk/core:explicitStackTags} (cdk.json) {@code Tags.of(stack)} no longer reaches the stack, and the
     * offboarding step and {@code pipelines.sh} find the fleet's stacks by their stack tags.
     */
    static void tag(Stack stack, String key, String value) {
        Tags.of(stack).add(key, value);
        stack.getTags().setTag(key, value);
    }
}
