package functions.authorizer;

/**
 * A dependency the decision needs (a pool's JWKS endpoint, the API key table) did not answer. Not the caller's
 * fault, so neither a 401 nor a cacheable 403: the handler fails with another message, API Gateway answers 500
 * and caches nothing, and the client may retry.
 */
final class AuthorizerUnavailableException extends RuntimeException {

    AuthorizerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
