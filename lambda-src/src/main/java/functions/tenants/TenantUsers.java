package functions.tenants;

import functions.provisioning.TenantResources;
import functions.provisioning.Tier;
import functions.shared.ConflictException;
import functions.users.DirectoryUser;
import functions.users.NewUser;
import functions.users.UserAlreadyExistsException;
import functions.users.UserDirectory;
import functions.users.UserNotFoundException;
import functions.users.UserRole;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant's users as one unit: the directory user (with its tenant, role and tier attributes), its membership
 * of the tenant's group and its TenantUserMapping item. Used by the registration saga (the tenant admin) and by
 * user management, so both create users the same way and never leave a directory user without a mapping.
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

    /** The tenant's group in {@code userPoolId}; idempotent. */
    /** Deletes the tenant's group (its users stay in the pool); a missing group is not an error. */
    public void removeGroup(String userPoolId, String tenantId) {
        directory.deleteGroup(userPoolId, TenantResources.groupName(tenantId));
    }

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
            mappings.save(new UserMapping(tenantId, user.username(), role, userPoolId,
                    Instant.now(clock).toString()));
            return user;
        } catch (RuntimeException e) {
            remove(userPoolId, tenantId, user.username());
            throw e;
        }
    }

    /**
     * Deletes the user and its mapping; absent parts are fine (compensation). A directory user of another tenant
     * with that name is left alone: the name is the email, and emails are not ours to free.
     */
    public void remove(String userPoolId, String tenantId, String userName) {
        if (directory.findUser(userPoolId, userName).filter(u -> tenantId.equals(u.tenantId())).isPresent()) {
            directory.deleteUser(userPoolId, userName);
        }
        mappings.delete(tenantId, userName);
    }

    /** Enables or disables every user of the tenant; users already gone from the directory are skipped. */
    public void setAllEnabled(String tenantId, boolean enabled) {
        for (UserMapping user : mappings.all(tenantId)) {
            try {
                if (enabled) {
                    directory.enableUser(user.userPoolId(), user.userName());
                } else {
                    directory.disableUser(user.userPoolId(), user.userName());
                }
            } catch (UserNotFoundException gone) {
                // Nothing left to enable or disable for this user.
            }
        }
    }
}
