package functions.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.EmfLines;
import functions.shared.MotoDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Registrations in PROVISIONING past the bound, as a metric (0 when none) and one report each without the email. */
class OnboardingWatchTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final DynamoDbClient dynamo = MotoDynamoDb.get().client();
    private final String registrations = MotoDynamoDb.get().createKeyedTable("pk", null);

    private void registration(String requestId, String tenantId, String status, Duration ago, boolean finished) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("request#" + requestId));
        item.put("requestId", AttributeValue.fromS(requestId));
        item.put("tenantId", AttributeValue.fromS(tenantId));
        item.put("tier", AttributeValue.fromS(finished ? "PLATINUM" : "BASIC"));
        item.put("status", AttributeValue.fromS(status));
        item.put("adminEmail", AttributeValue.fromS("owner@" + tenantId + ".example"));
        item.put("updatedAt", AttributeValue.fromS(NOW.minus(ago).toString()));
        if (finished) {
            item.put("finishedAt", AttributeValue.fromS(NOW.minus(ago).toString()));
        }
        dynamo.putItem(r -> r.tableName(registrations).item(item));
    }

    private OnboardingWatch watch() {
        return new OnboardingWatch(dynamo, registrations, Duration.ofMinutes(30),
                MeteringMetrics.TELEMETRY, CLOCK);
    }

    @Test
    void registrationsInProvisioningPastTheBoundAreCountedWithTheirStepAndAge() {
        registration("r1", "stuck-saga", "PROVISIONING", Duration.ofMinutes(45), false);
        registration("r2", "stuck-silo", "PROVISIONING", Duration.ofHours(2), true);
        registration("r3", "fresh-one", "PROVISIONING", Duration.ofMinutes(29), false);
        registration("r4", "old-active", "ACTIVE", Duration.ofDays(3), true);
        registration("r5", "old-failed", "FAILED", Duration.ofDays(3), false);
        // A uniqueness claim shares the table; it is never a registration.
        dynamo.putItem(r -> r.tableName(registrations).item(Map.of("pk", AttributeValue.fromS("tenantName#x"),
                "status", AttributeValue.fromS("PROVISIONING"))));

        List<StuckRegistration> stuck = new java.util.ArrayList<>();
        int mark = functions.shared.LogCapture.mark();
        var points = EmfLines.during(() -> stuck.addAll(watch().check()));
        var lines = functions.shared.LogCapture.since(mark).stream()
                .filter(l -> l.contains("\"registration_stuck\"")).toList();
        // One WARN line per stuck registration, its tenant, step and age as top-level fields; never the email.
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"tenantId\":\"stuck-saga\"") && l.contains("\"step\":\"saga\"")
                && l.contains("\"ageMinutes\":45") && l.contains("\"level\":\"WARN\"")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"tenantId\":\"stuck-silo\"")), lines::toString);
        lines.forEach(l -> assertFalse(l.contains("@"), "no email in " + l));

        stuck.sort(java.util.Comparator.comparing(StuckRegistration::tenantId));
        assertEquals(List.of(
                new StuckRegistration("stuck-saga", "BASIC", StuckRegistration.SAGA, Duration.ofMinutes(45)),
                new StuckRegistration("stuck-silo", "PLATINUM", StuckRegistration.SILO_STACK, Duration.ofHours(2))),
                stuck);
        stuck.forEach(s -> assertFalse(s.toString().contains("@"), "no email in " + s));
        var metric = points.stream().filter(p -> p.metric().equals(MeteringMetrics.REGISTRATIONS_STUCK)).toList();
        assertEquals(1, metric.size());
        assertEquals(2.0, metric.get(0).value());
        assertEquals(List.of("Service", "Tier"), metric.get(0).dimensionKeys());
        assertEquals("Count", metric.get(0).unit());
    }

    @Test
    void noStuckRegistrationStillEmitsAZeroSoTheAlarmHasData() {
        registration("r1", "fresh-one", "PROVISIONING", Duration.ofMinutes(5), false);

        var points = EmfLines.during(() -> assertEquals(Map.of("registrationsStuck", 0),
                new OnboardingWatchHandler(watch()).handleRequest(Map.of(), null)));

        var metric = points.stream().filter(p -> p.metric().equals(MeteringMetrics.REGISTRATIONS_STUCK)).toList();
        assertEquals(1, metric.size());
        assertEquals(0.0, metric.get(0).value());
    }

    @Test
    void theBoundComesFromStuckAfterMinutesAndDefaultsTo30() {
        assertEquals(30, MeteringEnv.stuckAfterMinutes(Map.of()));
        assertEquals(90, MeteringEnv.stuckAfterMinutes(Map.of("STUCK_AFTER_MINUTES", "90")));
        for (String bad : List.of("0", "-5", "soon")) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> MeteringEnv.stuckAfterMinutes(Map.of("STUCK_AFTER_MINUTES", bad)));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("STUCK_AFTER_MINUTES"));
        }
    }
}
