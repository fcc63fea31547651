package functions.registration;

/**
 * Where a registration request stands: a public sign-up starts PENDING_VERIFICATION (claims only, until its admin
 * email is proven or it lapses), then REGISTERING → PROVISIONING (silo: waits for its stack) → ACTIVE, or FAILED.
 * An operator's registration starts REGISTERING.
 */
public enum RegistrationStatus {
    PENDING_VERIFICATION,
    REGISTERING,
    PROVISIONING,
    ACTIVE,
    FAILED
}
