package functions.registration;

/** The body of POST /registration/{requestId}/verify: the code from the email; unknown fields are a 400. */
public record VerificationInput(String code) {
}
