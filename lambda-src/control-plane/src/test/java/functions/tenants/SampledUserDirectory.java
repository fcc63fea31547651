package functions.tenants;

import functions.users.DirectoryUser;
import functions.users.NewUser;
import functions.users.UserDirectory;
import functions.users.UserPage;
import contract.UserRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A real {@link UserDirectory} (on moto) for the users in {@code sample}, and a recorder of the enable, disable and
 * sign-out calls on every other user: moto serves about a hundred Cognito calls a second on this machine, so
 * twenty thousand of them (a 10,000-user tenant's deactivation) would cost minutes of CI, while the calls on the
 * sample prove on moto what the recorded ones would do.
 */
final class SampledUserDirectory implements UserDirectory {

    /** One recorded call: the method and the user it named. */
    record Call(String method, String username) {
    }

    private final UserDirectory moto;
    private final Set<String> sample;
    private final List<Call> recorded;

    SampledUserDirectory(UserDirectory moto, Set<String> sample, List<Call> recorded) {
        this.moto = Objects.requireNonNull(moto, "moto");
        this.sample = Set.copyOf(sample);
        this.recorded = Objects.requireNonNull(recorded, "recorded");
    }

    /** A fresh list to record into. */
    static List<Call> recorder() {
        return new ArrayList<>();
    }

    @Override
    public void disableUser(String userPoolId, String username) {
        onUser("disableUser", username, () -> moto.disableUser(userPoolId, username));
    }

    @Override
    public void enableUser(String userPoolId, String username) {
        onUser("enableUser", username, () -> moto.enableUser(userPoolId, username));
    }

    @Override
    public void signOut(String userPoolId, String username) {
        onUser("signOut", username, () -> moto.signOut(userPoolId, username));
    }

    private void onUser(String method, String username, Runnable onMoto) {
        if (sample.contains(username)) {
            onMoto.run();
        } else {
            recorded.add(new Call(method, username));
        }
    }

    @Override
    public DirectoryUser createUser(String userPoolId, NewUser user) {
        return moto.createUser(userPoolId, user);
    }

    @Override
    public void ensureGroup(String userPoolId, String groupName, String description) {
        moto.ensureGroup(userPoolId, groupName, description);
    }

    @Override
    public void addUserToGroup(String userPoolId, String username, String groupName) {
        moto.addUserToGroup(userPoolId, username, groupName);
    }

    @Override
    public Optional<DirectoryUser> findUser(String userPoolId, String username) {
        return moto.findUser(userPoolId, username);
    }

    @Override
    public UserPage listUsersInGroup(String userPoolId, String groupName, int limit, String nextToken) {
        return moto.listUsersInGroup(userPoolId, groupName, limit, nextToken);
    }

    @Override
    public UserPage listUsers(String userPoolId, int limit, String nextToken) {
        return moto.listUsers(userPoolId, limit, nextToken);
    }

    @Override
    public void updateRole(String userPoolId, String username, UserRole role) {
        moto.updateRole(userPoolId, username, role);
    }

    @Override
    public void deleteUser(String userPoolId, String username) {
        moto.deleteUser(userPoolId, username);
    }

    @Override
    public void deleteGroup(String userPoolId, String groupName) {
        moto.deleteGroup(userPoolId, groupName);
    }
}
