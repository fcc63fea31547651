package functions.users;

import contract.UserRole;

/**
 * A user as the pool holds it. Cognito never returns passwords, and neither does this.
 *
 * @param username the Cognito username; in pools that sign in by email this is the user's {@code sub}
 * @param email    the {@code email} attribute
 * @param tenantId {@code custom:tenantId}; null for cross-tenant users
 * @param role     from {@code custom:userRole}; null only for a user created outside the control plane
 * @param tier     {@code custom:tier}; null for cross-tenant users
 * @param enabled  false once disabled: the user cannot sign in
 * @param status   Cognito's user status, e.g. {@code FORCE_CHANGE_PASSWORD} until the invitation is used
 */
public record DirectoryUser(
        String username, String email, String tenantId, UserRole role, String tier, boolean enabled, String status) {
}
