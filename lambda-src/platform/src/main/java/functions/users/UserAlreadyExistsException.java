package functions.users;

/** The pool already has a user with this email; another pool may still take it. */
public final class UserAlreadyExistsException extends RuntimeException {

    public UserAlreadyExistsException(String userPoolId, String email) {
        super("a user with email '" + email + "' already exists in user pool " + userPoolId);
    }
}
