package functions.tenants;

import functions.users.UserRole;

/** A TenantUserMapping item (key {@code tenantId} + {@code userName}): which tenant and pool a user belongs to. */
public record UserMapping(String tenantId, String userName, UserRole role, String userPoolId, String createdAt) {
}
