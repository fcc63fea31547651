package functions.authorizer;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * A user pool whose ID tokens this authorizer accepts.
 *
 * @param issuer    the exact {@code iss} value, {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}
 * @param clientIds the app clients whose tokens are accepted ({@code aud} of an ID token)
 * @param scope     which roles and tenants the pool may vouch for
 */
record TrustedPool(String issuer, Set<String> clientIds, PoolScope scope) {

    TrustedPool {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(scope, "scope");
        clientIds = Set.copyOf(clientIds);
    }

    /** Where Cognito publishes the pool's signing keys; derived, never configured, so it cannot point elsewhere. */
    URI jwksUri() {
        return URI.create(issuer + "/.well-known/jwks.json");
    }
}
