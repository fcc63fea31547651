package functions.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The invocation's subsegment as the X-Ray daemon receives it (a UDP socket of the test's): an API answer of 5xx is a
 * fault, a 4xx an error (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html), even
 * though the handler returned normally; an unsampled request sends nothing.
 */
class TracesStatusTest {

    private static JsonNode traced(String traceHeader, ApiInvocation.PublicRouter router) throws Exception {
        try (DatagramSocket daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            daemon.setSoTimeout(3000);
            System.setProperty("com.amazonaws.xray.emitters.daemonAddress", "127.0.0.1:" + daemon.getLocalPort());
            System.setProperty(Traces.TRACE_HEADER_PROPERTY, traceHeader);
            Traces.rebuild();
            try {
                ApiInvocation.handlePublic(Events.load("metering-usage-tenant-admin.json"), new TestContext(), router);
            } finally {
                System.clearProperty(Traces.TRACE_HEADER_PROPERTY);
                System.clearProperty("com.amazonaws.xray.emitters.daemonAddress");
                Traces.rebuild();
            }
            return receive(daemon);
        }
    }

    private static JsonNode receive(DatagramSocket daemon) {
        return XRayDaemonPackets.first(daemon, d -> d.has("trace_id")).orElse(null);
    }

    private static final String SAMPLED = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @Test
    void aServerErrorAnswerMarksTheSubsegmentFault() throws Exception {
        JsonNode subsegment = traced(SAMPLED, (route, event) -> new ApiResult(503, Map.of("error", "unavailable")));

        assertTrue(subsegment.path("fault").asBoolean(), subsegment.toString());
        assertFalse(subsegment.path("error").asBoolean(), subsegment.toString());
    }

    @Test
    void aClientErrorAnswerMarksTheSubsegmentError() throws Exception {
        JsonNode subsegment = traced(SAMPLED, (route, event) -> {
            throw new ValidationException("from", "is not a date");
        });

        assertTrue(subsegment.path("error").asBoolean(), subsegment.toString());
        assertFalse(subsegment.path("fault").asBoolean(), subsegment.toString());
    }

    @Test
    void aSuccessfulAnswerIsNeitherFaultNorError() throws Exception {
        JsonNode subsegment = traced(SAMPLED, (route, event) -> ApiResult.ok(Map.of()));

        assertFalse(subsegment.path("fault").asBoolean(), subsegment.toString());
        assertFalse(subsegment.path("error").asBoolean(), subsegment.toString());
    }

    @Test
    void aSampledRequestAfterAnUnsampledOneOnTheSameThreadIsTraced() throws Exception {
        traced(SAMPLED.replace("Sampled=1", "Sampled=0"), (route, event) -> ApiResult.ok(Map.of()));

        JsonNode subsegment = traced(SAMPLED, (route, event) -> ApiResult.ok(Map.of()));

        assertTrue(subsegment != null, "the unsampled invocation's no-op subsegment must not stay on the thread");
        assertEquals("53995c3f42cd8ad8", subsegment.get("parent_id").asText());
    }

    @Test
    void anUnsampledRequestSendsNoSubsegment() throws Exception {
        JsonNode subsegment = traced(SAMPLED.replace("Sampled=1", "Sampled=0"),
                (route, event) -> ApiResult.ok(Map.of()));

        assertEquals(null, subsegment);
    }
}
