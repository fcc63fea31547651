package functions.metering;

import functions.shared.ValidationException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The {@code from}/{@code to} query parameters of the metering routes: UTC days, both included, at most a year. */
record DateRange(LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 366;

    /** A 400 naming the parameter when one is missing or not {@code YYYY-MM-DD}, reversed, or too long. */
    static DateRange parse(String from, String to) {
        LocalDate start = day("from", from);
        LocalDate end = day("to", to);
        if (end.isBefore(start)) {
            throw new ValidationException("to", "must not be before from (" + start + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new ValidationException("to", "the range from " + start + " may span at most " + MAX_DAYS + " days");
        }
        return new DateRange(start, end);
    }

    private static LocalDate day(String parameter, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException(parameter, "is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException(parameter, "must be a date YYYY-MM-DD");
        }
    }
}
