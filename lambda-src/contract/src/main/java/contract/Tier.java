package contract;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Service tier of a tenant, spelled as in the fleet catalog and the {@code custom:tier} claim. Pooled tiers share one
 * stack (user pool, usage plan) per account and region; PLATINUM tenants are silo tenants, each with a stack of its
 * own.
 */
public enum Tier {
    BASIC,
    STANDARD,
    PREMIUM,
    PLATINUM;

    /** True when tenants of this tier share a pooled stack instead of getting a silo stack. */
    public boolean pooled() {
        return this != PLATINUM;
    }

    /** Lowercase name; stack names and construct ids use it, so it must stay stable. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier named exactly {@code value} (case-sensitive), if any. */
    public static Optional<Tier> named(String value) {
        return Arrays.stream(values()).filter(t -> t.name().equals(value)).findFirst();
    }

    /** Every tier's name, comma-separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
