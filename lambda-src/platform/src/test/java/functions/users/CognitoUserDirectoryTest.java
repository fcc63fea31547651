package functions.users;

import contract.UserRole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;

/** Creating, finding, grouping and listing users through the real SDK against moto. */
class CognitoUserDirectoryTest {

    private final MotoCognito cognito = MotoCognito.get();
    private final UserDirectory directory = cognito.directory();
    private String pool;

    @BeforeEach
    void createPool() {
        pool = cognito.createUserPool();
    }

    @Test
    void createdTenantUserCarriesEveryAttributeAndWaitsForItsFirstSignIn() {
        DirectoryUser created = directory.createUser(pool,
                new NewUser("ada@acme.example", "acme", UserRole.TENANT_ADMIN, "premium"));

        DirectoryUser found = directory.findUser(pool, "ada@acme.example").orElseThrow();

        assertEquals(created, found);
        assertEquals("ada@acme.example", found.email());
        assertEquals("acme", found.tenantId());
        assertEquals(UserRole.TENANT_ADMIN, found.role());
        assertEquals("premium", found.tier());
        assertTrue(found.enabled());
        assertEquals("FORCE_CHANGE_PASSWORD", found.status());
        // The pool signs in by email, so Cognito names the user by its sub; the email still finds it.
        assertNotEquals("ada@acme.example", found.username());
        assertEquals(found.username(), cognito.client().adminGetUser(r -> r.userPoolId(pool)
                .username("ada@acme.example")).userAttributes().stream()
                .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value());
        assertEquals(Optional.of(found), directory.findUser(pool, found.username()));
    }

    @Test
    void createdUserHasAVerifiedEmail() {
        String username = directory.createUser(pool,
                new NewUser("bob@acme.example", "acme", UserRole.TENANT_USER, "basic")).username();

        var attributes = cognito.client().adminGetUser(r -> r.userPoolId(pool).username(username)).userAttributes();

        assertTrue(attributes.stream().anyMatch(a -> a.name().equals("email_verified") && a.value().equals("true")),
                attributes.toString());
    }

    @Test
    void systemAdminNeedsNoTenantOrTier() {
        directory.createUser(pool, new NewUser("ops@saas.example", null, UserRole.SYSTEM_ADMIN, null));

        DirectoryUser found = directory.findUser(pool, "ops@saas.example").orElseThrow();

        assertEquals(UserRole.SYSTEM_ADMIN, found.role());
        assertNull(found.tenantId());
        assertNull(found.tier());
    }

    @Test
    void anEmailIsTakenOncePerPoolButMayBeReusedInAnotherPool() {
        var user = new NewUser("cy@acme.example", "acme", UserRole.TENANT_USER, "basic");
        directory.createUser(pool, user);

        var duplicate = assertThrows(UserAlreadyExistsException.class, () -> directory.createUser(pool, user));
        assertTrue(duplicate.getMessage().contains(pool), duplicate.getMessage());
        assertTrue(duplicate.getMessage().contains("cy@acme.example"), duplicate.getMessage());

        String otherPool = cognito.createUserPool();
        assertEquals("acme", directory.createUser(otherPool, user).tenantId());
    }

    @Test
    void findingAnUnknownUserIsEmpty() {
        assertEquals(Optional.empty(), directory.findUser(pool, "nobody@acme.example"));
    }

    @Test
    void ensureGroupTwiceKeepsTheGroupAndItsMembers() {
        directory.ensureGroup(pool, "acme", "tenant acme");
        directory.createUser(pool, new NewUser("dee@acme.example", "acme", UserRole.TENANT_USER, "basic"));
        directory.addUserToGroup(pool, "dee@acme.example", "acme");

        directory.ensureGroup(pool, "acme", "tenant acme");

        List<DirectoryUser> members = directory.listUsersInGroup(pool, "acme", 60, null).users();
        assertEquals(List.of("dee@acme.example"), members.stream().map(DirectoryUser::email).toList());
        assertEquals("tenant acme",
                cognito.client().getGroup(r -> r.userPoolId(pool).groupName("acme")).group().description());
    }

    /** Cognito pages ListUsersInGroup: at most Limit users, and an opaque NextToken while more remain. */
    @Test
    void followingThePagesOfAGroupYieldsEveryMemberExactlyOnce() {
        directory.ensureGroup(pool, "acme", "tenant acme");
        directory.ensureGroup(pool, "globex", "tenant globex");
        List<String> emails = IntStream.range(0, 5).mapToObj(i -> "user" + i + "@acme.example").toList();
        for (String email : emails) {
            directory.createUser(pool, new NewUser(email, "acme", UserRole.TENANT_USER, "basic"));
            directory.addUserToGroup(pool, email, "acme");
        }
        directory.createUser(pool, new NewUser("eve@globex.example", "globex", UserRole.TENANT_USER, "basic"));
        directory.addUserToGroup(pool, "eve@globex.example", "globex");

        List<String> listed = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            UserPage page = directory.listUsersInGroup(pool, "acme", 2, token);
            page.users().forEach(u -> listed.add(u.email()));
            sizes.add(page.users().size());
            token = page.nextToken();
        } while (token != null && sizes.size() < 10);

