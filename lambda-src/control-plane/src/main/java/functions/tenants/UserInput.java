package functions.tenants;

import functions.shared.ValidationException;
import contract.UserRole;

/** The body of POST /tenants/{tenantId}/users: a tenant user or admin (never an operator role). */
public record UserInput(String email, String role) {

    /** The role as a tenant role; a 400 on {@code role} for anything else, operator roles included. */
    static UserRole tenantRole(String role) {
        if (UserRole.TENANT_ADMIN.claimValue().equals(role)) {
            return UserRole.TENANT_ADMIN;
        }
        if (UserRole.TENANT_USER.claimValue().equals(role)) {
            return UserRole.TENANT_USER;
        }
        throw new ValidationException("role", role == null ? "is required"
                : "must be " + UserRole.TENANT_ADMIN.claimValue() + " or " + UserRole.TENANT_USER.claimValue());
    }
}
