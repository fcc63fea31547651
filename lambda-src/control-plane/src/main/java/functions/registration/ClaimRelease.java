package functions.registration;

/**
 * What {@link RegistrationClaims#releaseName} did with a tenant's name claim. A claim held by another tenant (the
 * name was freed earlier and registered again) is left alone and reported, never an error.
 */
public enum ClaimRelease {
    /** It was this tenant's and is deleted: the name may be registered again. */
    RELEASED,
    /** There was no claim (released before): nothing to do. */
    ALREADY_FREE,
    /** Another tenant holds it now: left as it is. */
    HELD_BY_ANOTHER_TENANT
}
