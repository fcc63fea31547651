package functions.tenants;

import functions.provisioning.TenantResources;
import contract.Tier;
import functions.shared.ConflictException;
import functions.users.DirectoryUser;
import functions.users.NewUser;
import functions.users.UserAlreadyExistsException;
import functions.users.UserDirectory;
import functions.users.UserNotFoundException;
import contract.UserRole;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant's users as one unit: the directory user (with its tenant, role and tier attributes), its membership
 * of the tenant's group and its TenantUserMapping item. Used by the registration saga (the tenant admin) and by
 * user management, so both create users the same way and never leave a directory user without a mapping. The
 * mapping is keyed by the user's lowercased email ({@link UserMapping#userNameOf}), not by the directory's username:
 * in a pool that signs in by email (TenantUserPool's) Cognito names the user by its sub, which callers do not know.
 * Directory calls by email work because the email is an alias there.
 */
public final class TenantUsers {

    private final UserDirectory directory;
    private final UserMappingRepository mappings;
    private final Clock clock;

    public TenantUsers(UserDirectory directory, UserMappingRepository mappings, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.mappings = Objects.requireNonNull(mappings, "mappings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Deletes the tenant's group (its users stay in the pool); a missing group is not an error. */
    public void removeGroup(String userPoolId, String tenantId) {
        directory.deleteGroup(userPoolId, TenantResources.groupName(tenantId));
    }

    /** The tenant's group in {@code userPoolId}; idempotent. */
    public void ensureGroup(String userPoolId, String tenantId) {
        directory.ensureGroup(userPoolId, TenantResources.groupName(tenantId), "Users of tenant " + tenantId);
    }

    /**
     * Creates the user in the tenant's group and records the mapping. With {@code adoptOwn} (a retried
     * registration) a user of the same tenant that already exists is taken over instead of being a conflict; a
     * user of another tenant is always a 409 on {@code field}. If grouping or mapping fails, the user (created or
     * adopted here, so it is this tenant's) is deleted again before the failure propagates.
     */
    public DirectoryUser create(String userPoolId, String tenantId, Tier tier, String email, UserRole role,
                                String field, boolean adoptOwn) {
        DirectoryUser user;
        try {
            user = directory.createUser(userPoolId, new NewUser(email, tenantId, role, tier.name()));
        } catch (UserAlreadyExistsException e) {
            user = directory.findUser(userPoolId, email)
                    .filter(existing -> adoptOwn && tenantId.equals(existing.tenantId()))
                    .orElseThrow(() -> new ConflictException(field, "is already a user"));
        }
        try {
            directory.addUserToGroup(userPoolId, user.username(), TenantResources.groupName(tenantId));
            mappings.save(new UserMapping(tenantId, UserMapping.userNameOf(email), role, userPoolId,
                    Instant.now(clock).toString()));
            return user;
        } catch (RuntimeException e) {
            remove(userPoolId, tenantId, email);
            throw e;
        }
    }

    /**
     * Deletes the user with this email and its mapping; absent parts are fine (compensation). A directory user of
     * another tenant with that email is left alone: emails are not ours to free.
     */
    public void remove(String userPoolId, String tenantId, String email) {
        directory.findUser(userPoolId, email).filter(u -> tenantId.equals(u.tenantId()))
                .ifPresent(u -> directory.deleteUser(userPoolId, u.username()));
        mappings.delete(tenantId, UserMapping.userNameOf(email));
    }

    /**
     * Disables the tenant's user with this email in the directory and revokes its refresh tokens, leaving its own
     * switch alone (a tenant-level take-back, not an admin's choice); a missing user, or one of another tenant, is
     * left alone.
     */
    public void disable(String userPoolId, String tenantId, String email) {
        directory.findUser(userPoolId, email).filter(u -> tenantId.equals(u.tenantId())).ifPresent(u -> {
            try {
                directory.disableUser(userPoolId, u.username());
                directory.signOut(userPoolId, u.username());
            } catch (UserNotFoundException gone) {
                // Deleted meanwhile: nothing left to disable.
            }
        });
    }
}
