package functions.tenants;

import static functions.tenants.ControlPlaneFixture.SUPPORT;
import static functions.tenants.ControlPlaneFixture.SYSTEM_ADMIN;
import static functions.tenants.ControlPlaneFixture.adminOf;
import static functions.tenants.ControlPlaneFixture.userOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.provisioning.AccountRegion;
import contract.Tier;
import functions.shared.ConflictException;
import functions.shared.ForbiddenException;
import functions.shared.NotFoundException;
import functions.shared.ValidationException;
import contract.UserRole;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** User management of one tenant at a time, on moto: the tier stacks' pools sign in by email, as TenantUserPool's. */
class TenantUserServiceTest {

    private ControlPlaneFixture fixture;
    private TenantUserService service;
    private String acme;
    private String globex;

    @BeforeEach
    void setUp() {
        fixture = new ControlPlaneFixture();
        service = fixture.plane().tenantUserService();
        acme = RegistrationFixture.register(fixture, "BASIC");
        globex = fixture.seedTenant("c".repeat(32), Tier.BASIC, TenantStatus.ACTIVE).tenantId();
    }

    @Test
    void tenantAdminCreatesUsersInTheTiersPoolAndTheTenantsGroup() {
        TenantUserView jane = service.create(adminOf(acme), acme, new UserInput("Jane@Acme.example", "TenantUser"));

        assertEquals("jane@acme.example", jane.email());
        assertNotEquals("jane@acme.example", jane.userName(), "Cognito's username is the sub");
        assertEquals(acme, jane.tenantId());
        assertEquals("TenantUser", jane.role());
        assertEquals(Boolean.TRUE, jane.enabled());
        var stored = fixture.directory.findUser(fixture.poolOf(Tier.BASIC), "jane@acme.example").orElseThrow();
        assertEquals("BASIC", stored.tier());
        assertEquals(true, fixture.directory.inGroup(fixture.poolOf(Tier.BASIC), "tenant-" + acme, "jane@acme.example"));
        assertEquals("TenantAdmin",
                service.create(SYSTEM_ADMIN, acme, new UserInput("ops@acme.example", "TenantAdmin")).role());
    }

    @Test
    void onlyTheTenantsAdminOrASystemAdminMayChangeUsers() {
        var input = new UserInput("jane@acme.example", "TenantUser");
        for (var caller : List.of(SUPPORT, adminOf(globex), userOf(acme))) {
            assertThrows(ForbiddenException.class, () -> service.create(caller, acme, input));
            assertThrows(ForbiddenException.class, () -> service.disable(caller, acme, "admin@acme-basic.example"));
            assertThrows(ForbiddenException.class,
                    () -> service.update(caller, acme, "admin@acme-basic.example", new UserUpdate("TenantUser")));
        }
        assertThrows(ForbiddenException.class, () -> service.list(adminOf(globex), acme, null, null));
        assertThrows(ForbiddenException.class, () -> service.get(userOf(acme), acme, "admin@acme-basic.example"));
        assertEquals(1, service.list(SUPPORT, acme, null, null).items().size(), "support may read");
    }

    @Test
    void inputRulesNameTheirField() {
        assertEquals("email", assertThrows(ValidationException.class,
                () -> service.create(adminOf(acme), acme, new UserInput("nope", "TenantUser"))).field());
        assertEquals("role", assertThrows(ValidationException.class,
                () -> service.create(adminOf(acme), acme, new UserInput("a@acme.example", "SystemAdmin"))).field());
        assertEquals("role", assertThrows(ValidationException.class,
                () -> service.create(adminOf(acme), acme, new UserInput("a@acme.example", null))).field());
        assertEquals("userName", assertThrows(ValidationException.class,
                () -> service.get(adminOf(acme), acme, "not an email")).field());
        assertEquals("tenantId", assertThrows(ValidationException.class,
                () -> service.list(SYSTEM_ADMIN, "../x", null, null)).field());
    }

    @Test
    void anExistingEmailIs409AndAnInactiveTenantTakesNoUsers() {
        assertEquals("email", assertThrows(ConflictException.class, () -> service.create(adminOf(acme), acme,
                new UserInput("admin@acme-basic.example", "TenantUser"))).field());

        fixture.plane().tenantService().deactivate(SYSTEM_ADMIN, acme);
        assertEquals("status", assertThrows(ConflictException.class, () -> service.create(SYSTEM_ADMIN, acme,
                new UserInput("late@acme.example", "TenantUser"))).field());
    }

