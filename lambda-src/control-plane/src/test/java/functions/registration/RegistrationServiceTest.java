package functions.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.provisioning.AccountRegion;
import functions.provisioning.StackLocation;
import functions.provisioning.StackMappingRepository;
import functions.provisioning.TenantApiKeyTable;
import contract.Tier;
import functions.shared.ConflictException;
import functions.shared.ForbiddenException;
import functions.shared.ValidationException;
import functions.tenants.ControlPlaneFixture;
import functions.tenants.Tenant;
import functions.tenants.TenantStatus;
import functions.users.DirectoryUser;
import contract.UserRole;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The saga's happy paths, uniqueness and idempotency, on moto. Failures: RegistrationFailureTest. */
class RegistrationServiceTest {

    static final String KEY = "6f1c9a2e-4b3d-4e5f-8a7b-9c0d1e2f3a4b";

    private ControlPlaneFixture fixture;
    private RegistrationService service;

    @BeforeEach
    void setUp() {
        fixture = new ControlPlaneFixture();
        service = RegistrationService.create(fixture.plane());
    }

    static RegistrationInput acme(String tier) {
        return new RegistrationInput("Acme Corp", "Admin@Acme.example", tier, "1 Main St", "+14155550123");
    }

    @Test
    void pooledRegistrationCreatesAnActiveTenantWithAdminGroupApiKeyAndShard() {
        RegistrationView view = service.register(KEY, acme("BASIC"));

        assertEquals("ACTIVE", view.status());
        assertTrue(view.tenantId().matches("[0-9a-f]{32}"), view.tenantId());
        Tenant tenant = fixture.plane().tenants().find(view.tenantId()).orElseThrow();
        assertEquals(TenantStatus.ACTIVE, tenant.status());
        assertEquals("admin@acme.example", tenant.adminEmail());
        assertEquals(fixture.poolOf(Tier.BASIC), tenant.userPoolId());
        assertEquals(fixture.appClientOf(Tier.BASIC), tenant.appClientId());
        assertEquals("saas-pooled-basic", tenant.stackName());
        assertEquals("222222222222", tenant.stackAccount());
        assertEquals("us-east-1", tenant.stackRegion());
        assertTrue(tenant.shard() >= 0 && tenant.shard() < 4, "shard " + tenant.shard());
        assertEquals(KEY, tenant.registrationId());

        List<DirectoryUser> users = fixture.directory.users(fixture.poolOf(Tier.BASIC));
        assertEquals(1, users.size());
        DirectoryUser admin = users.get(0);
        assertNotEquals("admin@acme.example", admin.username(), "an email sign-in pool names the user by its sub");
        assertEquals(new DirectoryUser(admin.username(), "admin@acme.example", view.tenantId(),
                UserRole.TENANT_ADMIN, "BASIC", true, "FORCE_CHANGE_PASSWORD"), admin);
        assertTrue(fixture.directory.inGroup(fixture.poolOf(Tier.BASIC), "tenant-" + view.tenantId(),
                admin.username()));
        assertEquals(1, fixture.items(fixture.config.tenantUserMappingTable()).size());

        var key = fixture.apiKeys.key(view.tenantId()).orElseThrow();
        assertEquals(tenant.apiKeyId(), key.id());
        assertEquals(Set.of(fixture.usagePlanOf(Tier.BASIC)), key.usagePlanIds());
        assertEquals(ControlPlaneFixture.POOLED_ENV, key.env());
        assertEquals(new TenantApiKeyTable.Entry(view.tenantId(), key.value(), true),
                fixture.keyTable(ControlPlaneFixture.pooledStack(Tier.BASIC)).find(view.tenantId()).orElseThrow());
        Map<String, AttributeValue> item = fixture.keyItems(ControlPlaneFixture.pooledStack(Tier.BASIC)).get(0);
        assertEquals(Set.of("tenantId", "apiKeyValue", "enabled"), item.keySet(), "what the authorizer reads");
        assertEquals(Boolean.TRUE, item.get("enabled").bool());
        assertTrue(fixture.items(fixture.config.tenantStackMappingTable()).isEmpty(), "no stack for a pooled tenant");
        assertEquals(Set.of("request#" + KEY, "tenantName#acme corp", "adminEmail#admin@acme.example"),
                registrationKeys());
    }

