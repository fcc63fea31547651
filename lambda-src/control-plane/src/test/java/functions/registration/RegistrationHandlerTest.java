package functions.registration;

import static functions.shared.HttpAssertions.assertError;
import static functions.shared.HttpAssertions.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import functions.shared.Events;
import functions.shared.TestContext;
import functions.tenants.ControlPlaneFixture;
import java.util.HashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /registration and POST /registration/{requestId}/verify through real API Gateway events. */
class RegistrationHandlerTest {

    static final String REQUEST_ID = "5d0e7a1c-2b3f-4c5d-8e9f-0a1b2c3d4e5f";

    private final TestContext context = new TestContext();
    private ControlPlaneFixture fixture;
    private SignUps signUps;
    private RegistrationHandler handler;

    @BeforeEach
    void setUp() {
        fixture = new ControlPlaneFixture();
        signUps = new SignUps();
        handler = signUps.handler(fixture.plane());
    }

    private APIGatewayProxyRequestEvent verification(String code) {
        APIGatewayProxyRequestEvent event = Events.load("registration-verify.json");
        event.setBody(event.getBody().replace("CODE", code));
        return event;
    }

    @Test
    void signUpIs202PendingAndItsReplayAnswersTheSame() {
        JsonNode first = assertJson(handler.handleRequest(Events.load("registration-create.json"), context), 202);
        JsonNode replay = assertJson(handler.handleRequest(Events.load("registration-create.json"), context), 202);

        assertEquals("PENDING_VERIFICATION", first.get("status").asText());
        assertEquals(REQUEST_ID, first.get("requestId").asText());
        assertEquals(first, replay);
        assertEquals(0, fixture.directory.userCount());
    }

    @Test
    void verificationIs201AndItsReplayAndTheRegistrationsReplayAnswerTheSame() {
        handler.handleRequest(Events.load("registration-create.json"), context);

        JsonNode verified = assertJson(handler.handleRequest(verification(signUps.lastCode()), context), 201);
        JsonNode replay = assertJson(handler.handleRequest(verification(signUps.lastCode()), context), 201);
        JsonNode registrationReplay = assertJson(handler.handleRequest(Events.load("registration-create.json"),
                context), 201);

        assertEquals("ACTIVE", verified.get("status").asText());
        assertEquals(REQUEST_ID, verified.get("requestId").asText());
        assertEquals(verified, replay);
        assertEquals(verified, registrationReplay);
        assertEquals(1, fixture.directory.userCount());
    }

    @Test
    void aWrongCodeIs400AndAMalformedOneNamesTheField() {
        handler.handleRequest(Events.load("registration-create.json"), context);
        String code = signUps.lastCode();
        String wrong = code.startsWith("2") ? "3" + code.substring(1) : "2" + code.substring(1);

        JsonNode refused = assertError(handler.handleRequest(verification(wrong), context), 400, "ValidationError");
        assertTrue(refused.get("message").asText().startsWith("code: "), refused.toString());
        assertTrue(assertError(handler.handleRequest(verification("x"), context), 400, "ValidationError")
                .get("message").asText().startsWith("code: "));
        assertEquals(0, fixture.directory.userCount());
    }

    @Test
    void aPublicSiloRegistrationIs403AndWritesNothing() {
        APIGatewayProxyRequestEvent event = Events.load("registration-create.json");
        event.setBody(event.getBody().replace("BASIC", "PLATINUM"));

        assertEquals("Forbidden", assertJson(handler.handleRequest(event, context), 403).get("error").asText());
        assertEquals(0, fixture.items(fixture.config.registrationsTable()).size(), "no claim, no saga");
        assertEquals(0, fixture.items(fixture.config.tenantStackMappingTable()).size(), "no silo stack");
        assertEquals(0, signUps.registrantCount(), "no mail");
    }

    @Test
    void aMissingIdempotencyKeyIs400NamingTheHeader() {
        APIGatewayProxyRequestEvent event = Events.load("registration-create.json");
        var headers = new HashMap<>(event.getHeaders());
        headers.remove("idempotency-key");
        event.setHeaders(headers);

        JsonNode body = assertError(handler.handleRequest(event, context), 400, "ValidationError");
        assertTrue(body.get("message").asText().startsWith("Idempotency-Key: "), body.toString());
    }

    @Test
    void badFieldsAndUnknownFieldsAre400NamingTheField() {
        APIGatewayProxyRequestEvent event = Events.load("registration-create.json");
        event.setBody(event.getBody().replace("admin@acme.example", "nope"));
        assertTrue(assertError(handler.handleRequest(event, context), 400, "ValidationError")
                .get("message").asText().startsWith("adminEmail: "));

        event.setBody("{\"tenantName\":\"Acme\",\"tenantId\":\"x\"}");
        assertTrue(assertError(handler.handleRequest(event, context), 400, "ValidationError")
                .get("message").asText().startsWith("tenantId: "));
        event.setBody("{not json");
        assertError(handler.handleRequest(event, context), 400, "ValidationError");
        APIGatewayProxyRequestEvent verify = verification("ABCD-EFGH-2345");
        verify.setBody("{\"code\":\"ABCD-EFGH-2345\",\"tenantId\":\"x\"}");
        assertTrue(assertError(handler.handleRequest(verify, context), 400, "ValidationError")
                .get("message").asText().startsWith("tenantId: "));
    }

    @Test
    void aNamePendingUnderAnotherKeyIs409() {
        handler.handleRequest(Events.load("registration-create.json"), context);
        APIGatewayProxyRequestEvent other = Events.load("registration-create.json");
        other.setHeaders(new HashMap<>(other.getHeaders()));
        other.getHeaders().put("idempotency-key", "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");
        other.setBody(other.getBody().replace("admin@acme.example", "second@acme.example"));

        JsonNode body = assertError(handler.handleRequest(other, context), 409, "Conflict");
        assertTrue(body.get("message").asText().startsWith("tenantName: "), body.toString());
    }

    @Test
    void aFailedStepIs500WithAGenericMessageAndTheVerificationCanBeRetried() {
        handler.handleRequest(Events.load("registration-create.json"), context);
        fixture.directory.faults.failOn("createUser");

        JsonNode body = assertError(handler.handleRequest(verification(signUps.lastCode()), context), 500,
                "InternalError");
        assertEquals("An unexpected error occurred", body.get("message").asText());
        assertEquals(0, fixture.directory.userCount());

        assertJson(handler.handleRequest(verification(signUps.lastCode()), context), 201);
    }

    @Test
    void otherMethodsAre405AndOtherPathsAre404() {
        APIGatewayProxyRequestEvent get = Events.load("registration-create.json");
        get.setHttpMethod("GET");
        assertError(handler.handleRequest(get, context), 405, "MethodNotAllowed");
        APIGatewayProxyRequestEvent getVerify = verification("ABCD-EFGH-2345");
        getVerify.setHttpMethod("GET");
        assertError(handler.handleRequest(getVerify, context), 405, "MethodNotAllowed");
        assertError(handler.handleRequest(Events.load("unknown-route.json"), context), 404, "NotFound");
    }

    @Test
    void anUnknownRegistrationIs404() {
        assertError(handler.handleRequest(verification("ABCD-EFGH-2345"), context), 404, "NotFound");
    }
}
