package functions.authorizer;

/**
 * A token that proves nothing: malformed, unsigned, badly signed, expired, from an untrusted pool or with claims
 * the authorizer cannot act on. Always a 401. The reason is a fixed code that is safe to log; it never carries
 * any part of the token.
 */
final class TokenRejectedException extends RuntimeException {

    private final String reason;

    TokenRejectedException(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    /** A fixed snake_case code such as {@code expired} or {@code bad_signature}. */
    String reason() {
        return reason;
    }
}
