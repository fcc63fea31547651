package functions.authorizer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import functions.shared.TenantId;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The authorizer's per-request work on a tenant API: verify an RS256 Cognito-style ID token (2048-bit key), check
 * its claims, build the policy of all the caller's routes, look up the (cached) API key and evaluate the policy
 * against the method ARN. {@link #cachedJwks} is a warm instance; {@link #jwksFetchedEveryCall} is the same
 * work with the pool's JWKS fetched over loopback HTTP (and parsed) for every request, as without the cache.
 * {@link #signatureOnlyFloor} is the floor of the cached path: Nimbus's RS256 check of the same JWS with the same key,
 * nothing else, so {@code cachedJwks / signatureOnlyFloor} says how much of the authorizer's time is its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuthorizerBenchmark {

    private static final String METHOD_ARN =
            "arn:aws:execute-api:us-east-1:222222222222:a1b2c3d4e5/prod/GET/products/p-123";

    private HttpServer server;
    private Map<String, TrustedPool> pools;
    private ApiKeyResolver apiKeys;
    private Authorizer warm;
    private String authorizationToken;
    private JWSObject signed;
    private JWSVerifier signatureVerifier;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-key-1").keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        byte[] jwks = new JWKSet(key).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
        // Without it the JDK server sends headers and body as two segments, and Nagle plus delayed ACK stall every
        // loopback fetch ~40 ms: the benchmark would measure a TCP timer, not the fetch. Read at the first server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/us-east-1_Bench/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();

        String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/us-east-1_Bench";
        pools = Map.of(issuer, new TrustedPool(issuer, Set.of("benchclient"), PoolScope.POOLED));
        Map<String, String> keys = Map.of("globex", "globex-api-key-value");
        apiKeys = new CachingApiKeyResolver(tenant -> Optional.ofNullable(keys.get(tenant.value())), Clock.systemUTC());
        warm = authorizer(JwksCache.overHttp(Clock.systemUTC()));
        String token = token(key, issuer);
        authorizationToken = "Bearer " + token;
        check(warm.decide(authorizationToken, METHOD_ARN));
        // Parsed once, outside the measurement: the floor is the signature check alone (its signing input is
        // computed at parse time). The verifier is built once, as JwksCache keeps one per key.
        signed = JWSObject.parse(token);
        signatureVerifier = new RSASSAVerifier(key.toRSAPublicKey());
        if (!signatureOnlyFloor()) {
            throw new IllegalStateException("benchmark setup: the token's signature does not verify");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.stop(0);
    }

    @Benchmark
    public Decision cachedJwks() {
        return warm.decide(authorizationToken, METHOD_ARN);
    }

    @Benchmark
    public Decision jwksFetchedEveryCall() {
        return authorizer(JwksCache.overHttp(Clock.systemUTC())).decide(authorizationToken, METHOD_ARN);
    }

    /** The floor: RSASSAVerifier on the same JWS (header, signing input, signature) and the same public key. */
    @Benchmark
    public boolean signatureOnlyFloor() throws Exception {
        return signatureVerifier.verify(signed.getHeader(), signed.getSigningInput(), signed.getSignature());
    }

    private Authorizer authorizer(JwksCache cache) {
        return new Authorizer(ApiKind.TENANT, Optional.empty(),
                new TokenVerifier(pools, cache, Clock.systemUTC()), apiKeys, TenantDirectory.NONE);
    }

    private static String token(RSAKey key, String issuer) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience("benchclient").subject("5f1c3e2a-7b9d-4c11-9e0f-2a3b4c5d6e7f")
                .claim("token_use", "id").claim("cognito:username", "someone@example.com")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(6))))
                .claim("custom:tenantId", "globex").claim("custom:userRole", "TenantUser").claim("custom:tier", "BASIC")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    // A benchmark of a path that denies would measure the wrong thing.
    private static void check(Decision decision) {
        if (decision.outcome() != Decision.Outcome.ALLOW
                || !decision.caller().flatMap(Caller::tenant).equals(Optional.of(new TenantId("globex")))) {
            throw new IllegalStateException("benchmark setup does not authorize: " + decision.reason());
        }
    }
}
