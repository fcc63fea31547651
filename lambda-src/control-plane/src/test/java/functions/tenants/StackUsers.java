package functions.tenants;

import functions.provisioning.AccountRegion;
import functions.shared.FaultPlan;
import functions.users.DirectoryUser;
import functions.users.MotoCognito;
import functions.users.NewUser;
import functions.users.UserDirectory;
import functions.users.UserPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users of every pool the {@link ControlPlaneFixture} deployed, read and written on moto in each pool's own
 * account and region (never through the control plane under test), and the {@link #faults} that the control plane's
 * directory calls go through.
 */
public final class StackUsers {

    private static final int PAGE = 60;

    public final FaultPlan faults = new FaultPlan();
    private final Map<String, AccountRegion> pools = new ConcurrentHashMap<>();

    void add(String userPoolId, AccountRegion env) {
        pools.put(userPoolId, env);
    }

    /** Users in every deployed pool. */
    public int userCount() {
        return pools.keySet().stream().mapToInt(p -> users(p).size()).sum();
    }

    /** Groups in every deployed pool. */
    public int groupCount() {
        return pools.entrySet().stream().mapToInt(p -> MotoEnvironment.of(p.getValue()).cognito
                .listGroups(r -> r.userPoolId(p.getKey()).limit(PAGE)).groups().size()).sum();
    }

    /** Every user of the pool. */
    public List<DirectoryUser> users(String userPoolId) {
        List<DirectoryUser> users = new ArrayList<>();
        String token = null;
        do {
            UserPage page = directory(userPoolId).listUsers(userPoolId, PAGE, token);
            users.addAll(page.users());
            token = page.nextToken();
        } while (token != null);
        return users;
    }

    /** The user named {@code usernameOrEmail} (the pool signs in by email, so both name it). */
    public Optional<DirectoryUser> findUser(String userPoolId, String usernameOrEmail) {
        return directory(userPoolId).findUser(userPoolId, usernameOrEmail);
    }

    public boolean inGroup(String userPoolId, String groupName, String usernameOrEmail) {
        Optional<DirectoryUser> user = findUser(userPoolId, usernameOrEmail);
        if (user.isEmpty()) {
            return false;
        }
        String token = null;
        do {
            UserPage page = directory(userPoolId).listUsersInGroup(userPoolId, groupName, PAGE, token);
            if (page.users().stream().anyMatch(u -> u.username().equals(user.get().username()))) {
                return true;
            }
            token = page.nextToken();
        } while (token != null);
        return false;
    }

    /** Creates a user straight in the pool, as if created elsewhere (another tenant's, a leftover). */
    public DirectoryUser seed(String userPoolId, NewUser user) {
        return directory(userPoolId).createUser(userPoolId, user);
    }

    public void deleteUser(String userPoolId, String usernameOrEmail) {
        directory(userPoolId).deleteUser(userPoolId, usernameOrEmail);
    }

    private UserDirectory directory(String userPoolId) {
        AccountRegion env = pools.get(userPoolId);
        if (env == null) {
            throw new IllegalArgumentException("the fixture deployed no pool " + userPoolId + ": " + pools.keySet());
        }
        return MotoCognito.on(MotoEnvironment.of(env).cognito).directory();
    }
}
