package functions.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Field checks shared by the API inputs; each failure names the field. */
public final class Validation {

    // Deliberately loose (one @, a dot in the domain, no blanks): the directory and a confirmation mail judge the rest.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // DynamoDB numbers hold 38 significant digits; refuse more here instead of failing with a 500 there.
    private static final int MAX_MONEY_PRECISION = 38;

    private Validation() {
    }

    /** A required string, stripped of surrounding blanks, of {@code min..max} characters. */
    public static String text(String field, String value, int min, int max) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        String stripped = value.strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length < min || length > max) {
            throw new ValidationException(field, "must be " + min + ".." + max + " characters, got " + length);
        }
        return stripped;
    }

    /** A required string matching {@code pattern}; {@code rule} tells the caller what is expected. */
    public static String matching(String field, String value, Pattern pattern, String rule) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        if (!pattern.matcher(value).matches()) {
            throw new ValidationException(field, "must match " + rule);
        }
        return value;
    }

    /** A required amount >= 0 with at most two decimal places, returned with exactly two. */
    public static BigDecimal money(String field, BigDecimal value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        if (value.signum() < 0) {
            throw new ValidationException(field, "must be >= 0");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new ValidationException(field, "must have at most 2 decimal places");
        }
        BigDecimal amount = value.setScale(2, RoundingMode.UNNECESSARY);
        if (amount.precision() > MAX_MONEY_PRECISION) {
            throw new ValidationException(field, "is too large");
        }
        return amount;
    }

    /** A required integer in {@code min..max}. */
    public static int range(String field, Integer value, int min, int max) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        if (value < min || value > max) {
            throw new ValidationException(field, "must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** A required list of {@code min..max} elements. */
    public static <T> List<T> size(String field, List<T> value, int min, int max) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        if (value.size() < min || value.size() > max) {
            throw new ValidationException(field, "must have " + min + ".." + max + " entries, got " + value.size());
        }
        return value;
    }

    /** A UUID in canonical lowercase form, the only form ids are stored in. */
    public static String uuid(String field, String value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        if (!UUID.matcher(value).matches()) {
            throw new ValidationException(field, "must be a UUID");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** A required email address, stripped and lowercased: the one form usernames and uniqueness claims use. */
    public static String email(String field, String value) {
        String email = text(field, value, 3, MAX_EMAIL_LENGTH);
        if (!EMAIL.matcher(email).matches()) {
            throw new ValidationException(field, "must be an email address");
        }
        return email.toLowerCase(Locale.ROOT);
    }
}
