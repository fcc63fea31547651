package functions.tenants;

import com.fasterxml.jackson.annotation.JsonInclude;
import functions.users.DirectoryUser;

/** A user of one tenant as the admin API shows it; {@code status} is the directory's account status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantUserView(String userName, String email, String tenantId, String role, Boolean enabled,
                             String status) {

    static TenantUserView of(DirectoryUser user) {
        return new TenantUserView(user.username(), user.email(), user.tenantId(), user.role().claimValue(),
                user.enabled(), user.status());
    }

    /** A mapping whose directory user is gone: shown, so an operator can see and clean it up. */
    static TenantUserView missing(UserMapping mapping) {
        return new TenantUserView(mapping.userName(), null, mapping.tenantId(), mapping.role().claimValue(), null,
                "NOT_IN_DIRECTORY");
    }
}
