package functions.tenants;

import functions.users.UserRole;
import java.util.Locale;

/**
 * A TenantUserMapping item (key {@code tenantId} + {@code userName}): which tenant and pool a user belongs to.
 *
 * @param userName the user's email, lowercased ({@link #userNameOf}): the one key the control plane knows a user by,
 *                 whatever username the directory gave it (in email sign-in pools Cognito's is the user's sub)
 */
public record UserMapping(String tenantId, String userName, UserRole role, String userPoolId, String createdAt) {

    /** The mapping key of the user with {@code email}. */
    public static String userNameOf(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
