package functions.metering;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The UTC day a scheduled run works on: {@code daysBack} before today (UTC), or the {@code day} field of the event
 * ({@code YYYY-MM-DD}) when an operator invokes the function by hand to rerun a day.
 */
final class ScheduledDay {

    static final String DAY_FIELD = "day";

    private ScheduledDay() {
    }

    static LocalDate of(Map<String, Object> event, Clock clock, int daysBack) {
        Object requested = event == null ? null : event.get(DAY_FIELD);
        if (requested instanceof String text && !text.isBlank()) {
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("event field '" + DAY_FIELD + "' must be YYYY-MM-DD, got '"
                        + text + "'", e);
            }
        }
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(daysBack);
    }
}
