package functions.tenants;

import functions.shared.Validation;
import functions.shared.ValidationException;
import java.util.regex.Pattern;

/** Field rules shared by the registration and the tenant update bodies. */
public final class TenantInputs {

    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final int MAX_NAME = 100;
    private static final int MAX_ADDRESS = 300;

    private TenantInputs() {
    }

    /** 1..100 characters without control characters: the pipeline catalog's rule for tenantName. */
    public static String tenantName(String field, String value) {
        String name = Validation.text(field, value, 1, MAX_NAME);
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new ValidationException(field, "must not contain control characters");
        }
        return name;
    }

    /** Optional: null stays null. */
    public static String address(String field, String value) {
        if (value == null) {
            return null;
        }
        String address = Validation.text(field, value, 1, MAX_ADDRESS);
        if (address.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new ValidationException(field, "must not contain control characters other than line breaks");
        }
        return address;
    }

    /** Optional E.164 number ({@code +} and 7..15 digits); null stays null. */
    public static String phone(String field, String value) {
        return value == null ? null
                : Validation.matching(field, value.strip(), PHONE, "E.164, e.g. +14155550123");
    }
}
