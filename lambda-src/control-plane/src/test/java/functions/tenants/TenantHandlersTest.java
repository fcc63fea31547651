package functions.tenants;

import static functions.shared.HttpAssertions.assertError;
import static functions.shared.HttpAssertions.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import contract.Tier;
import functions.registration.OperatorRegistrations;
import functions.registration.RegistrationClaims;
import functions.registration.RegistrationService;
import functions.shared.FailingRequests;
import functions.shared.Events;
import functions.shared.TestContext;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

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
        admin = TenantAdminHandler.create(fixture.plane(), new InternalCallers(Set.of(PIPELINE_ROLE)),
                OperatorRegistrations.of(fixture.plane()));
        users = new TenantUserHandler(fixture.plane().tenantUserService());
        fixture.seedTenant(ACME, Tier.BASIC, TenantStatus.ACTIVE);
        fixture.usersIn(ControlPlaneFixture.pooledStack(Tier.BASIC)).ensureGroup(fixture.poolOf(Tier.BASIC), ACME);
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
        assertEquals("SystemAdmin", line.get("role").asText());
    }

    @Test
    void offboardingFreesTheTenantNameButTheAdminEmailStaysTaken() {
        String globex = assertJson(admin.handleRequest(Events.load("tenant-create-system-admin.json"), context), 201)
                .get("tenantId").asText();
        assertError(admin.handleRequest(createAgain("Globex", "owner@globex.example"), context), 409, "Conflict");

        assertEquals("OFFBOARDED", assertJson(admin.handleRequest(
                Events.load("tenant-offboard-system-admin.json", "tenantId", globex), context), 200)
                .get("status").asText());

        // The offboarded admin user is kept (disabled) in the PREMIUM pool: its email still answers 409.
        JsonNode email = assertError(admin.handleRequest(createAgain("Globex", "admin@globex.example"), context),
                409, "Conflict");
        assertTrue(email.get("message").asText().startsWith("adminEmail"), email.toString());
        JsonNode successor = assertJson(admin.handleRequest(createAgain("Globex", "owner@globex.example"), context),
                201);
        assertEquals("ACTIVE", successor.get("status").asText());
        assertTrue(!globex.equals(successor.get("tenantId").asText()));
        // Offboarding the first tenant again leaves its successor's name alone.
        assertJson(admin.handleRequest(Events.load("tenant-offboard-system-admin.json", "tenantId", globex), context),
                200);
        assertError(admin.handleRequest(createAgain("GLOBEX", "third@globex.example"), context), 409, "Conflict");
    }

    @Test
    void aNameThatFailedToBeFreedIsFreedByOffboardingAgain() {
        ControlPlane plane = fixture.plane();
        String registrations = fixture.config.registrationsTable();
        var failing = new FailingRequests(r -> r instanceof DeleteItemRequest d && registrations.equals(d.tableName()));
        TenantAdminHandler flaky = new TenantAdminHandler(plane.tenantService(),
                new OperatorRegistrations(RegistrationService.create(plane),
                        new RegistrationClaims(fixture.tables.clientWith(failing), registrations)),
                InternalCallers.none(), plane.probeTenants());
        String globex = assertJson(admin.handleRequest(Events.load("tenant-create-system-admin.json"), context), 201)
                .get("tenantId").asText();
        APIGatewayProxyRequestEvent offboard = Events.load("tenant-offboard-system-admin.json", "tenantId", globex);

        assertError(flaky.handleRequest(offboard, context), 500, "InternalError");
        assertEquals(1, failing.failures());
        assertEquals(TenantStatus.OFFBOARDED, plane.tenants().find(globex).orElseThrow().status());
        assertError(admin.handleRequest(createAgain("Globex", "owner@globex.example"), context), 409, "Conflict");

        assertEquals("OFFBOARDED", assertJson(admin.handleRequest(offboard, context), 200).get("status").asText());
        assertEquals("ACTIVE", assertJson(admin.handleRequest(createAgain("Globex", "owner@globex.example"), context),
                201).get("status").asText());
    }

    /** POST /tenants with a fresh idempotency key: another registration of {@code name} in the same tier. */
    private static APIGatewayProxyRequestEvent createAgain(String name, String adminEmail) {
        APIGatewayProxyRequestEvent event = Events.load("tenant-create-system-admin.json");
        String key = UUID.randomUUID().toString();
        event.setHeaders(new java.util.HashMap<>(event.getHeaders()));
        event.getHeaders().put("Idempotency-Key", key);
        event.setBody(event.getBody().replace("\"Globex\"", "\"" + name + "\"")
                .replace("admin@globex.example", adminEmail));
        return event;
    }

    @Test
    void tenantAdminManagesUsersAndSupportListsThem() {
        JsonNode jane = assertJson(users.handleRequest(Events.load("tenant-user-create.json"), context), 201);
        assertEquals("jane@acme.example", jane.get("email").asText());
        // The pool signs in by email, so Cognito names the user by its sub; the routes take either.
        assertTrue(jane.get("userName").asText().matches("[0-9a-f-]{36}"), jane.toString());

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

    /** The pipeline's ActivateSilos role, whose session signs the event's request. */
    private static final String PIPELINE_ROLE = "arn:aws:iam::111111111111:role/saas-fleet-activate-silos";

    @Test
    void automationActivatesADeployedSiloTenantThroughTheInternalRouteIdempotently() {
        String silo = RegistrationFixture.register(fixture, "PLATINUM");
        APIGatewayProxyRequestEvent event = Events.load("tenant-internal-activate-iam.json", "tenantId", silo);

        // The pipeline calls only after deploying: a stack it cannot find is a fault that must fail its step.
        assertError(admin.handleRequest(event, context), 500, "InternalError");
        assertEquals(TenantStatus.PROVISIONING, fixture.plane().tenants().find(silo).orElseThrow().status());
        fixture.deploySilo(silo);

        JsonNode active = assertJson(admin.handleRequest(event, context), 200);
        assertEquals("ACTIVE", active.get("status").asText());
        assertEquals(fixture.siloPoolOf(silo), active.get("userPoolId").asText());
        assertEquals("ACTIVE", assertJson(admin.handleRequest(event, context), 200).get("status").asText());
        assertEquals(1, fixture.apiKeys.createdCount(), "the repeat created nothing");
    }

    @Test
    void automationMakesAPooledTiersCanaryProbeTenantActiveWithItsOwnKeyIdempotently() {
        APIGatewayProxyRequestEvent event = Events.load("tenant-internal-activate-iam.json", "tenantId",
                "canary-probe-basic");

        JsonNode probe = assertJson(admin.handleRequest(event, context), 200);
        assertEquals("ACTIVE", probe.get("status").asText());
        assertEquals("BASIC", probe.get("tier").asText());
        assertEquals(fixture.poolOf(Tier.BASIC), probe.get("userPoolId").asText());
        assertEquals(ControlPlaneFixture.pooledStack(Tier.BASIC).stackName(), probe.get("stackName").asText());
        // What the authorizer reads: the record ACTIVE in TenantDetails, the key's item enabled in the tier's table.
        assertEquals(TenantStatus.ACTIVE,
                fixture.plane().tenants().find("canary-probe-basic").orElseThrow().status());
        var key = fixture.apiKeys.key("canary-probe-basic").orElseThrow();
        assertTrue(key.enabled() && key.usagePlanIds().contains(fixture.usagePlanOf(Tier.BASIC)), key.toString());
        assertTrue(fixture.keyItems(ControlPlaneFixture.pooledStack(Tier.BASIC)).stream()
                .anyMatch(item -> item.toString().contains("canary-probe-basic")));
        String createdAt = probe.get("createdAt").asText();

        fixture.clock.advance(java.time.Duration.ofHours(1));
        JsonNode again = assertJson(admin.handleRequest(event, context), 200);
        assertEquals(1, fixture.apiKeys.createdCount(), "the repeat reused the key");
        assertEquals(createdAt, again.get("createdAt").asText());
        assertEquals(0, fixture.directory.userCount(), "no user: the validation makes its own probe user");
    }

    @Test
    void aProbeIdOfATierWithoutAStackOrOfNoTierIsNotMade() {
        var noPremium = new ControlPlaneFixture("BASIC=222222222222/us-east-1");
        var handler = TenantAdminHandler.create(noPremium.plane(), new InternalCallers(Set.of(PIPELINE_ROLE)),
                OperatorRegistrations.of(noPremium.plane()));
        assertError(handler.handleRequest(Events.load("tenant-internal-activate-iam.json", "tenantId",
                "canary-probe-premium"), context), 404, "NotFound");
        // Platinum has no pooled stack and so no probe tenant: the id is an ordinary (unknown) silo tenant's.
        assertError(handler.handleRequest(Events.load("tenant-internal-activate-iam.json", "tenantId",
                "canary-probe-platinum"), context), 404, "NotFound");
        assertTrue(noPremium.plane().tenants().find("canary-probe-premium").isEmpty());
    }

    @Test
    void anIamPrincipalThatIsNotAPipelineRoleIsRefused() {
        String silo = RegistrationFixture.register(fixture, "PLATINUM");
        fixture.deploySilo(silo);
        for (String userArn : List.of("arn:aws:sts::111111111111:assumed-role/AdminRole/alice",
                "arn:aws:sts::999999999999:assumed-role/saas-fleet-activate-silos/AWSCodeBuild-1",
                "arn:aws:iam::111111111111:user/deployer")) {
            APIGatewayProxyRequestEvent event = Events.load("tenant-internal-activate-iam.json", "tenantId", silo);
            event.getRequestContext().getIdentity().setUserArn(userArn);

            JsonNode error = assertError(admin.handleRequest(event, context), 403, "Forbidden");

            assertTrue(error.get("message").asText().contains("is not one of the fleet's internal callers"),
                    error.toString());
        }
        assertEquals(TenantStatus.PROVISIONING, fixture.plane().tenants().find(silo).orElseThrow().status());
    }

    @Test
    void automationMayCallNoOtherRoute() {
        for (String route : List.of("/tenants/{tenantId}/offboard", "/tenants/{tenantId}/activate",
                "/tenants/{tenantId}")) {
            APIGatewayProxyRequestEvent event = Events.load("tenant-internal-activate-iam.json");
            event.setResource(route);
            event.setPath(route.replace("{tenantId}", ACME));

            JsonNode error = assertError(admin.handleRequest(event, context), 403, "Forbidden");

            assertTrue(error.get("message").asText().contains("automation may only call POST "
                    + TenantAdminHandler.INTERNAL_ACTIVATE), error.toString());
        }
        assertEquals(TenantStatus.ACTIVE, fixture.plane().tenants().find(ACME).orElseThrow().status());
    }

    @Test
    void onlyAutomationMayCallTheInternalRoute() {
        String silo = RegistrationFixture.register(fixture, "PLATINUM");
        fixture.deploySilo(silo);
        APIGatewayProxyRequestEvent systemAdmin = Events.load("tenant-offboard-system-admin.json", "tenantId", silo);
        systemAdmin.setResource(TenantAdminHandler.INTERNAL_ACTIVATE);
        systemAdmin.setPath("/internal/tenants/" + silo + "/activate");
        // An authorizer's context and an IAM identity together are not automation either.
        APIGatewayProxyRequestEvent both = Events.load("tenant-internal-activate-iam.json", "tenantId", silo);
        both.getRequestContext().setAuthorizer(Map.of("principalId", "x", "userRole", "SystemAdmin"));
        APIGatewayProxyRequestEvent anonymous = Events.load("tenant-internal-activate-iam.json", "tenantId", silo);
        anonymous.getRequestContext().getIdentity().setUserArn(null);

        for (APIGatewayProxyRequestEvent event : List.of(systemAdmin, both, anonymous)) {
            JsonNode error = assertError(admin.handleRequest(event, context), 403, "Forbidden");
            assertTrue(error.get("message").asText().contains("is for the fleet's automation (IAM-signed) only"),
                    error.toString());
        }
        assertEquals(TenantStatus.PROVISIONING, fixture.plane().tenants().find(silo).orElseThrow().status());
    }

    @Test
    void aSystemAdminActivatesASiloTenantWithoutNamingItsPool() {
        String silo = RegistrationFixture.register(fixture, "PLATINUM");
        APIGatewayProxyRequestEvent event = Events.load("tenant-offboard-system-admin.json", "tenantId", silo);
        event.setResource(TenantAdminHandler.ACTIVATE);
        event.setPath("/tenants/" + silo + "/activate");

        assertError(admin.handleRequest(event, context), 409, "Conflict");
        fixture.deploySilo(silo);
        assertEquals("ACTIVE", assertJson(admin.handleRequest(event, context), 200).get("status").asText());
    }

    @Test
    void controlPlaneConfigReadsPooledTierStacksStrictly() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("TENANT_DETAILS_TABLE", "a",
                "TENANT_USER_MAPPING_TABLE", "b", "TENANT_STACK_MAPPING_TABLE", "c", "SETTINGS_TABLE", "d",
                "REGISTRATIONS_TABLE", "e", "AWS_REGION", "us-east-1",
                "POOLED_TIER_STACKS", "BASIC=222222222222/us-east-1,BASIC=555555555555/eu-west-1"));
        ControlPlaneConfig config = ControlPlaneConfig.fromEnvironment(env);
        assertEquals(2, config.pooledTierStacks().environments(Tier.BASIC).size());
        assertEquals("saas-control-plane", config.functionName());
        // The production graph builds during init without calling AWS: the stacks are opened on first use.
        ControlPlane plane = ControlPlane.fromEnvironment(env);
        assertTrue(plane.targetStacks() instanceof functions.provisioning.AssumedRoleStacks);
        var basic = functions.provisioning.StackLocation.pooled(Tier.BASIC,
                config.pooledTierStacks().environments(Tier.BASIC).get(1));
        assertEquals("arn:aws:iam::555555555555:role/saas-pooled-basic-cp-eu-west-1",
                plane.targetStacks().at(basic).location().roleArn());

        env.put("POOLED_TIER_STACKS", "BASIC=222222222222/us-east-1,GOLD=1/x");
        var bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ControlPlaneConfig.fromEnvironment(env));
        assertEquals("environment variable POOLED_TIER_STACKS: entry 'GOLD=1/x' names an unknown tier",
                bad.getMessage());
        env.remove("POOLED_TIER_STACKS");
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ControlPlaneConfig.fromEnvironment(env)).getMessage().contains("POOLED_TIER_STACKS"));
    }

    @Test
    void controlPlaneConfigNamesTheMissingVariable() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ControlPlaneConfig.fromEnvironment(Map.of("TENANT_DETAILS_TABLE", "t")));
        assertTrue(e.getMessage().contains("TENANT_USER_MAPPING_TABLE"), e.getMessage());
    }
}
