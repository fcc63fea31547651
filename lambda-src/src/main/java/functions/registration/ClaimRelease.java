package functions.registration;

import java.util.Objects;

/**
 * What {@link RegistrationClaims#release} did with each uniqueness claim of a tenant. A claim held by another
 * tenant (the name or email was freed earlier and registered again) is left alone and reported, never an error.
 *
 * @param tenantName the {@code tenantName#<normalized name>} claim
 * @param adminEmail the {@code adminEmail#<email>} claim
 */
public record ClaimRelease(Outcome tenantName, Outcome adminEmail) {

    /** One claim's fate. */
    public enum Outcome {
        /** It was this tenant's and is deleted: the value may be registered again. */
        RELEASED,
        /** There was no claim (released before): nothing to do. */
        ALREADY_FREE,
        /** Another tenant holds it now: left as it is. */
        HELD_BY_ANOTHER_TENANT
    }

    public ClaimRelease {
        Objects.requireNonNull(tenantName, "ClaimRelease: tenantName is required");
        Objects.requireNonNull(adminEmail, "ClaimRelease: adminEmail is required");
    }

    /** True unless a claim belongs to another tenant: neither value is held for this tenant any more. */
    public boolean noneHeldByOthers() {
        return tenantName != Outcome.HELD_BY_ANOTHER_TENANT && adminEmail != Outcome.HELD_BY_ANOTHER_TENANT;
    }
}
