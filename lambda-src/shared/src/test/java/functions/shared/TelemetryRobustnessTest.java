package functions.shared;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Logging and metrics never fail an invocation, not even with a LinkageError (a class the shaded jar lost) or a
 * wrong call; a LinkageError from a value is produced here directly, as no AWS call can produce one.
 */
class TelemetryRobustnessTest {

    /** A value whose text cannot be built: what a class missing from the jar looks like at run time. */
    private static final Object UNLOADABLE = new Object() {
        @Override
        public String toString() {
            throw new NoClassDefFoundError("software/amazon/Missing");
        }
    };

    /** Dimensions whose reading fails the same way. */
    private static final Map<String, String> UNLOADABLE_DIMENSIONS = new AbstractMap<>() {
        @Override
        public Set<Entry<String, String>> entrySet() {
            throw new NoClassDefFoundError("software/amazon/Missing");
        }
    };

    @Test
    void aLogLineWhoseValueThrowsALinkageErrorIsLostAndTheInvocationAnswers() {
        TestContext context = new TestContext();

        String answer = Telemetry.invoke(context, () -> {
            Telemetry.warn("odd_value", "thing", UNLOADABLE);
            return "answered";
        });

        assertEquals("answered", answer);
    }

    @Test
    void anOddTrailingKeyIsDroppedAndTheRestOfTheLineWritten() {
        TestContext context = new TestContext();

        Telemetry.invoke(context, () -> {
            Telemetry.info("odd_pairs", "day", "2026-12-01", "dangling");
            return null;
        });

        List<JsonNode> lines = context.jsonLines();
        assertEquals(1, lines.size());
        assertEquals("2026-12-01", lines.get(0).get("day").asText());
        assertFalse(lines.get(0).has("dangling"), lines.get(0).toString());
    }

    @Test
    void aMetricWhoseDimensionsThrowALinkageErrorIsLostAndTheInvocationAnswers() {
        assertEquals("answered", Telemetry.invoke(new TestContext(), () -> {
            Telemetry.count("Requests", 1, UNLOADABLE_DIMENSIONS);
            return "answered";
        }));
        assertDoesNotThrow(() -> EmfDocuments.write("SaaSFleet/test", UNLOADABLE_DIMENSIONS,
                List.of(Telemetry.Metric.count("Requests", 1)), Map.of()));
    }
}
