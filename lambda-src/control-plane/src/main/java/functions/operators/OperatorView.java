package functions.operators;

import com.fasterxml.jackson.annotation.JsonInclude;
import functions.users.DirectoryUser;

/**
 * An operator as the admin API shows it. {@code userName} is the pool's username (the user's {@code sub}, as the
 * pool signs in by email); the routes take it or the email. {@code status} is Cognito's account status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperatorView(String userName, String email, String role, boolean enabled, String status) {

    static OperatorView of(DirectoryUser user) {
        return new OperatorView(user.username(), user.email(), user.role().claimValue(), user.enabled(),
                user.status());
    }
}
