package functions.tenants;

import functions.shared.FaultPlan;
import functions.users.DirectoryUser;
import functions.users.NewUser;
import functions.users.UserAlreadyExistsException;
import functions.users.UserDirectory;
import functions.users.UserNotFoundException;
import functions.users.UserPage;
import functions.users.UserRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A {@link UserDirectory} in memory, with a {@link FaultPlan} to fail or crash any call. Pools are addressed by id
 * across all stacks; {@link #scopedTo} gives one stack's view, which refuses the pools of other stacks the way
 * Cognito in another account or region would not find them.
 *
 * <p>By default a user's username is its email. {@link #likeEmailSignInPools()} behaves like Cognito in a pool that
 * signs in by email ({@code TenantUserPool}'s): the username is a generated UUID (the user's sub) and every call
 * also accepts the email as an alias.
 */
public final class InMemoryUserDirectory implements UserDirectory {

    public final FaultPlan faults = new FaultPlan();
    private final boolean subUsernames;
    private final Map<String, Map<String, DirectoryUser>> pools = new LinkedHashMap<>();
    private final Map<String, Set<String>> groups = new LinkedHashMap<>();
    private final Map<String, Set<String>> members = new LinkedHashMap<>();

    public InMemoryUserDirectory() {
        this(false);
    }

    private InMemoryUserDirectory(boolean subUsernames) {
        this.subUsernames = subUsernames;
    }

    /** Usernames are UUIDs, emails are aliases: what Cognito does in a pool whose sign-in is by email. */
    public static InMemoryUserDirectory likeEmailSignInPools() {
        return new InMemoryUserDirectory(true);
    }

    @Override
    public DirectoryUser createUser(String userPoolId, NewUser user) {
        faults.call("createUser");
        Map<String, DirectoryUser> pool = pools.computeIfAbsent(userPoolId, p -> new TreeMap<>());
        if (username(userPoolId, user.email()).isPresent()) {
            throw new UserAlreadyExistsException(userPoolId, user.email());
        }
        String username = subUsernames ? UUID.randomUUID().toString() : user.email();
        DirectoryUser created = new DirectoryUser(username, user.email(), user.tenantId(), user.role(),
                user.tier(), true, "FORCE_CHANGE_PASSWORD");
        pool.put(username, created);
        return created;
    }

    @Override
    public void ensureGroup(String userPoolId, String groupName, String description) {
        faults.call("ensureGroup");
        groups.computeIfAbsent(userPoolId, p -> new HashSet<>()).add(groupName);
    }

    @Override
    public void addUserToGroup(String userPoolId, String username, String groupName) {
        faults.call("addUserToGroup");
        username = existing(userPoolId, username).username();
        if (!groups.getOrDefault(userPoolId, Set.of()).contains(groupName)) {
            throw new IllegalStateException("no group " + groupName);
        }
        members.computeIfAbsent(userPoolId + "/" + groupName, g -> new HashSet<>()).add(username);
    }

    @Override
    public Optional<DirectoryUser> findUser(String userPoolId, String username) {
        faults.call("findUser");
        return username(userPoolId, username).map(name -> pools.get(userPoolId).get(name));
    }

    @Override
    public UserPage listUsersInGroup(String userPoolId, String groupName, int limit, String nextToken) {
        faults.call("listUsersInGroup");
        List<DirectoryUser> all = new ArrayList<>();
        members.getOrDefault(userPoolId + "/" + groupName, Set.of())
                .forEach(u -> all.add(existing(userPoolId, u)));
        return new UserPage(all, null);
    }

    /** Every user on one page, like cognito-local (which ignores Limit and PaginationToken). */
    @Override
    public UserPage listUsers(String userPoolId, int limit, String nextToken) {
        faults.call("listUsers");
        return new UserPage(users(userPoolId), null);
    }

    @Override
    public void updateRole(String userPoolId, String username, UserRole role) {
        faults.call("updateRole");
        DirectoryUser u = existing(userPoolId, username);
        replace(userPoolId, new DirectoryUser(u.username(), u.email(), u.tenantId(), role, u.tier(), u.enabled(),
                u.status()));
    }

    @Override
    public void disableUser(String userPoolId, String username) {
        faults.call("disableUser");
        setEnabled(userPoolId, username, false);
    }

    @Override
    public void enableUser(String userPoolId, String username) {
        faults.call("enableUser");
        setEnabled(userPoolId, username, true);
    }

    @Override
    public void deleteUser(String userPoolId, String username) {
        faults.call("deleteUser");
        username(userPoolId, username).ifPresent(name -> {
            pools.get(userPoolId).remove(name);
            members.values().forEach(m -> m.remove(name));
        });
    }

    @Override
    public void deleteGroup(String userPoolId, String groupName) {
        faults.call("deleteGroup");
        groups.getOrDefault(userPoolId, new HashSet<>()).remove(groupName);
        members.remove(userPoolId + "/" + groupName);
    }

    /** Groups in every pool, for assertions. */
    public int groupCount() {
        return groups.values().stream().mapToInt(Set::size).sum();
    }

    public boolean hasGroup(String userPoolId, String groupName) {
        return groups.getOrDefault(userPoolId, Set.of()).contains(groupName);
    }

    /** The directory as one stack's Cognito sees it: only {@code poolIds} exist there. */
    public UserDirectory scopedTo(String stack, Set<String> poolIds) {
        InMemoryUserDirectory all = this;
        return new UserDirectory() {
            private String pool(String userPoolId) {
                if (!poolIds.contains(userPoolId)) {
                    throw new IllegalStateException("ResourceNotFound: user pool " + userPoolId + " is not in " + stack);
                }
                return userPoolId;
            }

            @Override
            public DirectoryUser createUser(String userPoolId, NewUser user) {
                return all.createUser(pool(userPoolId), user);
            }

            @Override
            public void ensureGroup(String userPoolId, String groupName, String description) {
                all.ensureGroup(pool(userPoolId), groupName, description);
            }

            @Override
            public void addUserToGroup(String userPoolId, String username, String groupName) {
                all.addUserToGroup(pool(userPoolId), username, groupName);
            }

            @Override
            public Optional<DirectoryUser> findUser(String userPoolId, String username) {
                return all.findUser(pool(userPoolId), username);
            }

            @Override
            public UserPage listUsersInGroup(String userPoolId, String groupName, int limit, String nextToken) {
                return all.listUsersInGroup(pool(userPoolId), groupName, limit, nextToken);
            }

            @Override
            public void updateRole(String userPoolId, String username, UserRole role) {
                all.updateRole(pool(userPoolId), username, role);
            }

            @Override
            public void disableUser(String userPoolId, String username) {
                all.disableUser(pool(userPoolId), username);
            }

            @Override
            public void enableUser(String userPoolId, String username) {
                all.enableUser(pool(userPoolId), username);
            }

            @Override
            public void deleteUser(String userPoolId, String username) {
                all.deleteUser(pool(userPoolId), username);
            }

            @Override
            public void deleteGroup(String userPoolId, String groupName) {
                all.deleteGroup(pool(userPoolId), groupName);
            }

            @Override
            public UserPage listUsers(String userPoolId, int limit, String nextToken) {
                return all.listUsers(pool(userPoolId), limit, nextToken);
            }
        };
    }

    /** Every user of the pool, for assertions. */
    public List<DirectoryUser> users(String userPoolId) {
        return List.copyOf(pools.getOrDefault(userPoolId, Map.of()).values());
    }

    public int userCount() {
        return pools.values().stream().mapToInt(Map::size).sum();
    }

    public boolean inGroup(String userPoolId, String groupName, String username) {
        return username(userPoolId, username)
                .filter(members.getOrDefault(userPoolId + "/" + groupName, Set.of())::contains).isPresent();
    }

    /** Puts a user straight into a pool, as if created elsewhere (another tenant's, a leftover). */
    public void seed(String userPoolId, DirectoryUser user) {
        pools.computeIfAbsent(userPoolId, p -> new TreeMap<>()).put(user.username(), user);
    }

    private void setEnabled(String userPoolId, String username, boolean enabled) {
        DirectoryUser u = existing(userPoolId, username);
        replace(userPoolId, new DirectoryUser(u.username(), u.email(), u.tenantId(), u.role(), u.tier(), enabled,
                u.status()));
    }

    private DirectoryUser existing(String userPoolId, String username) {
        return username(userPoolId, username).map(name -> pools.get(userPoolId).get(name))
                .orElseThrow(() -> new UserNotFoundException(userPoolId, username));
    }

    // The username itself, or the user whose email it is (Cognito's alias lookup in email sign-in pools).
    private Optional<String> username(String userPoolId, String usernameOrEmail) {
        Map<String, DirectoryUser> pool = pools.getOrDefault(userPoolId, Map.of());
        if (pool.containsKey(usernameOrEmail)) {
            return Optional.of(usernameOrEmail);
        }
        return pool.values().stream().filter(u -> u.email() != null && u.email().equalsIgnoreCase(usernameOrEmail))
                .map(DirectoryUser::username).findFirst();
    }

    private void replace(String userPoolId, DirectoryUser user) {
        pools.get(userPoolId).put(user.username(), user);
    }
}
