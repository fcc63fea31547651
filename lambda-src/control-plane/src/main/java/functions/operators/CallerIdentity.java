package functions.operators;

import functions.users.DirectoryUser;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who the caller is as a user of the operations pool, for the one rule that needs more than the role: a
 * SystemAdmin cannot disable itself. The name comes from what the fleet's Lambda authorizer put on the request: its
 * {@code principalId} (the token's {@code sub}). Stored lowercased; empty when the request carries none.
 */
public record CallerIdentity(Set<String> names) {

    public CallerIdentity {
        names = Set.copyOf(names);
    }

    /** @param authorizer {@code requestContext.authorizer} of the request; may be null */
    public static CallerIdentity from(Map<String, Object> authorizer) {
        Set<String> names = new TreeSet<>();
        if (authorizer != null) {
            add(names, authorizer.get("principalId"));
        }
        return new CallerIdentity(names);
    }

    boolean isKnown() {
        return !names.isEmpty();
    }

    /** True when {@code user} is the caller: its username (the sub) or its email is one of the caller's names. */
    boolean is(DirectoryUser user) {
        return matches(user.username()) || matches(user.email());
    }

    private boolean matches(String name) {
        return name != null && names.contains(name.toLowerCase(Locale.ROOT));
    }

    private static void add(Set<String> names, Object value) {
        if (value instanceof String s && !s.isBlank()) {
            names.add(s.strip().toLowerCase(Locale.ROOT));
        }
    }
}
