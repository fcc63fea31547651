package functions.tenants;

import static functions.tenants.ControlPlaneFixture.POOLED_ACCOUNT;
import static functions.tenants.ControlPlaneFixture.POOLED_REGION;
import static functions.tenants.ControlPlaneFixture.SUPPORT;
import static functions.tenants.ControlPlaneFixture.SYSTEM_ADMIN;
import static functions.tenants.ControlPlaneFixture.adminOf;
import static functions.tenants.ControlPlaneFixture.pooledStack;
import static functions.tenants.ControlPlaneFixture.userOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.provisioning.AccountRegion;
import functions.provisioning.PlatformSettings;
import functions.provisioning.StackLocation;
import functions.provisioning.TenantApiKeyTable;
import contract.Tier;
import functions.shared.ConflictException;
import functions.shared.ForbiddenException;
import functions.shared.NotFoundException;
import functions.shared.ValidationException;
import functions.users.DirectoryUser;
import contract.UserRole;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Tenant management on moto: roles, pagination, lifecycle. */
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
        fixture.runAccessJobs();
        // The offboard lands after activate read the tenant INACTIVE (and enables the key) and before its status write.
        fixture.apiKeys.faults.beforeNext("setEnabled", () -> service.offboard(SYSTEM_ADMIN, acme.tenantId()));

        assertThrows(ConflictException.class, () -> service.activate(SYSTEM_ADMIN, acme.tenantId()));
        fixture.runAccessJobs();

        Tenant offboarded = service.get(SYSTEM_ADMIN, acme.tenantId());
        assertEquals(TenantStatus.OFFBOARDED, offboarded.status());
        assertEquals(AccessJob.Target.DISABLED, offboarded.accessJob().target(), "the failed activation started no job");
        assertTrue(fixture.directory.users(fixture.poolOf(Tier.BASIC)).stream().noneMatch(DirectoryUser::enabled));
        assertFalse(fixture.apiKeys.key(acme.tenantId()).orElseThrow().enabled());
    }

    @Test
    void deactivateDisablesEveryUserTheKeyAndTheKeyItemAndActivateEnablesThemAgain() {
        Tenant acme = registered("BASIC");
        fixture.plane().tenantUserService().create(adminOf(acme.tenantId()), acme.tenantId(),
                new UserInput("jane@acme.example", "TenantUser"));
        TenantApiKeyTable keyTable = fixture.keyTable(pooledStack(Tier.BASIC));
        assertTrue(keyTable.find(acme.tenantId()).orElseThrow().enabled());

        Tenant inactive = service.deactivate(SYSTEM_ADMIN, acme.tenantId());
        assertEquals(TenantStatus.INACTIVE, inactive.status());
        // Key and key item within the call; the users by the access job.
        assertFalse(fixture.apiKeys.key(acme.tenantId()).orElseThrow().enabled());
        assertFalse(keyTable.find(acme.tenantId()).orElseThrow().enabled(), "the authorizer now denies the tenant");
        assertEquals(AccessJob.State.RUNNING, inactive.accessJob().state());
        fixture.runAccessJobs();
        assertTrue(fixture.directory.users(fixture.poolOf(Tier.BASIC)).stream().noneMatch(DirectoryUser::enabled));
        assertEquals(TenantStatus.INACTIVE, service.deactivate(SYSTEM_ADMIN, acme.tenantId()).status(),
                "repeating finishes a partial deactivation");
        fixture.runAccessJobs();

        Tenant active = service.activate(SYSTEM_ADMIN, acme.tenantId());
        assertEquals(TenantStatus.ACTIVE, active.status());
        fixture.runAccessJobs();
        assertTrue(fixture.directory.users(fixture.poolOf(Tier.BASIC)).stream().allMatch(DirectoryUser::enabled));
        assertTrue(fixture.apiKeys.key(acme.tenantId()).orElseThrow().enabled());
        TenantApiKeyTable.Entry item = keyTable.find(acme.tenantId()).orElseThrow();
        assertTrue(item.enabled());
        assertEquals(fixture.apiKeys.key(acme.tenantId()).orElseThrow().value(), item.apiKeyValue());
    }

    @Test
    void aTenantInTheTiersSecondEnvironmentIsManagedThereNotInTheFirst() {
        fixture = new ControlPlaneFixture("BASIC=222222222222/us-east-1,BASIC=555555555555/eu-west-1");
        service = fixture.plane().tenantService();
        AccountRegion eu = new AccountRegion("555555555555", "eu-west-1");
        fixture.putSetting("tier#BASIC", Map.of("account", AttributeValue.fromS(eu.account()),
                "region", AttributeValue.fromS(eu.region())));
        Tenant acme = registered("BASIC");
        StackLocation euStack = StackLocation.pooled(Tier.BASIC, eu);

        service.deactivate(SYSTEM_ADMIN, acme.tenantId());
        fixture.runAccessJobs();

        assertFalse(fixture.keyTable(euStack).find(acme.tenantId()).orElseThrow().enabled());
        assertTrue(fixture.keyTable(pooledStack(Tier.BASIC)).find(acme.tenantId()).isEmpty());
        assertFalse(fixture.directory.users(fixture.poolOf(Tier.BASIC, eu)).get(0).enabled());
        assertEquals(eu, fixture.apiKeys.key(acme.tenantId()).orElseThrow().env());
        // Moving new BASIC tenants elsewhere does not move this one.
        fixture.putSetting("tier#BASIC", Map.of("account", AttributeValue.fromS(POOLED_ACCOUNT),
                "region", AttributeValue.fromS(POOLED_REGION)));
        fixture.clock.advance(PlatformSettings.TIER_TTL);
        service.activate(SYSTEM_ADMIN, acme.tenantId());
        assertTrue(fixture.keyTable(euStack).find(acme.tenantId()).orElseThrow().enabled());
    }

    @Test
    void lifecycleChangesAreForSystemAdminsOnly() {
        fixture.seedTenant(ACME, Tier.BASIC, TenantStatus.ACTIVE);
        for (var caller : List.of(SUPPORT, adminOf(ACME), userOf(ACME))) {
            assertThrows(ForbiddenException.class, () -> service.deactivate(caller, ACME));
            assertThrows(ForbiddenException.class, () -> service.activate(caller, ACME));
            assertThrows(ForbiddenException.class, () -> service.offboard(caller, ACME));
        }
        assertEquals(TenantStatus.ACTIVE, service.get(SYSTEM_ADMIN, ACME).status());
    }

    @Test
    void offboardingASiloTenantRemovesItsStackRecordAndKeepsItsData() {
        Tenant silo = registered("PLATINUM");
        assertEquals(1, fixture.items(fixture.config.tenantStackMappingTable()).size());

        // Its stack was never deployed: offboarding must not need it.
        Tenant offboarded = service.offboard(SYSTEM_ADMIN, silo.tenantId());

        assertEquals(TenantStatus.OFFBOARDED, offboarded.status());
        assertTrue(fixture.items(fixture.config.tenantStackMappingTable()).isEmpty());
        assertEquals(silo.tenantName(), service.get(SUPPORT, silo.tenantId()).tenantName());
        assertEquals(TenantStatus.OFFBOARDED, service.offboard(SYSTEM_ADMIN, silo.tenantId()).status(),
                "offboarding again is harmless");
        assertEquals("status", assertThrows(ConflictException.class,
                () -> service.activate(SYSTEM_ADMIN, silo.tenantId())).field());
    }

    @Test
    void offboardingAnActiveSiloTenantDisablesItsUsersAndKeyAndDeletesItsKeyItemInTheSiloStack() {
        Tenant silo = registered("PLATINUM");
        StackLocation stack = fixture.deploySilo(silo.tenantId());
        service.activate(SYSTEM_ADMIN, silo.tenantId());

        service.offboard(SYSTEM_ADMIN, silo.tenantId());
        fixture.runAccessJobs();

        assertTrue(fixture.keyTable(stack).find(silo.tenantId()).isEmpty());
        assertFalse(fixture.apiKeys.key(silo.tenantId()).orElseThrow().enabled());
        assertFalse(fixture.directory.users(fixture.siloPoolOf(silo.tenantId())).get(0).enabled());
        fixture.undeploy(stack);
        assertEquals(TenantStatus.OFFBOARDED, service.offboard(SYSTEM_ADMIN, silo.tenantId()).status(),
                "offboarding again after the pipeline deleted the stack is harmless");
    }

    @Test
    void offboardingAPooledTenantDisablesItsAccessDeletesItsKeyItemAndKeepsItsUsers() {
        Tenant acme = registered("PREMIUM");

        assertEquals(TenantStatus.OFFBOARDED, service.offboard(SYSTEM_ADMIN, acme.tenantId()).status());
        fixture.runAccessJobs();

        assertFalse(fixture.apiKeys.key(acme.tenantId()).orElseThrow().enabled());
        assertTrue(fixture.keyTable(pooledStack(Tier.PREMIUM)).find(acme.tenantId()).isEmpty());
        assertFalse(fixture.directory.users(fixture.poolOf(Tier.PREMIUM)).get(0).enabled());
        assertEquals(1, fixture.items(fixture.config.tenantUserMappingTable()).size());
        assertEquals("status", assertThrows(ConflictException.class,
                () -> service.update(SYSTEM_ADMIN, acme.tenantId(), new TenantUpdate(null, null))).field());
    }

    @Test
    void activatingASiloTenantBeforeItsStackIsDeployedIs409AndChangesNothing() {
        Tenant silo = registered("PLATINUM");

        var e = assertThrows(ConflictException.class, () -> service.activate(SYSTEM_ADMIN, silo.tenantId()));

        assertEquals("stack", e.field());
        assertTrue(e.getMessage().contains("saas-silo-" + silo.tenantId() + " in 333333333333/eu-west-1")
                && e.getMessage().contains("is not deployed yet"), e.getMessage());
        assertEquals(TenantStatus.PROVISIONING, service.get(SYSTEM_ADMIN, silo.tenantId()).status());
        assertEquals(0, fixture.directory.userCount());
        assertEquals(0, fixture.apiKeys.count());
    }

    @Test
    void activatingADeployedSiloTenantUsesThePoolPlanAndKeyTableFromItsStacksOutputs() {
        Tenant silo = registered("PLATINUM");
        StackLocation stack = fixture.deploySilo(silo.tenantId());
        String pool = fixture.siloPoolOf(silo.tenantId());

        Tenant active = service.activate(SYSTEM_ADMIN, silo.tenantId());

        assertEquals(TenantStatus.ACTIVE, active.status());
        assertEquals(pool, active.userPoolId());
        assertEquals(fixture.resources(stack).appClientId(), active.appClientId());
        assertEquals(stack, active.location().orElseThrow());
        DirectoryUser admin = fixture.directory.users(pool).get(0);
        assertEquals(silo.tenantId(), admin.tenantId());
        assertEquals(UserRole.TENANT_ADMIN, admin.role());
        assertEquals("PLATINUM", admin.tier());
        assertTrue(fixture.directory.inGroup(pool, "tenant-" + silo.tenantId(), admin.username()));
        var key = fixture.apiKeys.key(silo.tenantId()).orElseThrow();
        assertEquals(stack.env(), key.env());
        assertEquals(Set.of(fixture.resources(stack).usagePlanId()), key.usagePlanIds());
        assertEquals(key.id(), active.apiKeyId());
        assertEquals(new TenantApiKeyTable.Entry(silo.tenantId(), key.value(), true),
                fixture.keyTable(stack).find(silo.tenantId()).orElseThrow());
    }

    @Test
    void thePipelinesActivationIsTheSameAndIdempotent() {
        Tenant silo = registered("PLATINUM");
        // Called only once the pipeline deployed the stack: a stack it cannot find is a fault (500), not a 409.
        var fault = assertThrows(IllegalStateException.class, () -> service.activateFromPipeline(silo.tenantId()));
        assertTrue(fault.getMessage().contains("after its stack was deployed: stack: the silo stack of tenant "
                + silo.tenantId()), fault.getMessage());
        assertEquals(TenantStatus.PROVISIONING, fixture.plane().tenants().find(silo.tenantId()).orElseThrow().status());
        fixture.deploySilo(silo.tenantId());

        Tenant active = service.activateFromPipeline(silo.tenantId());
        Tenant again = service.activateFromPipeline(silo.tenantId());

        assertEquals(TenantStatus.ACTIVE, active.status());
        assertEquals(active, again, "an ACTIVE tenant is returned unchanged");
        assertEquals(1, fixture.directory.userCount());
        assertEquals(1, fixture.apiKeys.createdCount());
        service.deactivate(SYSTEM_ADMIN, silo.tenantId());
        assertEquals(TenantStatus.INACTIVE, service.activateFromPipeline(silo.tenantId()).status(),
                "a redeployment does not undo an operator's deactivation");
        assertEquals("tier", assertThrows(ConflictException.class,
                () -> service.activateFromPipeline(registered("BASIC").tenantId())).field());
        assertThrows(NotFoundException.class, () -> service.activateFromPipeline("e".repeat(32)));
        assertEquals("tenantId", assertThrows(ValidationException.class,
                () -> service.activateFromPipeline("../x")).field());
    }

    @Test
    void anActiveSiloTenantMovedToAnotherEnvironmentIsProvisionedAgainInItsNewStackByThePipeline() {
        Tenant silo = registered("PLATINUM");
        StackLocation old = fixture.deploySilo(silo.tenantId());
        Tenant active = service.activateFromPipeline(silo.tenantId());
        assertEquals(old, active.location().orElseThrow());
        // The catalog moves the tenant; the pipeline deploys the new stack, then Offboard deletes the old one, then
        // ActivateSilos calls (FleetPipelineStack orders the two steps).
        var moved = new AccountRegion("444444444444", "us-west-2");
        MotoEnvironment.of(moved).deleteAllApiKeys();
        fixture.apiKeys.add(moved);
        fixture.tables.client().updateItem(r -> r.tableName(fixture.config.tenantStackMappingTable())
                .key(Map.of("tenantId", AttributeValue.fromS(silo.tenantId())))
                .updateExpression("SET account = :a, #r = :r")
                .expressionAttributeNames(Map.of("#r", "region"))
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(moved.account()),
                        ":r", AttributeValue.fromS(moved.region()))));
        StackLocation now = fixture.deploySilo(silo.tenantId());
        fixture.undeploy(old);

        Tenant again = service.activateFromPipeline(silo.tenantId());

        assertEquals(new StackLocation(old.stackName(), moved), now);
        assertEquals(TenantStatus.ACTIVE, again.status());
        assertEquals(now, again.location().orElseThrow(), "TenantDetails names the stack that exists");
        String pool = fixture.resources(now).userPoolId();
        assertEquals(pool, again.userPoolId());
        assertEquals(fixture.resources(now).appClientId(), again.appClientId());
        DirectoryUser admin = fixture.directory.users(pool).get(0);
        assertEquals(silo.tenantId(), admin.tenantId());
        assertTrue(fixture.directory.inGroup(pool, "tenant-" + silo.tenantId(), admin.username()));
        var entry = fixture.keyTable(now).find(silo.tenantId()).orElseThrow();
        assertTrue(entry.enabled());
        var newKey = MotoEnvironment.of(moved).apiGateway.getApiKey(r -> r.apiKey(again.apiKeyId()).includeValue(true));
        assertEquals(entry.apiKeyValue(), newKey.value());
        assertEquals(Set.of(fixture.resources(now).usagePlanId()), new HashSet<>(MotoEnvironment.of(moved).apiGateway
                .getUsagePlans(r -> r.keyId(again.apiKeyId())).items().stream().map(p -> p.id()).toList()));
        // Once there, the next run leaves it alone.
        assertEquals(again, service.activateFromPipeline(silo.tenantId()));
    }

    @Test
    void aTenantWhoseRegistrationFailedCannotBeActivated() {
        fixture.seedTenant(ACME, Tier.BASIC, TenantStatus.FAILED);

        assertEquals("status", assertThrows(ConflictException.class,
                () -> service.activate(SYSTEM_ADMIN, ACME)).field());
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
