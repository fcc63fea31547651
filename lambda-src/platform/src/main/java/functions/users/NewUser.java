package functions.users;

import contract.UserRole;

import java.util.Objects;

/**
 * A user the control plane is about to create. Tenant roles belong to a tenant on a tier, so
 * {@code tenantId} and {@code tier} are required for them; system admins and customer support work
 * across tenants and may have neither.
 *
 * @param email    the sign-in name and where Cognito sends the invitation (required)
 * @param tenantId the tenant, stored in the immutable {@code custom:tenantId}; null only for cross-tenant roles
 * @param role     stored in {@code custom:userRole} (required)
 * @param tier     the tenant's tier, stored in {@code custom:tier}; null only for cross-tenant roles
 */
public record NewUser(String email, String tenantId, UserRole role, String tier) {

    public NewUser {
        notBlank("email", Objects.requireNonNull(email, "NewUser: email is required"));
        Objects.requireNonNull(role, "NewUser: role is required");
        boolean tenantRole = role == UserRole.TENANT_ADMIN || role == UserRole.TENANT_USER;
        if (tenantRole) {
            Objects.requireNonNull(tenantId, "NewUser: tenantId is required for role " + role.claimValue());
            Objects.requireNonNull(tier, "NewUser: tier is required for role " + role.claimValue());
        }
        if (tenantId != null) {
            notBlank("tenantId", tenantId);
        }
        if (tier != null) {
            notBlank("tier", tier);
        }
    }

    // Cognito rejects an empty attribute value with a less helpful message, after a network round trip.
    private static void notBlank(String field, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("NewUser: " + field + " must not be blank");
        }
    }
}
