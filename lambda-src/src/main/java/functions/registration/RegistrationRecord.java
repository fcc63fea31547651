package functions.registration;

import functions.provisioning.Tier;

/**
 * The saga state of one registration request ({@code request#<requestId>} in the Registrations table).
 * {@code attempt} names the execution that owns the saga until {@code leaseUntil} (epoch millis): another
 * execution may take over only an expired REGISTERING or a FAILED registration.
 */
record RegistrationRecord(
        String requestId,
        String fingerprint,
        RegistrationStatus status,
        String tenantId,
        String tenantName,
        String nameKey,
        String adminEmail,
        Tier tier,
        String attempt,
        long leaseUntil,
        String failureReason,
        String createdAt) {

    RegistrationRecord takenOverBy(String nextAttempt, long nextLeaseUntil) {
        return new RegistrationRecord(requestId, fingerprint, RegistrationStatus.REGISTERING, tenantId, tenantName,
                nameKey, adminEmail, tier, nextAttempt, nextLeaseUntil, null, createdAt);
    }
}
