package functions.registration;

import contract.Tier;

/**
 * The saga state of one registration request ({@code request#<requestId>} in the Registrations table).
 * {@code attempt} names the execution that owns the saga until {@code leaseUntil} (epoch millis): another
 * execution may take over only a FAILED registration or an unfinished one whose lease expired.
 * {@code finishedAt} is set when the saga ends well: a silo registration stays PROVISIONING after that, waiting
 * for its stack, and must not be mistaken for a saga that died in PROVISIONING.
 * A public sign-up also holds {@code codeHash} (never the code), {@code codeAttempts} (verification calls so far)
 * and, while PENDING_VERIFICATION, {@code expiresAt} (epoch seconds; 0 once verified or for an operator's).
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
        String address,
        String phone,
        String attempt,
        long leaseUntil,
        String failureReason,
        String finishedAt,
        String createdAt,
        String codeHash,
        int codeAttempts,
        long expiresAt) {

    /** A saga that may run (again) now: FAILED, or unfinished with its owner's lease expired. */
    boolean resumableAt(long nowMillis) {
        return status == RegistrationStatus.FAILED
                || (status != RegistrationStatus.PENDING_VERIFICATION && finishedAt == null && leaseUntil < nowMillis);
    }

    boolean pending() {
        return status == RegistrationStatus.PENDING_VERIFICATION;
    }

    /** An unverified registration past its expiry or out of code attempts: its claims are free for others. */
    boolean lapsedAt(long nowSeconds, int maxCodeAttempts) {
        return pending() && (expiresAt < nowSeconds || codeAttempts >= maxCodeAttempts);
    }

    /** The validated request this registration was made of (address and phone included). */
    RegistrationRequest request() {
        return new RegistrationRequest(tenantName, adminEmail, tier, address, phone);
    }

    RegistrationRecord takenOverBy(String nextAttempt, long nextLeaseUntil) {
        return withSaga(RegistrationStatus.REGISTERING, nextAttempt, nextLeaseUntil, expiresAt);
    }

    /** The proven sign-up, owned by {@code nextAttempt}: its claims are kept for good. */
    RegistrationRecord verifiedBy(String nextAttempt, long nextLeaseUntil) {
        return withSaga(RegistrationStatus.REGISTERING, nextAttempt, nextLeaseUntil, 0);
    }

    /** A lapsed sign-up started again under the same request id: a new code, attempts and expiry. */
    RegistrationRecord restartedWith(String nextAttempt, String nextCodeHash, long nextExpiresAt) {
        return new RegistrationRecord(requestId, fingerprint, RegistrationStatus.PENDING_VERIFICATION, tenantId,
                tenantName, nameKey, adminEmail, tier, address, phone, nextAttempt, leaseUntil, null, null, createdAt,
                nextCodeHash, 0, nextExpiresAt);
    }

    private RegistrationRecord withSaga(RegistrationStatus next, String nextAttempt, long nextLeaseUntil,
                                        long nextExpiresAt) {
        return new RegistrationRecord(requestId, fingerprint, next, tenantId, tenantName, nameKey, adminEmail, tier,
                address, phone, nextAttempt, nextLeaseUntil, null, null, createdAt, codeHash, codeAttempts,
                nextExpiresAt);
    }
}
