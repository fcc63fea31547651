package functions.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A validated tenant id: a silo tenant's slug ({@code acme}) or a pooled tenant's UUID.
 *
 * <p>Only lowercase is accepted: the id is the leading part of every partition key, so two spellings of
 * one tenant would silently split its data.
 */
public record TenantId(String value) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{2,31}");
    private static final Pattern UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (!isValid(value)) {
            throw new IllegalArgumentException(
                    "tenant id must match [a-z0-9][a-z0-9-]{2,31} or be a lowercase UUID, got '" + value + "'");
        }
    }

    public static boolean isValid(String candidate) {
        return candidate != null && (SLUG.matcher(candidate).matches() || UUID.matcher(candidate).matches());
    }

    @Override
    public String toString() {
        return value;
    }
}
