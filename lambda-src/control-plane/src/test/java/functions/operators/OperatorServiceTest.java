package functions.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.CallerContext;
import functions.shared.ConflictException;
import functions.shared.ForbiddenException;
import functions.shared.NotFoundException;
import functions.shared.TenantId;
import functions.shared.UnauthorizedException;
import functions.shared.ValidationException;
import functions.shared.FaultPlan;
import functions.users.DirectoryUser;
import functions.users.FaultInjectingUserDirectory;
import functions.users.MotoCognito;
import functions.users.NewUser;
import functions.users.UserDirectory;
import contract.UserRole;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;

/** Every operator route's rules through the real Cognito directory on moto. */
class OperatorServiceTest {

    static final CallerContext ADMIN = CallerContext.operator(UserRole.SYSTEM_ADMIN);
    static final CallerContext SUPPORT = CallerContext.operator(UserRole.CUSTOMER_SUPPORT);
    static final CallerContext TENANT_ADMIN =
            CallerContext.tenantMember(UserRole.TENANT_ADMIN, new TenantId("0123456789abcdef0123456789abcdef"));
    static final CallerContext TENANT_USER =
            CallerContext.tenantMember(UserRole.TENANT_USER, new TenantId("0123456789abcdef0123456789abcdef"));

    private final MotoCognito cognito = MotoCognito.get();
    private final UserDirectory directory = cognito.directory();
    private String pool;
    private OperatorService service;
    private OperatorView self;
    private CallerIdentity selfIdentity;

    @BeforeEach
    void setUp() {
        pool = cognito.createUserPool();
        service = new OperatorService(directory, pool);
        self = service.create(ADMIN, new OperatorInput("ops@saas.example", "SystemAdmin"));
        selfIdentity = new CallerIdentity(Set.of(self.userName()));
    }

    @Test
    void aSystemAdminCreatesAnOperatorWithoutTenantInItsRoleGroup() {
        OperatorView created = service.create(ADMIN, new OperatorInput(" Help@SaaS.example ", "CustomerSupport"));

        assertEquals("help@saas.example", created.email());
        assertEquals("CustomerSupport", created.role());
        assertTrue(created.enabled());
        assertEquals("FORCE_CHANGE_PASSWORD", created.status());
        DirectoryUser user = directory.findUser(pool, created.userName()).orElseThrow();
        assertNull(user.tenantId());
        assertNull(user.tier());
        assertEquals(List.of("help@saas.example"), directory.listUsersInGroup(pool, "operators-CustomerSupport", 60,
                null).users().stream().map(DirectoryUser::email).toList());
        assertEquals(List.of("ops@saas.example"), directory.listUsersInGroup(pool, "operators-SystemAdmin", 60,
                null).users().stream().map(DirectoryUser::email).toList());
    }

    @Test
    void creatingAnExistingEmailIs409WhateverItsCase() {
        var e = assertThrows(ConflictException.class,
                () -> service.create(ADMIN, new OperatorInput("OPS@saas.example", "CustomerSupport")));

        assertEquals("email", e.field());
    }

    @Test
    void everyCreateFieldIsValidatedByName() {
        assertField("email", "is required", () -> service.create(ADMIN, new OperatorInput(null, "SystemAdmin")));
        assertField("email", "must be an email address",
                () -> service.create(ADMIN, new OperatorInput("not-an-email", "SystemAdmin")));
        assertField("role", "is required", () -> service.create(ADMIN, new OperatorInput("a@saas.example", null)));
        // Tenant roles belong to tenants' pools, never to the operations pool.
        assertField("role", "must be SystemAdmin or CustomerSupport",
                () -> service.create(ADMIN, new OperatorInput("a@saas.example", "TenantAdmin")));
        assertField("role", "must be SystemAdmin or CustomerSupport",
                () -> service.create(ADMIN, new OperatorInput("a@saas.example", "systemadmin")));
        assertEquals(1, directory.listUsers(pool, 60, null).users().size());
    }

