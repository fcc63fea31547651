package functions.users;

import contract.UserRole;

import functions.shared.FaultPlan;
import java.util.Objects;
import java.util.Optional;

/**
 * A real {@link UserDirectory} (on moto) whose calls first go through a {@link FaultPlan}, which records each by
 * method name and can fail it, crash the "process" or run something just before it: moto cannot fail or crash on
 * cue, and a saga's compensation and resumption are tested through exactly those cases. Everything else is the
 * delegate's answer.
 */
public final class FaultInjectingUserDirectory implements UserDirectory {

    private final UserDirectory delegate;
    private final FaultPlan faults;

    public FaultInjectingUserDirectory(UserDirectory delegate, FaultPlan faults) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    @Override
    public DirectoryUser createUser(String userPoolId, NewUser user) {
        faults.call("createUser");
        return delegate.createUser(userPoolId, user);
    }

    @Override
    public void ensureGroup(String userPoolId, String groupName, String description) {
        faults.call("ensureGroup");
        delegate.ensureGroup(userPoolId, groupName, description);
    }

    @Override
    public void addUserToGroup(String userPoolId, String username, String groupName) {
        faults.call("addUserToGroup");
        delegate.addUserToGroup(userPoolId, username, groupName);
    }

    @Override
    public Optional<DirectoryUser> findUser(String userPoolId, String username) {
        faults.call("findUser");
        return delegate.findUser(userPoolId, username);
    }

    @Override
    public UserPage listUsersInGroup(String userPoolId, String groupName, int limit, String nextToken) {
        faults.call("listUsersInGroup");
        return delegate.listUsersInGroup(userPoolId, groupName, limit, nextToken);
    }

    @Override
    public UserPage listUsers(String userPoolId, int limit, String nextToken) {
        faults.call("listUsers");
        return delegate.listUsers(userPoolId, limit, nextToken);
    }

    @Override
    public void updateRole(String userPoolId, String username, UserRole role) {
        faults.call("updateRole");
        delegate.updateRole(userPoolId, username, role);
    }

    @Override
    public void disableUser(String userPoolId, String username) {
        faults.call("disableUser");
        delegate.disableUser(userPoolId, username);
    }

    @Override
    public void enableUser(String userPoolId, String username) {
        faults.call("enableUser");
        delegate.enableUser(userPoolId, username);
    }

    @Override
    public void signOut(String userPoolId, String username) {
        faults.call("signOut");
        delegate.signOut(userPoolId, username);
    }

    @Override
    public void deleteUser(String userPoolId, String username) {
        faults.call("deleteUser");
        delegate.deleteUser(userPoolId, username);
    }

    @Override
    public void deleteGroup(String userPoolId, String groupName) {
        faults.call("deleteGroup");
        delegate.deleteGroup(userPoolId, groupName);
    }
}
