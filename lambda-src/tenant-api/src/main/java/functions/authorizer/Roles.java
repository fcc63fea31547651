package functions.authorizer;

import contract.UserRole;

/** The one split of {@link UserRole} the authorizer relies on: staff work across tenants, the rest within one. */
final class Roles {

    private Roles() {
    }

    /** SystemAdmin and CustomerSupport: users of the operations pool, who may have no tenant. */
    static boolean isStaff(UserRole role) {
        return role == UserRole.SYSTEM_ADMIN || role == UserRole.CUSTOMER_SUPPORT;
    }
}