    @Test
    void platinumRegistrationWritesACatalogValidStackMappingAndWaitsForTheStack() {
        RegistrationView view = service.register(KEY, acme("PLATINUM"));

        assertEquals("PROVISIONING", view.status());
        List<Map<String, AttributeValue>> items = fixture.items(fixture.config.tenantStackMappingTable());
        assertEquals(1, items.size());
        Map<String, AttributeValue> item = items.get(0);
        // TenantRecordValidator.forTenantStackMapping: FIELDS + BOOKKEEPING_FIELDS and nothing else.
        Set<String> allowed = Set.of("tenantId", "tenantName", "tier", "account", "region", "canary", "wave",
                "stackName", "createdAt", "updatedAt", "status");
        assertTrue(allowed.containsAll(item.keySet()), item.keySet().toString());
        assertTrue(item.get("tenantId").s().matches("[a-z0-9][a-z0-9-]{2,31}"));
        assertEquals(view.tenantId(), item.get("tenantId").s());
        assertEquals("Acme Corp", item.get("tenantName").s());
        assertEquals("PLATINUM", item.get("tier").s());
        assertEquals(ControlPlaneFixture.SILO_ACCOUNT, item.get("account").s());
        assertEquals(ControlPlaneFixture.SILO_REGION, item.get("region").s());
        assertEquals("3", item.get("wave").n());
        assertEquals("saas-silo-" + view.tenantId(), item.get("stackName").s());
        assertEquals(StackMappingRepository.REQUESTED, item.get("status").s());
        for (String text : List.of("stackName", "createdAt", "updatedAt", "status")) {
            assertTrue(item.get(text).s() != null, text + " must be a string");
        }
        Tenant tenant = fixture.plane().tenants().find(view.tenantId()).orElseThrow();
        assertEquals(TenantStatus.PROVISIONING, tenant.status());
        assertEquals(ControlPlaneFixture.siloStack(view.tenantId()), tenant.location().orElseThrow(),
                "the tenant records where its stack will be");
        assertNull(tenant.userPoolId(), "no pool before the stack");
        assertEquals(0, fixture.directory.userCount(), "the silo pool does not exist before the stack");
        assertEquals(0, fixture.apiKeys.count());
        assertEquals(0, fixture.keyItemCount());
    }

    @Test
    void aTierWithTwoEnvironmentsPlacesNewTenantsWhereItsSettingSays() {
        fixture = new ControlPlaneFixture("BASIC=222222222222/us-east-1,BASIC=555555555555/eu-west-1");
        service = RegistrationService.create(fixture.plane());
        AccountRegion eu = new AccountRegion("555555555555", "eu-west-1");
        fixture.putSetting("tier#BASIC", Map.of("account", AttributeValue.fromS(eu.account()),
                "region", AttributeValue.fromS(eu.region())));

        RegistrationView view = service.register(KEY, acme("BASIC"));

        StackLocation euStack = StackLocation.pooled(Tier.BASIC, eu);
        Tenant tenant = fixture.plane().tenants().find(view.tenantId()).orElseThrow();
        assertEquals(euStack, tenant.location().orElseThrow());
        assertEquals(fixture.poolOf(Tier.BASIC, eu), tenant.userPoolId());
        assertEquals(view.tenantId(), fixture.directory.users(fixture.poolOf(Tier.BASIC, eu)).get(0).tenantId());
        assertTrue(fixture.directory.users(fixture.poolOf(Tier.BASIC)).isEmpty(), "nothing in the other environment");
        var key = fixture.apiKeys.key(view.tenantId()).orElseThrow();
        assertEquals(eu, key.env());
        assertEquals(Set.of(fixture.usagePlanOf(Tier.BASIC, eu)), key.usagePlanIds());
        assertTrue(fixture.keyTable(euStack).find(view.tenantId()).orElseThrow().enabled());
        assertTrue(fixture.keyTable(ControlPlaneFixture.pooledStack(Tier.BASIC)).find(view.tenantId()).isEmpty());
    }

    @Test
    void siloPlacementWithoutWaveOmitsTheAttribute() {
        fixture.putSetting("siloPlacement", Map.of("account", AttributeValue.fromS("444444444444"),
                "region", AttributeValue.fromS("us-west-2")));

        service.register(KEY, acme("PLATINUM"));

        Map<String, AttributeValue> item = fixture.items(fixture.config.tenantStackMappingTable()).get(0);
        assertEquals("444444444444", item.get("account").s());
        assertEquals("us-west-2", item.get("region").s());
        assertNull(item.get("wave"));
    }

    @Test
    void replayWithTheSameKeyAndBodyReturnsTheSameTenantAndCreatesNothing() {
        RegistrationView first = service.register(KEY, acme("STANDARD"));
        // Same registration after validation: blanks stripped, email case folded.
        RegistrationView replay = service.register(KEY,
                new RegistrationInput("  Acme Corp ", "ADMIN@acme.example", "STANDARD", "1 Main St", "+14155550123"));

        assertEquals(first, replay);
        assertEquals(1, fixture.items(fixture.config.tenantDetailsTable()).size());
        assertEquals(1, fixture.directory.userCount());
        assertEquals(1, fixture.apiKeys.createdCount());
        assertEquals(1, fixture.directory.faults.count("createUser"));
    }

    @Test
    void sameKeyWithAnotherBodyIs409NamingTheKey() {
        service.register(KEY, acme("BASIC"));

        var e = assertThrows(ConflictException.class, () -> service.register(KEY,
                new RegistrationInput("Acme Corp", "admin@acme.example", "PREMIUM", null, null)));

        assertEquals("Idempotency-Key", e.field());
        assertEquals(1, fixture.items(fixture.config.tenantDetailsTable()).size());
    }

