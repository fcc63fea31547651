package functions.shared;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What keeps secrets and personal data out of every log field, applied by {@link Telemetry} to the message and to
 * every field before a line is written: a field whose name says it holds a secret (password, token, API key,
 * verification code, email, authorization) is replaced whole; in any other text, email addresses and JWTs are
 * replaced where they appear (an exception's message may quote a request).
 */
final class Redaction {

    static final String MASK = "***";

    private static final Set<String> SECRET_KEYS = Set.of("password", "temporarypassword", "token", "idtoken",
            "accesstoken", "refreshtoken", "authorizationtoken", "authorization", "apikey", "apikeyvalue", "code",
            "verificationcode", "email", "adminemail", "secret", "x-api-key");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private Redaction() {
    }

    /** True when a field of this name is a secret or personal data whatever its value. */
    static boolean secretKey(String key) {
        return key != null && SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT).replace("_", ""));
    }

    /** {@code text} with every email address and JWT masked. */
    static String text(String text) {
        if (text == null || (text.indexOf('@') < 0 && !text.contains("eyJ"))) {
            return text;
        }
        return JWT.matcher(EMAIL.matcher(text).replaceAll("<email>")).replaceAll("<jwt>");
    }

    /** The value to log under {@code key}: masked whole for a secret key, else its strings masked inside. */
    static Object field(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (secretKey(key)) {
            return MASK;
        }
        return value(value);
    }

    // A record logs as the object of its components, as Jackson would write it.
    private static Map<String, Object> components(Record record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                fields.put(component.getName(), accessor.invoke(record));
            } catch (ReflectiveOperationException | RuntimeException e) {
                fields.put(component.getName(), null);
            }
        }
        return fields;
    }

    private static Object value(Object value) {
        if (value instanceof CharSequence s) {
            return text(s.toString());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> masked = new LinkedHashMap<>();
            map.forEach((k, v) -> masked.put(String.valueOf(k), field(String.valueOf(k), v)));
            return masked;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(Redaction::value).toList();
        }
        if (value instanceof Object[] array) {
            return value(List.of(array));
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Record record) {
            return value(components(record));
        }
        return text(String.valueOf(value));
    }
}