    @Test
    void supportMayOnlyReadAndTenantRolesMayDoNothing() {
        assertEquals(1, service.list(SUPPORT, null, null).items().size());
        assertEquals(self, service.get(SUPPORT, self.userName()));
        for (CallerContext caller : List.of(SUPPORT, TENANT_ADMIN, TENANT_USER)) {
            assertThrows(ForbiddenException.class,
                    () -> service.create(caller, new OperatorInput("x@saas.example", "SystemAdmin")));
            assertThrows(ForbiddenException.class, () -> service.disable(caller, selfIdentity, "x@saas.example"));
            assertThrows(ForbiddenException.class, () -> service.enable(caller, "x@saas.example"));
        }
        for (CallerContext caller : List.of(TENANT_ADMIN, TENANT_USER)) {
            var e = assertThrows(ForbiddenException.class, () -> service.list(caller, null, null));
            assertTrue(e.getMessage().startsWith(caller.role().claimValue() + " may not"), e.getMessage());
            assertThrows(ForbiddenException.class, () -> service.get(caller, self.userName()));
        }
        // The role is checked before the input: a forbidden caller learns nothing about it.
        assertThrows(ForbiddenException.class, () -> service.create(SUPPORT, new OperatorInput(null, null)));
    }

    @Test
    void theListShowsOperatorsOnlyIncludingOneCreatedByHand() {
        service.create(ADMIN, new OperatorInput("help@saas.example", "CustomerSupport"));
        bootstrapAdmin("root@saas.example");
        // A pool user without an operator role (a misplaced tenant user) is not an operator.
        directory.createUser(pool, new NewUser("jane@acme.example", "acme", UserRole.TENANT_USER, "basic"));

        var page = service.list(ADMIN, "60", null);

        assertEquals(List.of("help@saas.example", "ops@saas.example", "root@saas.example"),
                page.items().stream().map(OperatorView::email).sorted().toList());
        assertNull(page.nextToken());
        assertThrows(NotFoundException.class, () -> service.get(ADMIN, "jane@acme.example"));
    }

    @Test
    void listParametersAreValidated() {
        for (String limit : List.of("0", "61", "ten", "")) {
            assertField("limit", "must be an integer 1..60", () -> service.list(ADMIN, limit, null));
        }
        for (String token : List.of("", "two words", "x".repeat(4097))) {
            assertField("nextToken", "is not a valid page token", () -> service.list(ADMIN, null, token));
        }
    }

    @Test
    void anOperatorIsFoundByUserNameOrEmailAndAnUnknownOneIs404() {
        assertEquals(self, service.get(ADMIN, self.userName()));
        assertEquals(self, service.get(ADMIN, self.userName().toUpperCase(Locale.ROOT)));
        assertEquals(self, service.get(ADMIN, "OPS@saas.example"));

        var e = assertThrows(NotFoundException.class, () -> service.get(ADMIN, "nobody@saas.example"));
        assertEquals("operator nobody@saas.example not found", e.getMessage());
        assertThrows(NotFoundException.class, () -> service.get(ADMIN, "00000000-0000-4000-8000-000000000000"));
        assertThrows(NotFoundException.class, () -> service.disable(ADMIN, selfIdentity, "nobody@saas.example"));
        assertThrows(NotFoundException.class, () -> service.enable(ADMIN, "nobody@saas.example"));
    }

    @Test
    void userNamesAreValidated() {
        assertField("userName", "is required", () -> service.get(ADMIN, null));
        assertField("userName", "must be an operator's email address or user name (a UUID)",
                () -> service.get(ADMIN, "../admin"));
        assertField("userName", "must be an email address", () -> service.enable(ADMIN, "a@b"));
        assertField("userName", "must be an operator's email address or user name (a UUID)",
                () -> service.disable(ADMIN, selfIdentity, "ops"));
    }