    @Test
    void anotherTenantsUserIsNotFoundThroughThisTenant() {
        service.create(adminOf(acme), acme, new UserInput("jane@acme.example", "TenantUser"));
        fixture.usersIn(ControlPlaneFixture.pooledStack(Tier.BASIC)).ensureGroup(fixture.poolOf(Tier.BASIC), globex);
        service.create(adminOf(globex), globex, new UserInput("bob@globex.example", "TenantUser"));

        assertThrows(NotFoundException.class, () -> service.get(adminOf(acme), acme, "bob@globex.example"));
        assertThrows(NotFoundException.class, () -> service.disable(adminOf(acme), acme, "bob@globex.example"));
        assertThrows(NotFoundException.class,
                () -> service.update(adminOf(acme), acme, "bob@globex.example", new UserUpdate("TenantAdmin")));
        assertEquals(true, fixture.directory.findUser(fixture.poolOf(Tier.BASIC), "bob@globex.example").orElseThrow()
                .enabled());
        assertThrows(NotFoundException.class, () -> service.get(SYSTEM_ADMIN, "d".repeat(32), "x@y.example"));
    }

    @Test
    void updateChangesTheRoleAndDisableDisablesTheUser() {
        service.create(adminOf(acme), acme, new UserInput("jane@acme.example", "TenantUser"));

        assertEquals("TenantAdmin", service.update(adminOf(acme), acme, "jane@acme.example",
                new UserUpdate("TenantAdmin")).role());
        assertEquals("TenantAdmin", service.get(SUPPORT, acme, "jane@acme.example").role());
        TenantUserView disabled = service.disable(adminOf(acme), acme, "jane@acme.example");
        assertEquals(Boolean.FALSE, disabled.enabled());
        assertFalse(fixture.directory.findUser(fixture.poolOf(Tier.BASIC), "jane@acme.example").orElseThrow().enabled());
    }

