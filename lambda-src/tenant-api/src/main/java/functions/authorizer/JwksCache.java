package functions.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signing keys of each trusted pool: one nimbus {@link JWKSourceBuilder} chain per pool (the configured ones and
 * the pools of tenants found in TenantDetails, so never more than the fleet has), built as:
 * <ul>
 *   <li>a cache of the pool's JWK set for {@link #CACHE_TTL}, refreshed when it expires or when a token names a
 *       {@code kid} the set does not hold (the pool may have rotated its keys);</li>
 *   <li>a rate limit under the cache: nimbus allows two fetches per {@link #RATE_LIMIT_INTERVAL}, so a flood of
 *       made-up kids costs the JWKS endpoint nothing, and one fetch is left for a real rotation;</li>
 *   <li>outage tolerance: when a refresh fails, the last fetched set keeps verifying for {@link #OUTAGE_TTL};</li>
 *   <li>no refresh-ahead: it refreshes on a background thread, which Lambda freezes between invocations; a
 *       blocking refresh once per TTL is what a function wants, and starts no thread at init.</li>
 * </ul>
 * The chain is asked with this class's clock rather than through {@code JWKSource.get} (which reads
 * {@code System.currentTimeMillis}), so tests move time by hand; the wall clock is what runs in Lambda.
 */
final class JwksCache {

    static final Duration CACHE_TTL = Duration.ofMinutes(15);
    /** Nimbus's default interval: two fetches per pool per interval at most. */
    static final Duration RATE_LIMIT_INTERVAL = Duration.ofSeconds(30);
    static final Duration OUTAGE_TTL = CACHE_TTL.plus(Duration.ofHours(1));
    // The authorizer's whole budget is a few seconds; a JWKS document is ~1 KB.
    static final int CONNECT_TIMEOUT_MS = 1_000;
    static final int READ_TIMEOUT_MS = 2_000;
    static final int SIZE_LIMIT_BYTES = 64 * 1024;

    private final ResourceRetriever retriever;
    private final Clock clock;
    private final Optional<URI> localJwks;
    private final Map<URI, JWKSetSource<SecurityContext>> pools = new ConcurrentHashMap<>();

    private JwksCache(ResourceRetriever retriever, Clock clock, Optional<URI> localJwks) {
        this.retriever = retriever;
        this.clock = clock;
        this.localJwks = localJwks;
    }

    static JwksCache overHttp(Clock clock) {
        return overHttp(clock, Optional.empty());
    }

    /** @param localJwks see {@link AuthorizerConfig#localJwks()}: a local emulator's JWKS, tests only */
    static JwksCache overHttp(Clock clock, Optional<URI> localJwks) {
        return new JwksCache(new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT_BYTES), clock,
                localJwks);
    }

    /** The pool's own JWKS URL, or the same pool's keys on the local emulator when one is configured. */
    URI location(TrustedPool pool) {
        return localJwks.map(local -> URI.create(local + "/" + pool.poolId() + "/.well-known/jwks.json"))
                .orElseGet(pool::jwksUri);
    }

    /**
     * The verifier for key {@code kid} of {@code pool}; empty when the pool does not have that key (after a refetch,
     * if the rate limit allows one now). Takes a {@link TrustedPool}, not a URL, so that only a trusted pool's own
     * JWKS URL is ever fetched.
     *
     * @throws AuthorizerUnavailableException when the pool's keys cannot be had: no set fetched yet (or it outlived
     *     the outage TTL) and the fetch fails or is rate limited
     */
    Optional<JWSVerifier> verifier(TrustedPool pool, String kid) {
        URI uri = location(pool);
        JWKSetSource<SecurityContext> source = pools.computeIfAbsent(uri, this::sourceFor);
        JWKSelector selector = new JWKSelector(signingKey(kid));
        long now = clock.millis();
        JWKSet known;
        try {
            known = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, null);
        } catch (KeySourceException | RuntimeException e) {
            throw new AuthorizerUnavailableException("cannot fetch JWKS from " + uri, e);
        }
        List<JWK> found = selector.select(known);
        if (found.isEmpty()) {
            try {
                found = selector.select(source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(known), now,
                        null));
            } catch (RateLimitReachedException e) {
                return Optional.empty();   // the set we hold has no such key, and we may not ask again yet
            } catch (KeySourceException | RuntimeException e) {
                throw new AuthorizerUnavailableException("cannot fetch JWKS from " + uri, e);
            }
        }
        return found.stream().findFirst().map(JwksCache::verifierOf);
    }

    private JWKSetSource<SecurityContext> sourceFor(URI uri) {
        try {
            var chain = JWKSourceBuilder.<SecurityContext>create(uri.toURL(), retriever)
                    .cache(CACHE_TTL.toMillis(), CONNECT_TIMEOUT_MS + READ_TIMEOUT_MS)
                    .refreshAheadCache(false)
                    .rateLimited(RATE_LIMIT_INTERVAL.toMillis())
                    .outageTolerant(OUTAGE_TTL.toMillis())
                    .retrying(false)
                    .build();
            return ((JWKSetBasedJWKSource<SecurityContext>) chain).getJWKSetSource();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a JWKS URL: " + uri, e);
        }
    }

    // Only RSA signing keys that name themselves: an encryption key or a key for another algorithm never verifies.
    private static JWKMatcher signingKey(String kid) {
        return new JWKMatcher.Builder()
                .keyType(KeyType.RSA)
                .keyID(kid)
                .keyUses(KeyUse.SIGNATURE, null)
                .algorithms(JWSAlgorithm.RS256, null)
                .build();
    }

    private static JWSVerifier verifierOf(JWK jwk) {
        try {
            return new RSASSAVerifier(((RSAKey) jwk).toRSAPublicKey());
        } catch (JOSEException e) {
            throw new AuthorizerUnavailableException("unusable RSA key " + jwk.getKeyID() + " in the pool's JWKS", e);
        }
    }
}
