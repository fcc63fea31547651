package functions.users;

import contract.UserRole;

import java.util.Optional;

/**
 * Every Cognito user-pool call the control plane makes. Pools are addressed by id, users by username
 * (in pools that sign in by email, the email works as the username too). Failures other than the typed
 * ones below (throttling, a missing pool or group, access denied) surface as the implementation's
 * runtime exceptions.
 */
public interface UserDirectory {

    /**
     * Creates the user (username = email; attributes email, email_verified=true, custom:tenantId,
     * custom:userRole, custom:tier); Cognito sends the invitation with a temporary password.
     *
     * @throws UserAlreadyExistsException when the pool already has a user with this email
     */
    DirectoryUser createUser(String userPoolId, NewUser user);

    /** Idempotent: an existing group is left as it is, members and description included. */
    void ensureGroup(String userPoolId, String groupName, String description);

    /** @throws UserNotFoundException when the pool has no such user */
    void addUserToGroup(String userPoolId, String username, String groupName);

    /** The user, or empty when the pool has no such user. */
    Optional<DirectoryUser> findUser(String userPoolId, String username);

    /**
     * One page of the group's members.
     *
     * @param limit     page size, 1..60 (Cognito's maximum)
     * @param nextToken null for the first page, else the previous page's {@link UserPage#nextToken()}
     */
    UserPage listUsersInGroup(String userPoolId, String groupName, int limit, String nextToken);

    /**
     * One page of every user of the pool, in Cognito's order (for pools whose users all share a purpose, such as
     * the operations pool; a tier pool's users are listed per tenant group instead).
     *
     * @param limit     page size, 1..60 (Cognito's maximum)
     * @param nextToken null for the first page, else the previous page's {@link UserPage#nextToken()}
     * @throws InvalidPageTokenException when the pool rejects {@code nextToken}
     */
    UserPage listUsers(String userPoolId, int limit, String nextToken);

    /** Sets custom:userRole only; the tenant of a user never changes. @throws UserNotFoundException */
    void updateRole(String userPoolId, String username, UserRole role);

    /** The user can no longer sign in; nothing is deleted. @throws UserNotFoundException */
    void disableUser(String userPoolId, String username);

    /** @throws UserNotFoundException when the pool has no such user */
    void enableUser(String userPoolId, String username);

    /**
     * Revokes every refresh token of the user (Cognito's AdminUserGlobalSignOut), so no session it had can get new
     * ID or access tokens, even after the user is enabled again. @throws UserNotFoundException
     */
    void signOut(String userPoolId, String username);

    /** Idempotent: a missing user is not an error (saga compensation calls it). */
    void deleteUser(String userPoolId, String username);

    /**
     * Deletes the group; its members stay in the pool, only their membership goes. Idempotent: a missing group is
     * not an error (saga compensation calls it).
     */
    void deleteGroup(String userPoolId, String groupName);
}
