package functions.authorizer;

import java.net.URI;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user pool whose ID tokens this authorizer accepts.
 *
 * @param issuer    the exact {@code iss} value, {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}
 * @param clientIds the app clients whose tokens are accepted ({@code aud} of an ID token)
 * @param scope     which roles and tenants the pool may vouch for
 */
record TrustedPool(String issuer, Set<String> clientIds, PoolScope scope) {

    // Cognito's own rule for app client ids.
    private static final Pattern CLIENT_ID = Pattern.compile("[\\w+]{1,128}");

    TrustedPool {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(scope, "scope");
        clientIds = Set.copyOf(clientIds);
    }

    static boolean isClientId(String candidate) {
        return CLIENT_ID.matcher(candidate).matches();
    }

    /**
     * Where Cognito publishes the pool's signing keys: derived from this trusted issuer (configured, or built from a
     * tenant's recorded pool id), never configured on its own nor taken from a token, so it cannot point elsewhere.
     */
    URI jwksUri() {
        return URI.create(issuer + "/.well-known/jwks.json");
    }

    /** The user pool id: the issuer's last path segment ({@code <region>_<id>}). */
    String poolId() {
        return issuer.substring(issuer.lastIndexOf('/') + 1);
    }
}
