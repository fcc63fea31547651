package functions.operators;

import functions.shared.ValidationException;
import contract.UserRole;

/** The body of POST /operators: the new operator's email and role; unknown fields are a 400. */
public record OperatorInput(String email, String role) {

    /** The role as an operator role; a 400 on {@code role} for anything else, tenant roles included. */
    static UserRole operatorRole(String role) {
        if (UserRole.SYSTEM_ADMIN.claimValue().equals(role)) {
            return UserRole.SYSTEM_ADMIN;
        }
        if (UserRole.CUSTOMER_SUPPORT.claimValue().equals(role)) {
            return UserRole.CUSTOMER_SUPPORT;
        }
        throw new ValidationException("role", role == null ? "is required"
                : "must be " + UserRole.SYSTEM_ADMIN.claimValue() + " or " + UserRole.CUSTOMER_SUPPORT.claimValue());
    }
}
