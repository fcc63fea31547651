package functions.metering;

import functions.shared.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Finds registrations ({@code request#<id>} items of the Registrations table) in PROVISIONING whose last change
 * ({@code updatedAt}: the move to PROVISIONING, or the saga's finish for a silo tenant waiting for its stack) is
 * older than the bound; emits {@code RegistrationsStuck} (0 when none, so the alarm has data) and logs one line per
 * stuck registration. The scan reads only the attributes it needs, never the email; it is a full-table Scan with
 * a filter, whose cost grows with the table (claims and finished registrations included).
 */
final class OnboardingWatch {


    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Duration bound;
    private final MeteringMetrics metrics;
    private final Clock clock;

    OnboardingWatch(DynamoDbClient dynamo, String tableName, Duration bound, MeteringMetrics metrics, Clock clock) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.bound = Objects.requireNonNull(bound, "bound");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    List<StuckRegistration> check() {
        Instant now = clock.instant();
        List<StuckRegistration> stuck = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(r -> r.tableName(tableName).exclusiveStartKey(from)
                    .filterExpression("begins_with(pk, :request) AND #s = :provisioning")
                    .projectionExpression("pk, tenantId, tier, #s, finishedAt, updatedAt")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":request", AttributeValue.fromS("request#"),
                            ":provisioning", AttributeValue.fromS("PROVISIONING"))));
            for (Map<String, AttributeValue> item : page.items()) {
                Duration age = Duration.between(changedAt(item, now), now);
                if (age.compareTo(bound) > 0) {
                    stuck.add(new StuckRegistration(s(item, "tenantId"), s(item, "tier"),
                            item.containsKey("finishedAt") ? StuckRegistration.SILO_STACK : StuckRegistration.SAGA,
                            age));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        for (StuckRegistration r : stuck) {
            Telemetry.warn("registration_stuck", "tenantId", r.tenantId(), "tier", r.tier(), "step", r.step(),
                    "ageMinutes", r.age().toMinutes());
        }
        metrics.count(MeteringMetrics.REGISTRATIONS_STUCK, stuck.size());
        return stuck;
    }

    // A missing or unreadable updatedAt counts as stuck since forever: better a false alarm than a silent one.
    private static Instant changedAt(Map<String, AttributeValue> item, Instant now) {
        String updated = s(item, "updatedAt");
        if (updated == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(updated);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
