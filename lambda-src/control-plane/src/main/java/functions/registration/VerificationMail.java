package functions.registration;

/** Delivers a sign-up's one-time code to its admin email ({@link CognitoVerificationMail} in AWS). */
interface VerificationMail {

    /** Sends {@code code} for the sign-up {@code requestId} to {@code email}, replacing any earlier code's mail state. */
    void send(String requestId, String email, String code);

    /** Drops what {@link #send} left behind for {@code requestId}, if anything; idempotent. */
    void forget(String requestId);
}
