package functions.tenants;

import static functions.shared.HttpAssertions.assertError;
import static functions.shared.HttpAssertions.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import functions.provisioning.Tier;
import functions.shared.Events;
import functions.shared.TestContext;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API handlers through real API Gateway events (Cognito claims and Lambda authorizer shapes). */
class TenantHandlersTest {

    private static final String ACME = "0123456789abcdef0123456789abcdef";

    private final TestContext context = new TestContext();
    private ControlPlaneFixture fixture;
    private TenantAdminHandler admin;
    private TenantUserHandler users;

    @BeforeEach
    void setUp() {
        fixture = new ControlPlaneFixture();
        admin = new TenantAdminHandler(fixture.plane());
        users = new TenantUserHandler(fixture.plane().tenantUserService());
        fixture.seedTenant(ACME, Tier.BASIC, TenantStatus.ACTIVE);
        fixture.usersIn(ControlPlaneFixture.pooledStack(Tier.BASIC)).ensureGroup(ControlPlaneFixture.poolOf(Tier.BASIC), ACME);
    }

    @Test
    void systemAdminCreatesATenantThroughTheRegistrationSaga() {
        JsonNode created = assertJson(admin.handleRequest(Events.load("tenant-create-system-admin.json"), context), 201);

        assertEquals("ACTIVE", created.get("status").asText());
        assertEquals("PREMIUM", created.get("tier").asText());
    }

    @Test
    void onlyAnOperatorCreatesASiloTenantWhichIs202WhileItsStackIsDeployed() {
        APIGatewayProxyRequestEvent event = Events.load("tenant-create-system-admin.json");
        event.setBody(event.getBody().replace("PREMIUM", "PLATINUM"));

        assertEquals("PROVISIONING", assertJson(admin.handleRequest(event, context), 202).get("status").asText());
    }

    @Test
    void supportListsTenantsOnePageAtATime() {
        fixture.seedTenant("f".repeat(32), Tier.BASIC, TenantStatus.ACTIVE);

        JsonNode page = assertJson(admin.handleRequest(Events.load("tenant-list-support.json"), context), 200);

        assertEquals(1, page.get("items").size());
        assertTrue(page.hasNonNull("nextToken"));
        APIGatewayProxyRequestEvent tampered = Events.load("tenant-list-support.json");
        tampered.setQueryStringParameters(Map.of("nextToken", "garbage!"));
        assertTrue(assertError(admin.handleRequest(tampered, context), 400, "ValidationError")
                .get("message").asText().startsWith("nextToken: "));
    }

    @Test
    void aTenantAdminReadsAndUpdatesOnlyTheirOwnTenant() {
        JsonNode own = assertJson(admin.handleRequest(Events.load("tenant-get-tenant-admin.json"), context), 200);
        assertEquals(ACME, own.get("tenantId").asText());
        assertEquals("+442071234567", assertJson(admin.handleRequest(
                Events.load("tenant-update-tenant-admin.json"), context), 200).get("phone").asText());

        APIGatewayProxyRequestEvent other = Events.load("tenant-get-tenant-admin.json", "tenantId", "f".repeat(32));
        assertError(admin.handleRequest(other, context), 403, "Forbidden");
    }

    @Test
    void aTenantUserHasNoAdminRoute() {
        assertError(admin.handleRequest(Events.load("tenant-deactivate-tenant-user.json"), context), 403, "Forbidden");
        assertEquals(TenantStatus.ACTIVE, fixture.plane().tenants().find(ACME).orElseThrow().status());
    }

    @Test
    void aCallerWithoutARoleIs401AndUnknownTenantsAre404() {
        assertError(admin.handleRequest(Events.load("tenant-get-no-role.json"), context), 401, "Unauthorized");
        assertError(admin.handleRequest(Events.load("tenant-offboard-system-admin.json", "tenantId", "e".repeat(32)),
                context), 404, "NotFound");
    }

    @Test
    void systemAdminOffboardsAndTheLogNamesTheTenant() {
        JsonNode offboarded = assertJson(admin.handleRequest(Events.load("tenant-offboard-system-admin.json"), context),
                200);

        assertEquals("OFFBOARDED", offboarded.get("status").asText());
        JsonNode line = context.jsonLines().get(context.jsonLines().size() - 1);
        assertEquals(ACME, line.get("tenantId").asText());
        assertEquals("SystemAdmin", line.get("callerRole").asText());
    }

    @Test
    void tenantAdminManagesUsersAndSupportListsThem() {
        JsonNode jane = assertJson(users.handleRequest(Events.load("tenant-user-create.json"), context), 201);
        assertEquals("jane@acme.example", jane.get("userName").asText());

        JsonNode listed = assertJson(users.handleRequest(Events.load("tenant-user-list.json"), context), 200);
        assertEquals(1, listed.get("items").size());

        JsonNode disabled = assertJson(users.handleRequest(Events.load("tenant-user-disable.json"), context), 200);
        assertEquals(false, disabled.get("enabled").asBoolean());
        assertError(users.handleRequest(Events.load("tenant-user-create.json"), context), 409, "Conflict");
    }

    @Test
    void anotherTenantsAdminCannotReachTheseUsers() {
        APIGatewayProxyRequestEvent event = Events.load("tenant-user-create.json", "tenantId", "f".repeat(32));

        assertError(users.handleRequest(event, context), 403, "Forbidden");
        assertEquals(0, fixture.directory.userCount());
    }

    @Test
    void controlPlaneConfigNamesTheMissingVariable() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ControlPlaneConfig.fromEnvironment(Map.of("TENANT_DETAILS_TABLE", "t")));
        assertTrue(e.getMessage().contains("TENANT_USER_MAPPING_TABLE"), e.getMessage());
    }
}
