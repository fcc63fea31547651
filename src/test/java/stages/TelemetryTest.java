package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import constructs.DataKey;
import constructs.Telemetry;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;

/** The per-stack telemetry settings on a bare stack: no fleet synthesis. */
class TelemetryTest {

    private static Telemetry telemetry(Map<String, Object> context, String tenantId) {
        var app = new App(AppProps.builder().context(context).build());
        var stack = new Stack(app, "Probe");
        var key = new DataKey(stack, "Key", new DataKey.Props("probe")).key();
        return new Telemetry(stack, Telemetry.Props.builder().fleet("acme-fleet").tier("PLATINUM")
                .tenantId(tenantId).key(key).build());
    }

    @Test
    void functionsGetTheContractsVariablesWithTheFleetsNamespaceAndInfoByDefault() {
        assertEquals(Map.of("POWERTOOLS_SERVICE_NAME", "product", "POWERTOOLS_METRICS_NAMESPACE",
                        "SaaSFleet/acme-fleet", "POWERTOOLS_LOG_LEVEL", "INFO", "TIER", "PLATINUM", "TENANT_ID", "acme"),
                telemetry(Map.of(), "acme").environment("product"));
        assertTrue(!telemetry(Map.of(), null).environment("order").containsKey("TENANT_ID"));
    }

    @Test
    void theLogLevelContextSetsEveryFunctionsLevelAndAnUnknownLevelStopsTheSynth() {
        assertEquals("DEBUG", telemetry(Map.of("logLevel", "DEBUG"), null).environment("order")
                .get("POWERTOOLS_LOG_LEVEL"));
        var e = assertThrows(IllegalArgumentException.class, () -> telemetry(Map.of("logLevel", "LOUD"), null));
        assertEquals("Context logLevel: must be one of [TRACE, DEBUG, INFO, WARN, ERROR], got 'LOUD'", e.getMessage());
    }

    @Test
    void aFunctionOutsideAStackWithTelemetryIsRefusedByName() {
        var stack = new Stack(new App(), "Bare");
        var e = assertThrows(IllegalStateException.class, () -> Telemetry.of(stack));
        assertTrue(e.getMessage().contains("has no Telemetry"), e.getMessage());
    }
}
