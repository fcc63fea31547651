package contract;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a user may do, carried in the ID token as the {@code custom:userRole} claim. */
public enum UserRole {
    SYSTEM_ADMIN("SystemAdmin"),
    CUSTOMER_SUPPORT("CustomerSupport"),
    TENANT_ADMIN("TenantAdmin"),
    TENANT_USER("TenantUser");

    private final String claimValue;

    UserRole(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The value stored in {@code custom:userRole}. */
    public String claimValue() {
        return claimValue;
    }

    /**
     * The role whose {@link #claimValue()} is exactly {@code value} (case-sensitive, as the token carries it).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static UserRole fromClaim(String value) {
        for (UserRole role : values()) {
            if (role.claimValue.equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown custom:userRole '" + value + "', expected one of "
                + Arrays.stream(values()).map(UserRole::claimValue).collect(Collectors.joining(", ")));
    }
}
