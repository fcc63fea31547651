package functions.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signing keys of each trusted pool, fetched on first use and kept for the life of the instance (one entry per
 * pool: the configured ones and the pools of tenants found in TenantDetails, so never more than the fleet has). A token
 * whose {@code kid} is unknown triggers a refetch (the pool may have rotated its keys), but at most one per
 * pool per {@link #MIN_REFETCH_INTERVAL}, so a flood of made-up kids costs the JWKS endpoint nothing; after a
 * failed fetch the next try waits only {@link #FAILURE_BACKOFF}. Written here rather than taken from nimbus's
 * {@code JWKSourceBuilder} because its cache also expires on a timer and its rate limit counts differently;
 * this class is the whole rule, in one place, and is what the tests pin down.
 */
final class JwksCache {

    static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(60);
    static final Duration FAILURE_BACKOFF = Duration.ofSeconds(5);
    // The authorizer's whole budget is a few seconds; a JWKS document is ~1 KB.
    static final int CONNECT_TIMEOUT_MS = 1_000;
    static final int READ_TIMEOUT_MS = 2_000;
    static final int SIZE_LIMIT_BYTES = 64 * 1024;

    /** Reads a JWK set; the real one is an HTTP GET with timeouts and a size limit. */
    @FunctionalInterface
    interface Fetcher {
        JWKSet fetch(URI uri) throws IOException, ParseException;
    }

    private final Fetcher fetcher;
    private final Clock clock;
    private final Optional<URI> localJwks;
    private final Map<URI, PoolKeys> pools = new ConcurrentHashMap<>();

    JwksCache(Fetcher fetcher, Clock clock) {
        this(fetcher, clock, Optional.empty());
    }

    /** @param localJwks see {@link AuthorizerConfig#localJwks()}: a local emulator's JWKS, tests only */
    JwksCache(Fetcher fetcher, Clock clock, Optional<URI> localJwks) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.localJwks = localJwks;
    }

    static JwksCache overHttp(Clock clock) {
        return overHttp(clock, Optional.empty());
    }

    static JwksCache overHttp(Clock clock, Optional<URI> localJwks) {
        DefaultResourceRetriever retriever =
                new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT_BYTES);
        return new JwksCache(uri -> JWKSet.parse(retriever.retrieveResource(uri.toURL()).getContent()), clock,
                localJwks);
    }

    /** The pool's own JWKS URL, or the same pool's keys on the local emulator when one is configured. */
    URI location(TrustedPool pool) {
        return localJwks.map(local -> URI.create(local + "/" + pool.poolId() + "/.well-known/jwks.json"))
                .orElseGet(pool::jwksUri);
    }

    /**
     * The verifier for key {@code kid} of {@code pool}; empty when the pool does not have that key (after a refetch,
     * if one is allowed now). Takes a {@link TrustedPool}, not a URL, so that only a trusted pool's own JWKS URL is
     * ever fetched.
     *
     * @throws AuthorizerUnavailableException when the key is unknown and the pool's last fetch failed
     */
    Optional<JWSVerifier> verifier(TrustedPool pool, String kid) {
        PoolKeys keys = pools.computeIfAbsent(location(pool), PoolKeys::new);
        JWSVerifier known = keys.verifiers.get(kid);
        return known != null ? Optional.of(known) : keys.refreshFor(kid);
    }

    private final class PoolKeys {
        private final URI uri;
        private volatile Map<String, JWSVerifier> verifiers = Map.of();
        private Instant nextFetch = Instant.MIN;
        private boolean lastFetchFailed;

        PoolKeys(URI uri) {
            this.uri = uri;
        }

        // One fetch at a time per pool; a thread that waited here finds the key the other one fetched.
        synchronized Optional<JWSVerifier> refreshFor(String kid) {
            JWSVerifier known = verifiers.get(kid);
            if (known != null) {
                return Optional.of(known);
            }
            Instant now = clock.instant();
            if (now.isBefore(nextFetch)) {
                if (lastFetchFailed) {
                    throw new AuthorizerUnavailableException("JWKS of " + uri + " unavailable", null);
                }
                return Optional.empty();
            }
            try {
                verifiers = verifiersOf(fetcher.fetch(uri));
                lastFetchFailed = false;
                nextFetch = now.plus(MIN_REFETCH_INTERVAL);
            } catch (IOException | ParseException | RuntimeException e) {
                lastFetchFailed = true;
                nextFetch = now.plus(FAILURE_BACKOFF);
                throw new AuthorizerUnavailableException("cannot fetch JWKS from " + uri, e);
            }
            return Optional.ofNullable(verifiers.get(kid));
        }
    }

    // Only RSA signing keys that name themselves: an encryption key or a key for another algorithm never verifies.
    private static Map<String, JWSVerifier> verifiersOf(JWKSet set) throws ParseException {
        Map<String, JWSVerifier> verifiers = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            boolean signing = jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse());
            boolean rs256 = jwk.getAlgorithm() == null || JWSAlgorithm.RS256.equals(jwk.getAlgorithm());
            if (jwk instanceof RSAKey rsa && jwk.getKeyID() != null && signing && rs256) {
                try {
                    verifiers.put(jwk.getKeyID(), new RSASSAVerifier(rsa.toRSAPublicKey()));
                } catch (JOSEException e) {
                    throw new ParseException("unusable RSA key " + jwk.getKeyID() + ": " + e.getMessage(), 0);
                }
            }
        }
        return Map.copyOf(verifiers);
    }
}
