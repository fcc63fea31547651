package functions.registration;

import static functions.shared.HttpAssertions.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import functions.shared.EmfLines;
import functions.shared.EmfLines.DataPoint;
import functions.shared.Events;
import functions.shared.Telemetry;
import functions.shared.TestContext;
import functions.tenants.ControlPlaneFixture;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The onboarding funnel as the registration function emits it, read back from the EMF documents a real
 * RegistrationHandler printed: started, verified, completed with its provisioning time, or failed by step.
 */
class OnboardingFunnelTest {

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
    void aSuccessfulSignUpCountsStartedVerifiedCompletedAndItsProvisioningTimeByTheTenantsTier() {
        List<DataPoint> points = EmfLines.during(() -> {
            assertJson(handler.handleRequest(Events.load("registration-create.json"), context), 202);
            assertJson(handler.handleRequest(verification(signUps.lastCode()), context), 201);
        });

        for (String metric : List.of(Telemetry.REGISTRATION_STARTED, Telemetry.REGISTRATION_VERIFIED,
                Telemetry.REGISTRATION_COMPLETED)) {
            DataPoint point = only(points, metric);
            assertEquals(1.0, point.value(), metric);
            assertEquals("Count", point.unit());
            assertEquals(List.of(Telemetry.SERVICE, Telemetry.TIER), point.dimensionKeys(), metric);
            assertEquals("BASIC", point.field(Telemetry.TIER), "the registering tenant's tier");
        }
        DataPoint time = only(points, Telemetry.PROVISIONING_TIME);
        assertEquals("Milliseconds", time.unit());
        assertTrue(time.value() >= 0, time.toString());
        assertTrue(points.stream().noneMatch(p -> p.metric().equals(Telemetry.REGISTRATION_FAILED)));
    }

    @Test
    void aSignUpWhoseApiKeyStepFailsCountsRegistrationFailedWithThatStep() {
        assertJson(handler.handleRequest(Events.load("registration-create.json"), context), 202);
        fixture.apiKeys.faults.failOn("createForTenant");

        List<DataPoint> points = EmfLines.during(() ->
                assertEquals(500, handler.handleRequest(verification(signUps.lastCode()), context).getStatusCode()));

        DataPoint failed = only(points, Telemetry.REGISTRATION_FAILED);
        assertEquals(1.0, failed.value());
        assertEquals(List.of(Telemetry.SERVICE, Telemetry.TIER, Telemetry.STEP), failed.dimensionKeys());
        assertEquals("apiKey", failed.field(Telemetry.STEP));
        assertEquals("BASIC", failed.field(Telemetry.TIER));
        assertEquals(1.0, only(points, Telemetry.REGISTRATION_VERIFIED).value());
        assertTrue(points.stream().noneMatch(p -> p.metric().equals(Telemetry.REGISTRATION_COMPLETED)));
        assertTrue(context.jsonLines().stream().anyMatch(l -> l.path("message").asText().equals("registration_failed")
                && l.path("step").asText().equals("apiKey")), context.jsonLines().toString());
    }

    private static DataPoint only(List<DataPoint> points, String metric) {
        List<DataPoint> matching = points.stream().filter(p -> p.metric().equals(metric)).toList();
        assertEquals(1, matching.size(), metric + " in " + points);
        return matching.get(0);
    }
}