    @Test
    void aTenantNameTakenByAnotherRequestIs409EvenInAnotherSpelling() {
        service.register(KEY, acme("BASIC"));

        var e = assertThrows(ConflictException.class, () -> service.register(UUID.randomUUID().toString(),
                new RegistrationInput("ACME   corp", "other@globex.example", "BASIC", null, null)));

        assertEquals("tenantName", e.field());
        assertEquals(1, fixture.items(fixture.config.tenantDetailsTable()).size());
        assertEquals(1, fixture.directory.userCount());
    }

    @Test
    void anAdminEmailTakenByAnotherRequestIs409() {
        service.register(KEY, acme("BASIC"));

        var e = assertThrows(ConflictException.class, () -> service.register(UUID.randomUUID().toString(),
                new RegistrationInput("Globex", "admin@ACME.example", "PREMIUM", null, null)));

        assertEquals("adminEmail", e.field());
        assertEquals(1, fixture.items(fixture.config.tenantDetailsTable()).size());
        assertEquals(Set.of("request#" + KEY, "tenantName#acme corp", "adminEmail#admin@acme.example"),
                registrationKeys(), "the refused request leaves no trace");
    }

    @Test
    void twoTenantsGetDistinctIdsKeysAndGroups() {
        RegistrationView acme = service.register(KEY, acme("PREMIUM"));
        RegistrationView globex = service.register(UUID.randomUUID().toString(),
                new RegistrationInput("Globex", "ops@globex.example", "PREMIUM", null, null));

        assertNotEquals(acme.tenantId(), globex.tenantId());
        assertEquals(2, fixture.apiKeys.count());
        assertEquals(2, fixture.directory.users(fixture.poolOf(Tier.PREMIUM)).size());
    }

    @Test
    void operatorCreationIsForSystemAdminsOnly() {
        for (var caller : List.of(ControlPlaneFixture.SUPPORT, ControlPlaneFixture.adminOf("acme"),
                ControlPlaneFixture.userOf("acme"))) {
            assertThrows(ForbiddenException.class, () -> service.registerAs(caller, KEY, acme("BASIC")));
        }
        assertTrue(fixture.items(fixture.config.registrationsTable()).isEmpty());

        assertEquals("ACTIVE", service.registerAs(ControlPlaneFixture.SYSTEM_ADMIN, KEY, acme("BASIC")).status());
    }

    @Test
    void everyValidationRuleNamesItsFieldAndWritesNothing() {
        String name101 = "n".repeat(101);
        Map<String, Runnable> cases = Map.ofEntries(
                Map.entry("Idempotency-Key", () -> service.register(null, acme("BASIC"))),
                Map.entry("Idempotency-Key ", () -> service.register("not-a-uuid", acme("BASIC"))),
                Map.entry("tenantName", () -> service.register(KEY, input(null, "a@b.example", "BASIC"))),
                Map.entry("tenantName ", () -> service.register(KEY, input("   ", "a@b.example", "BASIC"))),
                Map.entry("tenantName  ", () -> service.register(KEY, input(name101, "a@b.example", "BASIC"))),
                Map.entry("tenantName   ", () -> service.register(KEY, input("Ac\u0007me", "a@b.example", "BASIC"))),
                Map.entry("adminEmail", () -> service.register(KEY, input("Acme", null, "BASIC"))),
                Map.entry("adminEmail ", () -> service.register(KEY, input("Acme", "not-an-email", "BASIC"))),
                Map.entry("adminEmail  ", () -> service.register(KEY, input("Acme", "a b@c.example", "BASIC"))),
                Map.entry("tier", () -> service.register(KEY, input("Acme", "a@b.example", null))),
                Map.entry("tier ", () -> service.register(KEY, input("Acme", "a@b.example", "GOLD"))),
                Map.entry("tier  ", () -> service.register(KEY, input("Acme", "a@b.example", "basic"))),
                Map.entry("address", () -> service.register(KEY,
                        new RegistrationInput("Acme", "a@b.example", "BASIC", "x".repeat(301), null))),
                Map.entry("phone", () -> service.register(KEY,
                        new RegistrationInput("Acme", "a@b.example", "BASIC", null, "555-0123"))));
        cases.forEach((field, call) -> {
            var e = assertThrows(ValidationException.class, call::run, field);
            assertEquals(field.strip(), e.field());
            assertTrue(e.getMessage().startsWith(field.strip() + ": "), e.getMessage());
        });
        assertTrue(fixture.items(fixture.config.registrationsTable()).isEmpty());
        assertTrue(fixture.items(fixture.config.tenantDetailsTable()).isEmpty());
    }

    private static RegistrationInput input(String name, String email, String tier) {
        return new RegistrationInput(name, email, tier, null, null);
    }

    private Set<String> registrationKeys() {
        return fixture.items(fixture.config.registrationsTable()).stream().map(i -> i.get("pk").s())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
