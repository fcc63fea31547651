package functions.users;

import contract.UserRole;

import java.util.Objects;

/**
 * The one way an operator (SystemAdmin, CustomerSupport) of the operations pool is made, used by the operators API
 * and by the first-operators custom resource: a pool user with the role and no tenant, invited by email with a
 * temporary password, and a member of the group {@code operators-<role>} (for the Cognito console and the
 * {@code cognito:groups} claim; what the API and the authorizer read is {@code custom:userRole}).
 */
public final class Operators {

    public static final String GROUP_PREFIX = "operators-";

    private Operators() {
    }

    /** The group an operator of {@code role} belongs to. */
    public static String groupName(UserRole role) {
        return GROUP_PREFIX + role.claimValue();
    }

    /** Whether {@code role} is one of the two operator roles. */
    public static boolean isOperatorRole(UserRole role) {
        return role == UserRole.SYSTEM_ADMIN || role == UserRole.CUSTOMER_SUPPORT;
    }

    /**
     * Creates the operator and adds it to its role's group; if the group step fails the user is deleted again, so
     * that a retry can succeed instead of finding a half-made user. The group step's failure is what is thrown; a
     * failed undo (a caller allowed to create but not to delete users, like the first-operators custom resource) is
     * attached to it as suppressed and leaves the user without its group, which the API does not read.
     *
     * @param email a valid, lowercased email address (the caller validates it)
     * @throws UserAlreadyExistsException when the pool already has a user with this email
     */
    public static DirectoryUser create(UserDirectory directory, String userPoolId, String email, UserRole role) {
        Objects.requireNonNull(directory, "directory");
        if (!isOperatorRole(role)) {
            throw new IllegalArgumentException(role + " is not an operator role");
        }
        String group = groupName(role);
        directory.ensureGroup(userPoolId, group, "Operators with role " + role.claimValue());
        DirectoryUser user = directory.createUser(userPoolId, new NewUser(email, null, role, null));
        try {
            directory.addUserToGroup(userPoolId, user.username(), group);
        } catch (RuntimeException e) {
            try {
                directory.deleteUser(userPoolId, user.username());
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        return user;
    }
}
