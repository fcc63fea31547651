package functions.registration;

/** Where a registration request stands: REGISTERING → PROVISIONING (silo: waits for its stack) → ACTIVE, or FAILED. */
public enum RegistrationStatus {
    REGISTERING,
    PROVISIONING,
    ACTIVE,
    FAILED
}
