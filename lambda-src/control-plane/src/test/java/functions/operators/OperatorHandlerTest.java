package functions.operators;

import static functions.shared.HttpAssertions.assertError;
import static functions.shared.HttpAssertions.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import functions.shared.Events;
import functions.shared.TestContext;
import functions.users.MotoCognito;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator routes through real API Gateway events (Cognito claims and Lambda authorizer shapes). */
class OperatorHandlerTest {

    private final TestContext context = new TestContext();
    private final MotoCognito cognito = MotoCognito.get();
    private OperatorService service;
    private OperatorHandler handler;
    private OperatorView caller;

    @BeforeEach
    void setUp() {
        String pool = cognito.createUserPool();
        service = new OperatorService(cognito.directory(), pool);
        handler = new OperatorHandler(service);
        // The SystemAdmin whose claims the *-system-admin events carry (email ops@saas.example).
        caller = service.create(OperatorServiceTest.ADMIN, new OperatorInput("ops@saas.example", "SystemAdmin"));
    }

    @Test
    void aSystemAdminCreatesAnOperatorAndSupportListsIt() {
        JsonNode created = assertJson(handle("operator-create-system-admin.json"), 201);
        assertEquals("help@saas.example", created.get("email").asText());
        assertEquals("CustomerSupport", created.get("role").asText());
        assertTrue(created.get("enabled").asBoolean());

        JsonNode page = assertJson(handle("operator-list-support.json"), 200);

        assertEquals(List.of("help@saas.example", "ops@saas.example"), emails(page.get("items")));
        assertTrue(page.path("nextToken").isMissingNode());
        JsonNode line = context.jsonLines().get(context.jsonLines().size() - 1);
        assertEquals("CustomerSupport", line.get("role").asText());
        assertEquals(200, line.get("status").asInt());
    }

    @Test
    void aSystemAdminReadsDisablesAndEnablesAnOperator() {
        handle("operator-create-system-admin.json");

        assertEquals("help@saas.example", assertJson(handle("operator-get-system-admin.json"), 200)
                .get("email").asText());
        assertEquals(false, assertJson(handle("operator-disable-system-admin.json"), 200).get("enabled").asBoolean());
        assertEquals(true, assertJson(handle("operator-enable-system-admin.json"), 200).get("enabled").asBoolean());
    }

    @Test
    void aSystemAdminCannotDisableItselfByEmailOrUserName() {
        // The Lambda authorizer's context: the principal is the token's sub, which is the pool's username.
        APIGatewayProxyRequestEvent byEmail = Events.load("operator-disable-system-admin.json", "userName",
                "ops@saas.example");
        byEmail.getRequestContext().setAuthorizer(callerContext());
        assertTrue(assertError(handler.handleRequest(byEmail, context), 409, "Conflict")
                .get("message").asText().startsWith("userName: "));

        APIGatewayProxyRequestEvent bySub = Events.load("operator-disable-system-admin.json", "userName",
                caller.userName());
        bySub.getRequestContext().setAuthorizer(callerContext());
        assertError(handler.handleRequest(bySub, context), 409, "Conflict");
    }

    private Map<String, Object> callerContext() {
        Map<String, Object> authorizer = new HashMap<>();
        authorizer.put("principalId", caller.userName());
        authorizer.put("userRole", "SystemAdmin");
        return authorizer;
    }

    @Test
    void tenantRolesAre403AndSupportCannotChangeAnything() {
        assertError(handle("operator-list-tenant-admin.json"), 403, "Forbidden");

        APIGatewayProxyRequestEvent supportCreates = Events.load("operator-list-support.json");
        supportCreates.setHttpMethod("POST");
        supportCreates.setBody("{\"email\": \"x@saas.example\", \"role\": \"SystemAdmin\"}");
        assertError(handler.handleRequest(supportCreates, context), 403, "Forbidden");
    }

    @Test
    void duplicatesAre409AndBadBodiesAre400NamingTheField() {
        handle("operator-create-system-admin.json");
        assertTrue(assertError(handle("operator-create-system-admin.json"), 409, "Conflict")
                .get("message").asText().startsWith("email: "));

        APIGatewayProxyRequestEvent unknownField = Events.load("operator-create-system-admin.json");
        unknownField.setBody("{\"email\": \"a@saas.example\", \"role\": \"SystemAdmin\", \"tenantId\": \"acme\"}");
        assertEquals("tenantId: is not a known field",
                assertError(handler.handleRequest(unknownField, context), 400, "ValidationError")
                        .get("message").asText());

        APIGatewayProxyRequestEvent badRole = Events.load("operator-create-system-admin.json");
        badRole.setBody("{\"email\": \"a@saas.example\", \"role\": \"TenantAdmin\"}");
        assertTrue(assertError(handler.handleRequest(badRole, context), 400, "ValidationError")
                .get("message").asText().startsWith("role: "));
    }

    @Test
    void unknownOperatorsAre404AndUnknownMethods405() {
        assertError(handle("operator-get-system-admin.json"), 404, "NotFound");

        APIGatewayProxyRequestEvent put = Events.load("operator-get-system-admin.json");
        put.setHttpMethod("PUT");
        assertError(handler.handleRequest(put, context), 405, "MethodNotAllowed");
    }

    private APIGatewayProxyResponseEvent handle(String event) {
        return handler.handleRequest(Events.load(event), context);
    }

    private static List<String> emails(JsonNode items) {
        List<String> emails = new ArrayList<>();
        items.forEach(item -> emails.add(item.get("email").asText()));
        return emails.stream().sorted().toList();
    }
}
