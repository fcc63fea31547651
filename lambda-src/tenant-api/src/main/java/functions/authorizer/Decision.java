package functions.authorizer;

import java.util.Optional;

/**
 * The outcome for one request, with what the handler logs about it.
 *
 * @param outcome what the caller gets for this request
 * @param reason  a fixed code: why (never any part of the token)
 * @param caller  who, once the token is verified
 * @param policy  the policy to return; empty exactly when {@code outcome} is {@link Outcome#UNAUTHORIZED}
 */
record Decision(Outcome outcome, String reason, Optional<Caller> caller, Optional<Policy> policy) {

    enum Outcome {
        /** The returned policy allows this request. */
        ALLOW,
        /** 403: the returned policy denies this request (an explicit Deny, or an Allow that does not list it). */
        DENY,
        /** 401: no policy; the handler fails with {@code Unauthorized}. */
        UNAUTHORIZED
    }

    Decision {
        if ((outcome == Outcome.UNAUTHORIZED) == policy.isPresent()) {
            throw new IllegalArgumentException("a policy is returned unless the caller is unauthorized");
        }
    }

    static Decision unauthorized(String reason, Optional<Caller> caller) {
        return new Decision(Outcome.UNAUTHORIZED, reason, caller, Optional.empty());
    }
}
