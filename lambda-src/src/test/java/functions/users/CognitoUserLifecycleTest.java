package functions.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/** Changing, disabling and deleting users through the real SDK against cognito-local. */
class CognitoUserLifecycleTest {

    private static final String UNKNOWN = "nobody@acme.example";

    private final CognitoLocal local = CognitoLocal.get();
    private final UserDirectory directory = local.directory();
    private String pool;
    private String username;

    @BeforeEach
    void createPoolWithOneUser() {
        pool = local.createUserPool();
        username = directory.createUser(pool,
                new NewUser("ada@acme.example", "acme", UserRole.TENANT_USER, "basic")).username();
    }

    @Test
    void updateRoleChangesOnlyTheRole() {
        directory.updateRole(pool, username, UserRole.TENANT_ADMIN);

        DirectoryUser found = directory.findUser(pool, username).orElseThrow();
        assertEquals(UserRole.TENANT_ADMIN, found.role());
        assertEquals("acme", found.tenantId());
        assertEquals("basic", found.tier());
        assertEquals("ada@acme.example", found.email());
    }

    @Test
    void disableAndEnableAreReflectedInEnabled() {
        directory.disableUser(pool, username);
        assertFalse(directory.findUser(pool, username).orElseThrow().enabled());

        directory.enableUser(pool, "ada@acme.example");
        assertTrue(directory.findUser(pool, username).orElseThrow().enabled());
    }

    @Test
    void deleteRemovesTheUserAndIsIdempotent() {
        directory.deleteUser(pool, username);
        assertEquals(Optional.empty(), directory.findUser(pool, username));

        directory.deleteUser(pool, username);
        directory.deleteUser(pool, UNKNOWN);
    }

    @Test
    void deletedUserLeavesItsGroup() {
        directory.ensureGroup(pool, "acme", "tenant acme");
        directory.addUserToGroup(pool, username, "acme");

        directory.deleteUser(pool, username);

        assertTrue(directory.listUsersInGroup(pool, "acme", 60, null).users().isEmpty());
    }

    @Test
    void disablingOrEnablingAnUnknownUserIsUserNotFound() {
        var disable = assertThrows(UserNotFoundException.class, () -> directory.disableUser(pool, UNKNOWN));
        assertTrue(disable.getMessage().contains(pool) && disable.getMessage().contains(UNKNOWN),
                disable.getMessage());
        assertThrows(UserNotFoundException.class, () -> directory.enableUser(pool, UNKNOWN));
    }

    /**
     * cognito-local 5.3.0 answers AdminUpdateUserAttributes for an unknown user with NotAuthorizedException,
     * where Cognito answers UserNotFoundException. The mapping of the real answer is proven on the wire by
     * {@link CognitoUserDirectoryWireTest#updatingTheRoleOfAnUnknownUserIsUserNotFound()}; this test pins the
     * emulator's deviation so that an upgrade that fixes it tells us to test the mapping here instead.
     */
    @Test
    void cognitoLocalAnswersNotAuthorizedWhenUpdatingAnUnknownUser() {
        assertThrows(NotAuthorizedException.class, () -> directory.updateRole(pool, UNKNOWN, UserRole.TENANT_ADMIN));
    }

    @Test
    void factoryBuiltDirectoryReachesTheConfiguredEndpoint() {
        // The production credential chain reads these first; cognito-local accepts any key.
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        try {
            var fromFactory = CognitoUserDirectory.create("eu-west-1", Optional.of(local.endpoint()));

            assertEquals(UserRole.TENANT_USER, fromFactory.findUser(pool, username).orElseThrow().role());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
