package functions.authorizer;

import java.time.Clock;
import java.util.Map;

/** For tests outside this package: the handler built from an environment, as its Lambda constructor builds it. */
public final class AuthorizerHandlers {

    private AuthorizerHandlers() {
    }

    /** With {@code clock} instead of the system clock, so a test can step past the authorizer's caches. */
    public static AuthorizerHandler fromEnvironment(Map<String, String> env, Clock clock) {
        return new AuthorizerHandler(AuthorizerConfig.fromEnvironment(env), clock);
    }
}
