package functions.shared;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What keeps secrets and personal data out of every log field, applied by {@link Telemetry} to the message and to
 * every field before a line is written.
 * <ul>
 *   <li>Keys: lowercased, without {@code _ - .}, a key containing {@code password}, {@code passwd}, {@code secret},
 *       {@code token}, {@code apikey}, {@code authorization}, {@code cookie}, {@code email} or {@code credential} is
 *       replaced whole ({@code apiKeyId}, an API key's id, excepted); so is a key containing {@code code}, unless it
 *       ends in a named non-secret code ({@code errorCode}, {@code statusCode}, {@code exitCode} ...) or the
 *       {@code code} is an AWS service name ({@code codebuild}, {@code codepipeline} ...).</li>
 *   <li>Free text (the message, any string value; an exception's message may quote a request): email addresses,
 *       JWTs, and opaque runs are masked. An opaque run is 20 or more characters of {@code [A-Za-z0-9+_]} (API key
 *       and base64 alphabets; {@code /}, {@code -} and {@code .} separate, so paths and ARNs split), with up to two
 *       {@code =}, holding an uppercase letter and a lowercase letter after a digit. What the product prints stays
 *       readable: ids are hyphenated (UUIDs, X-Ray trace ids), one-case (DynamoDB request ids, hex, API Gateway and
 *       Cognito ids), CamelCase then a hex hash (CloudFormation names) or shorter, and class names carry no digit.
 *       A base64 secret containing {@code /} may split into runs too short to mask.</li>
 * </ul>
 */
final class Redaction {

    static final String MASK = "***";
    static final String OPAQUE = "<opaque>";

    private static final List<String> SECRET_PARTS = List.of("password", "passwd", "secret", "token", "apikey",
            "authorization", "cookie", "email", "credential");
    private static final Set<String> NOT_SECRET = Set.of("apikeyid");
    private static final Pattern SERVICE_CODE =
            Pattern.compile("code(build|pipeline|commit|deploy|artifact|star|guru)");
    private static final Pattern NAMED_CODE = Pattern.compile(
            ".*(error|status|http|response|exit|reason|country|currency|language|region)code");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern RUN = Pattern.compile("(?<![A-Za-z0-9+_])[A-Za-z0-9+_]{20,}={0,2}(?![A-Za-z0-9+=_])");

    private Redaction() {
    }

    /** True when a field of this name is a secret or personal data whatever its value. */
    static boolean secretKey(String key) {
        if (key == null) {
            return false;
        }
        String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
        if (NOT_SECRET.contains(k)) {
            return false;
        }
        if (SECRET_PARTS.stream().anyMatch(k::contains)) {
            return true;
        }
        return SERVICE_CODE.matcher(k).replaceAll("").contains("code") && !NAMED_CODE.matcher(k).matches();
    }

    /** {@code text} with every email address, JWT and opaque run masked. */
    static String text(String text) {
        if (text == null || text.length() < 20 && text.indexOf('@') < 0) {
            return text;
        }
        String masked = JWT.matcher(EMAIL.matcher(text).replaceAll("<email>")).replaceAll("<jwt>");
        return RUN.matcher(masked).replaceAll(m -> opaque(m.group()) ? OPAQUE : Matcher.quoteReplacement(m.group()));
    }

    // Random: an uppercase letter, a digit, and a lowercase letter after a digit. CloudFormation's generated names
    // (a CamelCase logical id, then an uppercase-hex hash: ControlPlaneRole4F6B2E1A) have no lowercase after a digit.
    private static boolean opaque(String run) {
        boolean upper = false;
        boolean digit = false;
        boolean lowerAfterDigit = false;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lowerAfterDigit |= digit && c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lowerAfterDigit;
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
