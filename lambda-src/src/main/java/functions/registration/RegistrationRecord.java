package functions.registration;

import functions.provisioning.Tier;

/**
 * The saga state of one registration request ({@code request#<requestId>} in the Registrations table).
 * {@code attempt} names the execution that owns the saga until {@code leaseUntil} (epoch millis): another
 * execution may take over only a FAILED registration or an unfinished one whose lease expired.
 * {@code finishedAt} is set when the saga ends well: a silo registration stays PROVISIONING after that, waiting
 * for its stack, and must not be mistaken for a saga that died in PROVISIONING.
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
        String finishedAt,
        String createdAt) {

    /** A saga that may run (again) now: FAILED, or unfinished with its owner's lease expired. */
    boolean resumableAt(long nowMillis) {
        return status == RegistrationStatus.FAILED || (finishedAt == null && leaseUntil < nowMillis);
    }

    RegistrationRecord takenOverBy(String nextAttempt, long nextLeaseUntil) {
        return new RegistrationRecord(requestId, fingerprint, RegistrationStatus.REGISTERING, tenantId, tenantName,
                nameKey, adminEmail, tier, nextAttempt, nextLeaseUntil, null, null, createdAt);
    }
}
