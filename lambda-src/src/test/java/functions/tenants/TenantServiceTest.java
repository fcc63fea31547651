package functions.tenants;

import static functions.tenants.ControlPlaneFixture.SUPPORT;
import static functions.tenants.ControlPlaneFixture.SYSTEM_ADMIN;
import static functions.tenants.ControlPlaneFixture.adminOf;
import static functions.tenants.ControlPlaneFixture.poolOf;
import static functions.tenants.ControlPlaneFixture.userOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.provisioning.Tier;
import functions.shared.ConflictException;
import functions.shared.ForbiddenException;
import functions.shared.NotFoundException;
import functions.shared.ValidationException;
import functions.users.DirectoryUser;
import functions.users.UserRole;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tenant management on DynamoDB Local: roles, pagination, lifecycle. */
class TenantServiceTest {

    private static final String ACME = "a".repeat(32);
    private static final String GLOBEX = "b".repeat(32);

    private ControlPlaneFixture fixture;
    private TenantService service;

    @BeforeEach
    void setUp() {
        fixture = new ControlPlaneFixture();
        service = fixture.plane().tenantService();
    }

    @Test
    void getIsForOperatorsAndTheTenantsOwnAdmin() {
        Tenant acme = fixture.seedTenant(ACME, Tier.BASIC, TenantStatus.ACTIVE);
        fixture.seedTenant(GLOBEX, Tier.BASIC, TenantStatus.ACTIVE);

        assertEquals(acme, service.get(SYSTEM_ADMIN, ACME));
        assertEquals(acme, service.get(SUPPORT, ACME));
        assertEquals(acme, service.get(adminOf(ACME), ACME));
        assertThrows(ForbiddenException.class, () -> service.get(adminOf(GLOBEX), ACME));
        assertThrows(ForbiddenException.class, () -> service.get(userOf(ACME), ACME));
    }

    @Test
    void unknownTenantIs404AndAMalformedIdIs400() {
        assertThrows(NotFoundException.class, () -> service.get(SYSTEM_ADMIN, ACME));
        assertEquals("tenantId", assertThrows(ValidationException.class,
                () -> service.get(SYSTEM_ADMIN, "Not_An_Id")).field());
        // Another tenant's admin learns nothing about whether the id exists.
        assertThrows(ForbiddenException.class, () -> service.get(adminOf(GLOBEX), ACME));
    }