        assertEquals(List.of(2, 2, 1), sizes);
        assertEquals(emails, listed.stream().sorted().toList());
    }

    @Test
    void deleteGroupRemovesTheGroupButNotItsMembersAndIsIdempotent() {
        directory.ensureGroup(pool, "acme", "tenant acme");
        directory.ensureGroup(pool, "globex", "tenant globex");
        directory.createUser(pool, new NewUser("fay@acme.example", "acme", UserRole.TENANT_USER, "basic"));
        directory.addUserToGroup(pool, "fay@acme.example", "acme");

        directory.deleteGroup(pool, "acme");

        assertThrows(ResourceNotFoundException.class,
                () -> cognito.client().getGroup(r -> r.userPoolId(pool).groupName("acme")));
        assertTrue(directory.findUser(pool, "fay@acme.example").isPresent());
        directory.deleteGroup(pool, "acme");
        directory.deleteGroup(pool, "never-existed");
        // The pool's other groups are untouched.
        assertEquals("tenant globex",
                cognito.client().getGroup(r -> r.userPoolId(pool).groupName("globex")).group().description());
    }

    @Test
    void addingAnUnknownUserToAGroupIsUserNotFound() {
        directory.ensureGroup(pool, "acme", "tenant acme");

        var e = assertThrows(UserNotFoundException.class,
                () -> directory.addUserToGroup(pool, "nobody@acme.example", "acme"));
        assertTrue(e.getMessage().contains(pool) && e.getMessage().contains("nobody@acme.example"), e.getMessage());
    }

    @Test
    void pageSizeOutsideCognitosRangeIsRefusedBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class, () -> directory.listUsersInGroup(pool, "acme", 0, null));
        assertThrows(IllegalArgumentException.class, () -> directory.listUsersInGroup(pool, "acme", 61, null));
    }

    @Test
    void listUsersYieldsEveryUserOfThePool() {
        directory.createUser(pool, new NewUser("ops@saas.example", null, UserRole.SYSTEM_ADMIN, null));
        directory.createUser(pool, new NewUser("help@saas.example", null, UserRole.CUSTOMER_SUPPORT, null));

        UserPage page = directory.listUsers(pool, 60, null);

        assertEquals(List.of("help@saas.example", "ops@saas.example"),
                page.users().stream().map(DirectoryUser::email).sorted().toList());
        assertNull(page.nextToken());
        assertThrows(IllegalArgumentException.class, () -> directory.listUsers(pool, 61, null));
        assertThrows(IllegalArgumentException.class, () -> directory.listUsers(pool, 0, null));
    }

    /** ListUsers pages with Limit and PaginationToken (not NextToken, as ListUsersInGroup does). */
    @Test
    void listUsersFollowsCognitosPaginationTokens() {
        directory.createUser(pool, new NewUser("ops@saas.example", null, UserRole.SYSTEM_ADMIN, null));
        String help = directory.createUser(pool,
                new NewUser("help@saas.example", null, UserRole.CUSTOMER_SUPPORT, null)).username();
        directory.disableUser(pool, help);

        UserPage first = directory.listUsers(pool, 1, null);
        UserPage second = directory.listUsers(pool, 1, first.nextToken());

        assertEquals(1, first.users().size());
        assertTrue(first.nextToken() != null && !first.nextToken().isEmpty());
        assertEquals(1, second.users().size());
        assertNull(second.nextToken());
        List<DirectoryUser> both = List.of(first.users().get(0), second.users().get(0));
        assertEquals(List.of("help@saas.example", "ops@saas.example"),
                both.stream().map(DirectoryUser::email).sorted().toList());
        assertEquals(List.of(false), both.stream().filter(u -> u.username().equals(help))
                .map(DirectoryUser::enabled).toList(), "a disabled user reads as disabled");
    }

    @Test
    void listingAnEmptyGroupIsOneEmptyLastPage() {
        directory.ensureGroup(pool, "acme", "tenant acme");

        UserPage page = directory.listUsersInGroup(pool, "acme", 10, null);

        assertTrue(page.users().isEmpty());
        assertNull(page.nextToken());
    }

    /** Two onboardings racing: theirs created the group just before our CreateGroup, which is then a no-op. */
    @Test
    void ensureGroupLosingACreateRaceIsStillSuccess() {
        List<String> operations = new ArrayList<>();
        var racing = MotoCognito.directoryWith(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                if (context.request() instanceof CreateGroupRequest create) {
                    cognito.client().createGroup(r -> r.userPoolId(create.userPoolId())
                            .groupName(create.groupName()).description("created by the other onboarding"));
                }
            }
        });

        racing.ensureGroup(pool, "acme", "tenant acme");

        assertEquals(List.of("CreateGroup"), operations, "one call; the create failed with GroupExistsException");
        assertEquals("created by the other onboarding",
                cognito.client().getGroup(r -> r.userPoolId(pool).groupName("acme")).group().description());
    }
}
