package functions.users;

/** The pool has no user by this username (or email, in pools that sign in by email). */
public final class UserNotFoundException extends RuntimeException {

    public UserNotFoundException(String userPoolId, String username) {
        super("no user '" + username + "' in user pool " + userPoolId);
    }
}