    @Test
    void aSystemAdminDisablesAndEnablesAnotherOperator() {
        OperatorView help = service.create(ADMIN, new OperatorInput("help@saas.example", "CustomerSupport"));

        assertFalse(service.disable(ADMIN, selfIdentity, help.userName()).enabled());
        assertFalse(directory.findUser(pool, help.userName()).orElseThrow().enabled());
        assertTrue(service.enable(ADMIN, "help@saas.example").enabled());
        assertTrue(directory.findUser(pool, help.userName()).orElseThrow().enabled());
    }

    @Test
    void aSystemAdminCannotDisableItselfByUserNameOrEmail() {
        var byName = assertThrows(ConflictException.class,
                () -> service.disable(ADMIN, selfIdentity, self.userName()));
        assertEquals("userName", byName.field());
        // A Cognito authorizer's claims carry the email too.
        var byEmail = new CallerIdentity(Set.of("7d1e4a52-0c0f-4a3c-8c51-2f9b8b7f3c11", "ops@saas.example"));
        assertThrows(ConflictException.class, () -> service.disable(ADMIN, byEmail, "ops@saas.example"));
        assertTrue(directory.findUser(pool, self.userName()).orElseThrow().enabled());
    }

    @Test
    void disablingWithoutKnowingTheCallerIs401() {
        OperatorView help = service.create(ADMIN, new OperatorInput("help@saas.example", "CustomerSupport"));

        assertThrows(UnauthorizedException.class,
                () -> service.disable(ADMIN, CallerIdentity.from(Map.of()), help.userName()));
        assertTrue(directory.findUser(pool, help.userName()).orElseThrow().enabled());
    }

    @Test
    void theBootstrapAdminCreatedByHandIsAFullOperator() {
        String root = bootstrapAdmin("root@saas.example");
        OperatorView help = service.create(ADMIN, new OperatorInput("help@saas.example", "CustomerSupport"));

        assertEquals("SystemAdmin", service.get(ADMIN, root).role());
        assertFalse(service.disable(ADMIN, new CallerIdentity(Set.of(root)), help.userName()).enabled());
        assertThrows(ConflictException.class, () -> service.disable(ADMIN, new CallerIdentity(Set.of(root)), root));
    }

    @Test
    void aCreateWhoseGroupingFailsLeavesNoUserSoARetrySucceeds() {
        var faults = new FaultPlan();
        var faulty = new OperatorService(new FaultInjectingUserDirectory(directory, faults), pool);
        faults.failOn("addUserToGroup");

        assertThrows(IllegalStateException.class,
                () -> faulty.create(ADMIN, new OperatorInput("help@saas.example", "CustomerSupport")));
        assertEquals(List.of("ops@saas.example"),
                directory.listUsers(pool, 60, null).users().stream().map(DirectoryUser::email).toList());

        OperatorView help = faulty.create(ADMIN, new OperatorInput("help@saas.example", "CustomerSupport"));
        assertEquals(List.of(help.userName()), directory.listUsersInGroup(pool, "operators-CustomerSupport", 60,
                null).users().stream().map(DirectoryUser::username).toList());
    }

    // What the documented `aws cognito-idp admin-create-user` does: no group, only the attributes.
    private String bootstrapAdmin(String email) {
        return cognito.client().adminCreateUser(r -> r.userPoolId(pool).username(email).userAttributes(
                AttributeType.builder().name("email").value(email).build(),
                AttributeType.builder().name("email_verified").value("true").build(),
                AttributeType.builder().name("custom:userRole").value("SystemAdmin").build())
                // Without it Cognito's default medium is SMS, which fails: the user has no phone number.
                .desiredDeliveryMediums(DeliveryMediumType.EMAIL)).user().username();
    }

    private static void assertField(String field, String problem, Executable call) {
        var e = assertThrows(ValidationException.class, call);
        assertEquals(field, e.field());
        assertEquals(field + ": " + problem, e.getMessage());
    }
}
