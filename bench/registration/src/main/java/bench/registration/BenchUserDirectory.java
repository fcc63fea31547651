package bench.registration;

import functions.users.DirectoryUser;
import functions.users.NewUser;
import functions.users.UserAlreadyExistsException;
import functions.users.UserDirectory;
import functions.users.UserNotFoundException;
import functions.users.UserPage;
import functions.users.UserRole;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cognito stand-in, safe for many client threads and free of latency: the bench measures the service and its
 * DynamoDB work, not Cognito. Usernames are generated ids (as Cognito's {@code sub} in an email pool); a user is
 * found by username or email.
 */
final class BenchUserDirectory implements UserDirectory {

    private final Map<String, Pool> pools = new ConcurrentHashMap<>();

    private static final class Pool {
        final Map<String, DirectoryUser> byEmail = new ConcurrentHashMap<>();
        final Map<String, DirectoryUser> byUsername = new ConcurrentHashMap<>();
        final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
    }

    private Pool pool(String userPoolId) {
        return pools.computeIfAbsent(userPoolId, id -> new Pool());
    }

    @Override
    public DirectoryUser createUser(String userPoolId, NewUser user) {
        Pool pool = pool(userPoolId);
        String email = user.email().toLowerCase(Locale.ROOT);
        DirectoryUser created = new DirectoryUser(UUID.randomUUID().toString(), email, user.tenantId(), user.role(),
                user.tier(), true, "FORCE_CHANGE_PASSWORD");
        if (pool.byEmail.putIfAbsent(email, created) != null) {
            throw new UserAlreadyExistsException(userPoolId, email);
        }
        pool.byUsername.put(created.username(), created);
        return created;
    }

    @Override
    public void ensureGroup(String userPoolId, String groupName, String description) {
        pool(userPoolId).groups.computeIfAbsent(groupName, g -> ConcurrentHashMap.newKeySet());
    }

    @Override
    public void addUserToGroup(String userPoolId, String username, String groupName) {
        DirectoryUser user = find(userPoolId, username).orElseThrow(() -> new UserNotFoundException(userPoolId, username));
        Set<String> members = pool(userPoolId).groups.get(groupName);
        if (members == null) {
            throw new IllegalStateException("no group " + groupName + " in " + userPoolId);
        }
        members.add(user.username());
    }

    @Override
    public Optional<DirectoryUser> findUser(String userPoolId, String username) {
        return find(userPoolId, username);
    }

    @Override
    public UserPage listUsersInGroup(String userPoolId, String groupName, int limit, String nextToken) {
        throw new UnsupportedOperationException("not used by registration");
    }

    @Override
    public UserPage listUsers(String userPoolId, int limit, String nextToken) {
        throw new UnsupportedOperationException("not used by registration");
    }

    @Override
    public void updateRole(String userPoolId, String username, UserRole role) {
        throw new UnsupportedOperationException("not used by registration");
    }

    @Override
    public void disableUser(String userPoolId, String username) {
        throw new UnsupportedOperationException("not used by registration");
    }

    @Override
    public void enableUser(String userPoolId, String username) {
        throw new UnsupportedOperationException("not used by registration");
    }

    @Override
    public void deleteUser(String userPoolId, String username) {
        Pool pool = pool(userPoolId);
        find(userPoolId, username).ifPresent(user -> {
            pool.byUsername.remove(user.username());
            pool.byEmail.remove(user.email());
            pool.groups.values().forEach(members -> members.remove(user.username()));
        });
    }

    @Override
    public void deleteGroup(String userPoolId, String groupName) {
        pool(userPoolId).groups.remove(groupName);
    }

    /** Users per pool, for the end-of-run check. */
    Map<String, Integer> userCounts() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        pools.forEach((id, pool) -> counts.put(id, pool.byUsername.size()));
        return counts;
    }

    /** Members of every group of every pool, added up. */
    int groupMemberships() {
        return pools.values().stream().flatMap(p -> p.groups.values().stream()).mapToInt(Set::size).sum();
    }

    List<DirectoryUser> users() {
        return pools.values().stream().flatMap(p -> p.byUsername.values().stream()).toList();
    }

    private Optional<DirectoryUser> find(String userPoolId, String username) {
        Pool pool = pool(userPoolId);
        DirectoryUser user = pool.byUsername.get(username);
        return Optional.ofNullable(user != null ? user : pool.byEmail.get(username.toLowerCase(Locale.ROOT)));
    }
}
