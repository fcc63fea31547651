package app;

import java.util.Locale;

/**
 * Service tier of a tenant. Pooled tiers share one stack per account/region; PLATINUM tenants are silo
 * tenants and each get a stack of their own.
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
}
