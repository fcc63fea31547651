package functions.shared;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Reading a function's environment variables, the one way every configuration record does it: blank counts as
 * unset, and every error names the variable.
 */
public final class Environment {

    private Environment() {
    }

    /** The stripped value, or empty when the variable is unset or blank. */
    public static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The stripped value; {@link IllegalStateException} naming the variable when it is unset or blank. */
    public static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(
                () -> new IllegalStateException("environment variable " + name + " is required but not set"));
    }

    /**
     * An endpoint override such as {@code DYNAMODB_ENDPOINT}: an absolute URI with scheme and host, or an
     * {@link IllegalStateException} naming the variable with an example.
     */
    public static URI endpoint(String name, String raw, String example) {
        try {
            URI uri = URI.create(raw);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // Reported below, with the variable's name.
        }
        throw new IllegalStateException(name + " must be an absolute URI like " + example + ", got '" + raw + "'");
    }
}
