package functions.tenants;

import contract.UserRole;
import java.util.Locale;

/**
 * A TenantUserMapping item (key {@code tenantId} + {@code userName}): which tenant and pool a user belongs to, and
 * whether the user is disabled in its own right.
 *
 * @param userName     the user's email, lowercased ({@link #userNameOf}): the one key the control plane knows a user
 *                     by, whatever username the directory gave it (in email sign-in pools Cognito's is the user's sub)
 * @param userDisabled the user's own switch, set by its tenant's admin or an operator (POST .../disable, cleared by
 *                     POST .../enable); the tenant's deactivation disables the user in the directory without
 *                     touching it, and the tenant's activation enables only users whose own switch is on
 */
public record UserMapping(String tenantId, String userName, UserRole role, String userPoolId, String createdAt,
                          boolean userDisabled) {

    /** A user enabled in its own right. */
    public UserMapping(String tenantId, String userName, UserRole role, String userPoolId, String createdAt) {
        this(tenantId, userName, role, userPoolId, createdAt, false);
    }

    /** The mapping key of the user with {@code email}. */
    public static String userNameOf(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
