package functions.provisioning;

import functions.shared.ValidationException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Service tier of a tenant, spelled as in the fleet catalog. Pooled tiers share a stack, user pool and usage
 * plan per tier; PLATINUM tenants get a silo stack of their own through TenantStackMapping.
 */
public enum Tier {
    BASIC,
    STANDARD,
    PREMIUM,
    PLATINUM;

    public boolean pooled() {
        return this != PLATINUM;
    }

    /** The tier named exactly {@code value}; a 400 on {@code field} listing the tiers otherwise. */
    public static Tier parse(String field, String value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        return Arrays.stream(values()).filter(t -> t.name().equals(value)).findFirst()
                .orElseThrow(() -> new ValidationException(field, "must be one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
