package functions.users;

/** The pool rejected a listing's page token: it was not one the pool handed out (tampered, or from another listing). */
public final class InvalidPageTokenException extends RuntimeException {

    public InvalidPageTokenException(String userPoolId) {
        super("user pool " + userPoolId + " rejected the page token");
    }
}