    @Test
    void listPagesThroughEveryTenantOnceWithOpaqueTokens() {
        Set<String> seeded = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            seeded.add(fixture.seedTenant(Integer.toString(i).repeat(32), Tier.STANDARD, TenantStatus.ACTIVE)
                    .tenantId());
        }
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            Page<Tenant> page = service.list(SUPPORT, "2", token);
            page.items().forEach(t -> seen.add(t.tenantId()));
            sizes.add(page.items().size());
            token = page.nextToken();
        } while (token != null);

        assertEquals(seeded, new HashSet<>(seen));
        assertEquals(5, seen.size());
        assertTrue(sizes.stream().allMatch(s -> s <= 2), sizes.toString());
        assertEquals(5, service.list(SYSTEM_ADMIN, null, null).items().size(), "default page holds all five");
    }

    @Test
    void tamperedTokensAndBadLimitsAre400() {
        fixture.seedTenant(ACME, Tier.BASIC, TenantStatus.ACTIVE);
        fixture.seedTenant(GLOBEX, Tier.BASIC, TenantStatus.ACTIVE);
        String valid = service.list(SYSTEM_ADMIN, "1", null).nextToken();
        List<String> tampered = List.of(valid + "x", "%%%", encode("{\"tenantId\":\"" + ACME + "\",\"x\":\"y\"}"),
                encode("{\"tenantId\":7}"), encode("[]"), encode("{\"pk\":\"request#1\"}"), "");
        for (String token : tampered) {
            var e = assertThrows(ValidationException.class, () -> service.list(SYSTEM_ADMIN, "1", token), token);
            assertEquals("nextToken", e.field());
        }
        for (String limit : List.of("0", "101", "ten", "-1", "1.5")) {
            var e = assertThrows(ValidationException.class, () -> service.list(SYSTEM_ADMIN, limit, null), limit);
            assertEquals("limit", e.field());
        }
    }

    @Test
    void listIsForOperatorsOnly() {
        assertThrows(ForbiddenException.class, () -> service.list(adminOf(ACME), null, null));
        assertThrows(ForbiddenException.class, () -> service.list(userOf(ACME), null, null));
    }

    @Test
    void updateReplacesContactDetailsForTheOwnAdminOrASystemAdmin() {
        fixture.seedTenant(ACME, Tier.BASIC, TenantStatus.ACTIVE);

        Tenant updated = service.update(adminOf(ACME), ACME, new TenantUpdate("2 Side St", "+442071234567"));
        assertEquals("2 Side St", updated.address());
        assertEquals("+442071234567", updated.phone());
        Tenant cleared = service.update(SYSTEM_ADMIN, ACME, new TenantUpdate(null, null));
        assertNull(cleared.address());
        assertNull(cleared.phone());

        assertThrows(ForbiddenException.class, () -> service.update(SUPPORT, ACME, new TenantUpdate(null, null)));
        assertThrows(ForbiddenException.class,
                () -> service.update(adminOf(GLOBEX), ACME, new TenantUpdate(null, null)));
        assertEquals("phone", assertThrows(ValidationException.class,
                () -> service.update(SYSTEM_ADMIN, ACME, new TenantUpdate(null, "12"))).field());
        assertThrows(NotFoundException.class, () -> service.update(SYSTEM_ADMIN, GLOBEX, new TenantUpdate(null, null)));
    }

    @Test
    void anActivateRacingAnOffboardLeavesTheOffboardedTenantWithoutAccess() {
        Tenant acme = registered("BASIC");
        service.deactivate(SYSTEM_ADMIN, acme.tenantId());
        // The offboard lands after activate read the tenant INACTIVE and before its status write.
        fixture.directory.faults.beforeNext("enableUser", () -> service.offboard(SYSTEM_ADMIN, acme.tenantId()));

        assertThrows(ConflictException.class, () -> service.activate(SYSTEM_ADMIN, acme.tenantId(), null));

        assertEquals(TenantStatus.OFFBOARDED, service.get(SYSTEM_ADMIN, acme.tenantId()).status());
        assertTrue(fixture.directory.users(poolOf(Tier.BASIC)).stream().noneMatch(DirectoryUser::enabled));
        assertFalse(fixture.apiKeys.key(acme.tenantId()).orElseThrow().enabled());
    }

    @Test
    void deactivateDisablesEveryUserAndTheKeyAndActivateEnablesThemAgain() {
        Tenant acme = registered("BASIC");
        fixture.plane().tenantUserService().create(adminOf(acme.tenantId()), acme.tenantId(),
                new UserInput("jane@acme.example", "TenantUser"));

        Tenant inactive = service.deactivate(SYSTEM_ADMIN, acme.tenantId());
        assertEquals(TenantStatus.INACTIVE, inactive.status());
        assertTrue(fixture.directory.users(poolOf(Tier.BASIC)).stream().noneMatch(DirectoryUser::enabled));
        assertFalse(fixture.apiKeys.key(acme.tenantId()).orElseThrow().enabled());
        assertEquals(TenantStatus.INACTIVE, service.deactivate(SYSTEM_ADMIN, acme.tenantId()).status(),
                "repeating finishes a partial deactivation");

        Tenant active = service.activate(SYSTEM_ADMIN, acme.tenantId(), null);
        assertEquals(TenantStatus.ACTIVE, active.status());
        assertTrue(fixture.directory.users(poolOf(Tier.BASIC)).stream().allMatch(DirectoryUser::enabled));
        assertTrue(fixture.apiKeys.key(acme.tenantId()).orElseThrow().enabled());
    }

    @Test
    void lifecycleChangesAreForSystemAdminsOnly() {
        fixture.seedTenant(ACME, Tier.BASIC, TenantStatus.ACTIVE);
        for (var caller : List.of(SUPPORT, adminOf(ACME), userOf(ACME))) {
            assertThrows(ForbiddenException.class, () -> service.deactivate(caller, ACME));
            assertThrows(ForbiddenException.class, () -> service.activate(caller, ACME, null));
            assertThrows(ForbiddenException.class, () -> service.offboard(caller, ACME));
        }
        assertEquals(TenantStatus.ACTIVE, service.get(SYSTEM_ADMIN, ACME).status());
    }

    @Test
    void offboardingASiloTenantRemovesItsStackRecordAndKeepsItsData() {
        Tenant silo = registered("PLATINUM");
        assertEquals(1, fixture.items(fixture.config.tenantStackMappingTable()).size());

        Tenant offboarded = service.offboard(SYSTEM_ADMIN, silo.tenantId());

        assertEquals(TenantStatus.OFFBOARDED, offboarded.status());
        assertTrue(fixture.items(fixture.config.tenantStackMappingTable()).isEmpty());
        assertEquals(silo.tenantName(), service.get(SUPPORT, silo.tenantId()).tenantName());
        assertEquals(TenantStatus.OFFBOARDED, service.offboard(SYSTEM_ADMIN, silo.tenantId()).status(),
                "offboarding again is harmless");
        assertEquals("status", assertThrows(ConflictException.class,
                () -> service.activate(SYSTEM_ADMIN, silo.tenantId(), null)).field());
    }

    @Test
    void offboardingAPooledTenantDisablesItsAccessAndKeepsItsUsers() {
        Tenant acme = registered("PREMIUM");

        assertEquals(TenantStatus.OFFBOARDED, service.offboard(SYSTEM_ADMIN, acme.tenantId()).status());

        assertFalse(fixture.apiKeys.key(acme.tenantId()).orElseThrow().enabled());
        assertFalse(fixture.directory.users(poolOf(Tier.PREMIUM)).get(0).enabled());
        assertEquals(1, fixture.items(fixture.config.tenantUserMappingTable()).size());
        assertEquals("status", assertThrows(ConflictException.class,
                () -> service.update(SYSTEM_ADMIN, acme.tenantId(), new TenantUpdate(null, null))).field());
    }

    @Test
    void activatingAProvisionedSiloTenantCreatesItsAdminInTheSiloPool() {
        Tenant silo = registered("PLATINUM");
        assertEquals("userPoolId", assertThrows(ValidationException.class,
                () -> service.activate(SYSTEM_ADMIN, silo.tenantId(), null)).field());

        Tenant active = service.activate(SYSTEM_ADMIN, silo.tenantId(), new ActivationInput("eu-west-1_SiloPool1"));

        assertEquals(TenantStatus.ACTIVE, active.status());
        assertEquals("eu-west-1_SiloPool1", active.userPoolId());
        DirectoryUser admin = fixture.directory.users("eu-west-1_SiloPool1").get(0);
        assertEquals(silo.tenantId(), admin.tenantId());
        assertEquals(UserRole.TENANT_ADMIN, admin.role());
        assertEquals("PLATINUM", admin.tier());
        assertTrue(fixture.directory.inGroup("eu-west-1_SiloPool1", "tenant-" + silo.tenantId(), admin.username()));
        assertEquals("userPoolId", assertThrows(ValidationException.class, () -> service.activate(SYSTEM_ADMIN,
                silo.tenantId(), new ActivationInput("eu-west-1_Other"))).field());
    }

    @Test
    void aTenantWhoseRegistrationFailedCannotBeActivated() {
        fixture.seedTenant(ACME, Tier.BASIC, TenantStatus.FAILED);

        assertEquals("status", assertThrows(ConflictException.class,
                () -> service.activate(SYSTEM_ADMIN, ACME, null)).field());
        assertEquals("status", assertThrows(ConflictException.class,
                () -> service.deactivate(SYSTEM_ADMIN, ACME)).field());
    }

    private Tenant registered(String tier) {
        var view = RegistrationFixture.register(fixture, tier);
        return service.get(SYSTEM_ADMIN, view);
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
