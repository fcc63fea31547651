package contract;

/**
 * The custom attributes of the product's user pools, which Cognito puts in the ID token as {@code custom:<name>}
 * claims: the CDK app declares {@link #attribute()}, the functions read {@link #claim()}.
 */
public enum Claim {
    /** The user's tenant; immutable. */
    TENANT_ID("tenantId"),
    /** The user's {@link UserRole}. */
    USER_ROLE("userRole"),
    /** The tenant's {@link Tier}. */
    TIER("tier");

    private static final String PREFIX = "custom:";

    private final String attribute;

    Claim(String attribute) {
        this.attribute = attribute;
    }

    /** The custom attribute's name as the user pool declares it, without {@code custom:}. */
    public String attribute() {
        return attribute;
    }

    /** The claim in the ID token (and the attribute name in Cognito's user APIs): {@code custom:<attribute>}. */
    public String claim() {
        return PREFIX + attribute;
    }
}
