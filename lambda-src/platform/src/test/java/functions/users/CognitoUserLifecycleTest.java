package functions.users;

import contract.UserRole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminUpdateUserAttributesRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import testsupport.Moto;

/** Changing, disabling and deleting users through the real SDK against moto. */
class CognitoUserLifecycleTest {

    private static final String UNKNOWN = "nobody@acme.example";

    private final MotoCognito cognito = MotoCognito.get();
    private final UserDirectory directory = cognito.directory();
    private String pool;
    private String username;

    @BeforeEach
    void createPoolWithOneUser() {
        pool = cognito.createUserPool();
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

    /**
     * custom:tenantId is immutable in TenantUserPool, and Cognito throws when an update names an immutable attribute
     * (SchemaAttributeType.Mutable, https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SchemaAttributeType.html);
     * moto accepts such an update, so the request itself is checked: it names the role and nothing else.
     */
    @Test
    void updateRoleWritesTheRoleAttributeAndNothingElse() {
        List<AdminUpdateUserAttributesRequest> sent = new ArrayList<>();
        UserDirectory observed = MotoCognito.directoryWith(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof AdminUpdateUserAttributesRequest update) {
                    sent.add(update);
                }
            }
        });

        observed.updateRole(pool, username, UserRole.TENANT_ADMIN);

        assertEquals(1, sent.size());
        assertEquals(List.of(AttributeType.builder().name("custom:userRole").value("TenantAdmin").build()),
                sent.get(0).userAttributes());
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

    @Test
    void updatingTheRoleOfAnUnknownUserIsUserNotFound() {
        var e = assertThrows(UserNotFoundException.class,
                () -> directory.updateRole(pool, UNKNOWN, UserRole.TENANT_ADMIN));

        assertTrue(e.getMessage().contains(pool) && e.getMessage().contains(UNKNOWN), e.getMessage());
    }

    @Test
    void factoryBuiltDirectoryReachesTheConfiguredEndpoint() {
        // The production credential chain reads these first; any key acts in moto's default account.
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        try {
            var fromFactory = CognitoUserDirectory.create(Moto.REGION.id(), Optional.of(Moto.get().endpoint()));

            assertEquals(UserRole.TENANT_USER, fromFactory.findUser(pool, username).orElseThrow().role());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