    @Test
    void listPagesThroughTheTenantsUsersOnly() {
        for (String name : List.of("b", "c", "d", "e")) {
            service.create(adminOf(acme), acme, new UserInput(name + "@acme.example", "TenantUser"));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Page<TenantUserView> page = service.list(adminOf(acme), acme, "2", token);
            page.items().forEach(u -> seen.add(u.email()));
            token = page.nextToken();
        } while (token != null);

        assertEquals(List.of("admin@acme-basic.example", "b@acme.example", "c@acme.example", "d@acme.example",
                "e@acme.example"), seen);
        String otherTenantsToken = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"tenantId\":\"" + globex + "\",\"userName\":\"b@acme.example\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals("nextToken", assertThrows(ValidationException.class,
                () -> service.list(SYSTEM_ADMIN, acme, "2", otherTenantsToken)).field());
        assertEquals("limit", assertThrows(ValidationException.class,
                () -> service.list(SYSTEM_ADMIN, acme, "61", null)).field());
    }

    @Test
    void usersOfATenantInTheTiersSecondEnvironmentAreManagedInThatStacksPool() {
        fixture = new ControlPlaneFixture("BASIC=222222222222/us-east-1,BASIC=555555555555/eu-west-1");
        service = fixture.plane().tenantUserService();
        AccountRegion eu = new AccountRegion("555555555555", "eu-west-1");
        fixture.putSetting("tier#BASIC", Map.of("account", AttributeValue.fromS(eu.account()),
                "region", AttributeValue.fromS(eu.region())));
        String tenant = RegistrationFixture.register(fixture, "BASIC");

        service.create(adminOf(tenant), tenant, new UserInput("jane@acme.example", "TenantUser"));
        service.update(adminOf(tenant), tenant, "jane@acme.example", new UserUpdate("TenantAdmin"));
        service.disable(adminOf(tenant), tenant, "jane@acme.example");

        var jane = fixture.directory.findUser(fixture.poolOf(Tier.BASIC, eu), "jane@acme.example").orElseThrow();
        assertEquals(UserRole.TENANT_ADMIN, jane.role());
        assertFalse(jane.enabled());
        assertTrue(fixture.directory.users(fixture.poolOf(Tier.BASIC)).isEmpty(), "nothing in the first environment");
        assertEquals(2, service.list(SUPPORT, tenant, null, null).items().size());
        assertEquals("jane@acme.example", service.get(SUPPORT, tenant, "jane@acme.example").email());
    }

    @Test
    void usersOfAnActiveSiloTenantAreManagedInItsSiloPool() {
        String silo = RegistrationFixture.register(fixture, "PLATINUM");
        fixture.deploySilo(silo);
        fixture.plane().tenantService().activate(SYSTEM_ADMIN, silo);

        service.create(adminOf(silo), silo, new UserInput("jane@silo.example", "TenantUser"));

        assertEquals("PLATINUM", fixture.directory.findUser(fixture.siloPoolOf(silo),
                "jane@silo.example").orElseThrow().tier());
        assertEquals(2, service.list(SYSTEM_ADMIN, silo, null, null).items().size());
    }

    /**
     * Cognito names a user of an email sign-in pool by its sub, not by the email it was created with (moto does too:
     * CognitoUserDirectoryTest). The path's {@code userName} may be either; the mapping is keyed by email.
     */
    @Test
    void inAnEmailSignInPoolAUserIsFoundByEmailAndByItsCognitoUsername() {
        TenantUserView jane = service.create(adminOf(acme), acme, new UserInput("Jane@Acme.example", "TenantUser"));
        assertNotEquals("jane@acme.example", jane.userName(), "Cognito's username is the sub");

        for (String name : List.of("jane@acme.example", "JANE@acme.example", jane.userName())) {
            assertEquals("jane@acme.example", service.get(SUPPORT, acme, name).email(), name);
        }
        assertEquals("TenantAdmin", service.update(adminOf(acme), acme, jane.userName(),
                new UserUpdate("TenantAdmin")).role());
        assertEquals("TenantAdmin", service.get(SUPPORT, acme, "jane@acme.example").role());
        assertEquals(Boolean.FALSE, service.disable(adminOf(acme), acme, "jane@acme.example").enabled());
        assertEquals(Boolean.FALSE, service.get(SUPPORT, acme, jane.userName()).enabled());
        assertEquals("TenantAdmin", service.get(SUPPORT, acme, "admin@acme-basic.example").role(),
                "the admin user the registration created");
        assertEquals(List.of("admin@acme-basic.example:TenantAdmin", "jane@acme.example:TenantAdmin"),
                fixture.items(fixture.config.tenantUserMappingTable()).stream()
                        .map(i -> i.get(UserMappingRepository.SORT_KEY).s() + ":" + i.get("userRole").s()).sorted().toList());
    }

    @Test
    void inAnEmailSignInPoolAnotherTenantsUserIsNotFoundByItsCognitoUsernameEither() {
        fixture.usersIn(ControlPlaneFixture.pooledStack(Tier.BASIC)).ensureGroup(fixture.poolOf(Tier.BASIC), globex);
        String bob = service.create(adminOf(globex), globex, new UserInput("bob@globex.example", "TenantUser"))
                .userName();

        for (String name : List.of(bob, "bob@globex.example")) {
            assertThrows(NotFoundException.class, () -> service.get(adminOf(acme), acme, name));
            assertThrows(NotFoundException.class, () -> service.disable(adminOf(acme), acme, name));
            assertThrows(NotFoundException.class,
                    () -> service.update(adminOf(acme), acme, name, new UserUpdate("TenantAdmin")));
        }
        assertTrue(fixture.directory.findUser(fixture.poolOf(Tier.BASIC), bob).orElseThrow().enabled());
    }

    @Test
    void inAnEmailSignInPoolDeactivationDisablesEveryUserOfTheTenant() {
        service.create(adminOf(acme), acme, new UserInput("jane@acme.example", "TenantUser"));

        fixture.plane().tenantService().deactivate(SYSTEM_ADMIN, acme);
        fixture.runAccessJobs();

        assertEquals(List.of(false, false), fixture.directory.users(fixture.poolOf(Tier.BASIC)).stream()
                .map(u -> u.enabled()).toList());
    }

    @Test
    void aMappingWhoseDirectoryUserIsGoneIsListedAsSuch() {
        fixture.directory.deleteUser(fixture.poolOf(Tier.BASIC), "admin@acme-basic.example");

        TenantUserView listed = service.list(SYSTEM_ADMIN, acme, null, null).items().get(0);

        assertEquals("NOT_IN_DIRECTORY", listed.status());
        assertNull(listed.enabled());
        assertThrows(NotFoundException.class, () -> service.get(SYSTEM_ADMIN, acme, "admin@acme-basic.example"));
    }
}
