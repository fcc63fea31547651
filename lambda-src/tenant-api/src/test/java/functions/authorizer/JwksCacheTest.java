package functions.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import contract.UserRole;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import functions.shared.MutableClock;

/** When the authorizer fetches a pool's keys, and how often it may: counted on a loopback JWKS server. */
class JwksCacheTest {

    private static final Instant NOW = TokenVerifierTest.NOW;

    private final JwksServer server = new JwksServer();
    private final TestPool pool = new TestPool(server, "us-east-1_Rotating", PoolScope.POOLED);
    private final MutableClock clock = new MutableClock(NOW);
    private final TokenVerifier verifier =
            new TokenVerifier(Map.of(pool.issuer, pool.trusted()), JwksCache.overHttp(clock), clock);

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String token() {
        return pool.token(clock.instant(), "TenantUser", "globex", "BASIC").sign();
    }

    private String tokenWithRandomKid() {
        return pool.token(clock.instant(), "TenantUser", "globex", "BASIC").kid(UUID.randomUUID().toString()).sign();
    }

    private String rejection(String token) {
        return assertThrows(TokenRejectedException.class, () -> verifier.verify(token)).reason();
    }

    @Test
    void rotatedKeyIsFetchedOnItsFirstUnknownKidAndAccepted() {
        verifier.verify(token());
        clock.advance(Duration.ofMinutes(10));
        pool.rotate("us-east-1_Rotating-key-2");

        assertEquals(UserRole.TENANT_USER, verifier.verify(token()).role());
        assertEquals(2, server.fetches(pool.poolId));
        verifier.verify(token());
        assertEquals(2, server.fetches(pool.poolId));
    }

    // Nimbus's RateLimitedJWKSetSource allows two fetches per interval ("so that there is always one left in case
    // the JWKs are rotated"): the first fetch and one refresh, then none until the interval has passed.
    @Test
    void floodOfUnknownKidsFetchesAtMostTwicePerRateLimitInterval() {
        verifier.verify(token());
        for (int i = 0; i < 300; i++) {
            assertEquals("unknown_kid", rejection(tokenWithRandomKid()));
        }
        assertEquals(2, server.fetches(pool.poolId));

        clock.advance(JwksCache.RATE_LIMIT_INTERVAL);
        for (int i = 0; i < 290; i++) {
            assertEquals("unknown_kid", rejection(tokenWithRandomKid()));
            clock.advance(Duration.ofMillis(100));
        }
        assertEquals(4, server.fetches(pool.poolId));
    }

    @Test
    void keyRotatedSoonAfterAFetchIsFetchedWithTheIntervalsSpareFetchAndASecondRotationWaitsForTheInterval() {
        verifier.verify(token());
        pool.rotate("us-east-1_Rotating-key-2");
        clock.advance(Duration.ofSeconds(10));

        assertEquals(UserRole.TENANT_USER, verifier.verify(token()).role());
        assertEquals(2, server.fetches(pool.poolId));

        pool.rotate("us-east-1_Rotating-key-3");
        clock.advance(Duration.ofSeconds(10));
        assertEquals("unknown_kid", rejection(token()));
        assertEquals(2, server.fetches(pool.poolId));
        clock.advance(JwksCache.RATE_LIMIT_INTERVAL.minusSeconds(20));
        assertEquals(UserRole.TENANT_USER, verifier.verify(token()).role());
        assertEquals(3, server.fetches(pool.poolId));
    }

    // Nimbus has no separate backoff after a failure: a failed fetch counts against the same rate limit.
    @Test
    void failedFetchIsUnavailableAndRetriedOnceThenOnlyAfterTheRateLimitInterval() {
        server.failing(pool.poolId, true);
        assertThrows(AuthorizerUnavailableException.class, () -> verifier.verify(token()));
        assertThrows(AuthorizerUnavailableException.class, () -> verifier.verify(token()));
        assertThrows(AuthorizerUnavailableException.class, () -> verifier.verify(token()));
        assertEquals(2, server.fetches(pool.poolId));

        server.failing(pool.poolId, false);
        clock.advance(JwksCache.RATE_LIMIT_INTERVAL.minusSeconds(1));
        assertThrows(AuthorizerUnavailableException.class, () -> verifier.verify(token()));
        assertEquals(2, server.fetches(pool.poolId));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(UserRole.TENANT_USER, verifier.verify(token()).role());
        assertEquals(3, server.fetches(pool.poolId));
    }

    @Test
    void keysAreFetchedAgainWhenTheCacheExpires() {
        verifier.verify(token());
        clock.advance(JwksCache.CACHE_TTL.minusSeconds(1));
        verifier.verify(token());
        assertEquals(1, server.fetches(pool.poolId));
        clock.advance(Duration.ofSeconds(1));
        verifier.verify(token());
        assertEquals(2, server.fetches(pool.poolId));
    }

    @Test
    void duringAJwksOutageTheLastFetchedKeysKeepVerifyingUntilTheOutageTtl() {
        verifier.verify(token());
        server.failing(pool.poolId, true);
        clock.advance(JwksCache.CACHE_TTL);

        assertEquals(UserRole.TENANT_USER, verifier.verify(token()).role(), "the cache expired, the fetch failed");
        assertEquals(2, server.fetches(pool.poolId));
        clock.advance(JwksCache.OUTAGE_TTL.minus(JwksCache.CACHE_TTL));
        assertThrows(AuthorizerUnavailableException.class, () -> verifier.verify(token()));
    }

    @Test
    void keysNotMeantForRs256SignaturesAreIgnored() throws Exception {
        RSAKey encryption = new RSAKey.Builder(TestPool.key("enc-key")).keyUse(KeyUse.ENCRYPTION).build();
        RSAKey ps256 = new RSAKey.Builder(TestPool.key("ps-key")).algorithm(JWSAlgorithm.PS256).build();
        server.publish(pool.poolId, new JWKSet(List.of(encryption, ps256)));

        assertEquals("unknown_kid", rejection(pool.token(NOW, "TenantUser", "globex", "BASIC")
                .signedWith(encryption).kid("enc-key").sign()));
        assertEquals("unknown_kid", rejection(pool.token(NOW, "TenantUser", "globex", "BASIC")
                .signedWith(ps256).kid("ps-key").sign()));
    }

    @Test
    void hangingJwksEndpointTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer hanging = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hanging.createContext("/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        ExecutorService executor = Executors.newSingleThreadExecutor();
        hanging.setExecutor(executor);
        hanging.start();
        try {
            TrustedPool hangingPool = new TrustedPool("http://127.0.0.1:" + hanging.getAddress().getPort() + "/p",
                    Set.of("c"), PoolScope.POOLED);
            long start = System.nanoTime();
            assertThrows(AuthorizerUnavailableException.class,
                    () -> JwksCache.overHttp(clock).verifier(hangingPool, "k"));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsedMs < JwksCache.CONNECT_TIMEOUT_MS + JwksCache.READ_TIMEOUT_MS + 1_500,
                    "took " + elapsedMs + " ms");
        } finally {
            release.countDown();
            hanging.stop(0);
            executor.shutdownNow();
        }
    }
}
