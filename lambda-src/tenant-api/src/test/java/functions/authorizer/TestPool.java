package functions.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Cognito user pool as the authorizer sees it: an issuer URL on the {@link JwksServer}, an app client id, an
 * RSA 2048 signing key generated here and published as the pool's JWKS, and ID tokens signed with it.
 */
final class TestPool {

    private static final Map<String, RSAKey> KEYS = new ConcurrentHashMap<>();

    final String poolId;
    final String issuer;
    final String clientId;
    final PoolScope scope;
    private final JwksServer server;
    private RSAKey signingKey;

    TestPool(JwksServer server, String poolId, PoolScope scope) {
        this.server = server;
        this.poolId = poolId;
        this.issuer = server.issuer(poolId);
        this.clientId = "client" + poolId.replace("-", "").replace("_", "");
        this.scope = scope;
        this.signingKey = key(poolId + "-key-1");
        server.publish(poolId, new JWKSet(signingKey));
    }

    /**
     * The RSA 2048 signing key named {@code kid}: one per kid and JVM, so a kid always names the same key (as a
     * published key does) and two kids never share one. Generated once: in the C1-only test JVM one generation
     * costs about a second of CPU, and these tests asked for some 80 (four pools per AdminApiTenantPoolsTest test).
     */
    static RSAKey key(String kid) {
        return KEYS.computeIfAbsent(kid, TestPool::generate);
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cognito-style rotation: a new signing key, published alone; tokens are signed with it from now on. */
    void rotate(String newKid) {
        signingKey = key(newKid);
        server.publish(poolId, new JWKSet(signingKey));
    }

    RSAKey signingKey() {
        return signingKey;
    }

    TrustedPool trusted() {
        return new TrustedPool(issuer, Set.of(clientId), scope);
    }

    /** The pool's entry as TRUSTED_POOLS lists it. */
    String configEntry() {
        String scopeField = switch (scope.kind()) {
            case OPERATIONS -> "operations";
            case POOLED -> "pooled";
            case SILO -> "tenant:" + scope.siloTenant().orElseThrow();
        };
        return issuer + "|" + clientId + "|" + scopeField;
    }

    /** An ID token as Cognito issues it, valid for an hour from {@code now}; adjust before {@link Token#sign}. */
    Token token(Instant now, String role, String tenantId, String tier) {
        Token token = new Token(signingKey)
                .claim("iss", issuer)
                .claim("aud", clientId)
                .claim("token_use", "id")
                .claim("sub", UUID.randomUUID().toString())
                .claim("auth_time", now.getEpochSecond())
                .claim("iat", now.getEpochSecond())
                .claim("exp", now.plus(Duration.ofHours(1)).getEpochSecond())
                .claim("cognito:username", "someone@example.com")
                .claim(TokenVerifier.ROLE_CLAIM, role);
        return token.claim(TokenVerifier.TENANT_CLAIM, tenantId).claim(TokenVerifier.TIER_CLAIM, tier);
    }

    /** A token under construction: claims by name (a null value leaves the claim out), then signed. */
    static final class Token {
        private final Map<String, Object> claims = new HashMap<>();
        private RSAKey key;
        private String kid;

        Token(RSAKey key) {
            this.key = key;
            this.kid = key.getKeyID();
        }

        Token claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        Token expiresAt(Instant when) {
            return claim("exp", when.getEpochSecond());
        }

        Token kid(String newKid) {
            this.kid = newKid;
            return this;
        }

        Token signedWith(RSAKey otherKey) {
            this.key = otherKey;
            return this;
        }

        JWTClaimsSet claimsSet() {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
            claims.forEach((name, value) -> builder.claim(name, value instanceof Long seconds
                    && (name.equals("exp") || name.equals("iat") || name.equals("nbf") || name.equals("auth_time"))
                    ? new Date(seconds * 1000) : value));
            return builder.build();
        }

        String sign() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claimsSet());
                jwt.sign(new RSASSASigner(key));
                String token = jwt.serialize();
                // A token must never reach a log line (NoSecretsInLogsTest scans for every one minted).
                functions.shared.LogCapture.secret(token);
                return token;
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
