package functions.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import functions.shared.TenantId;
import contract.UserRole;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Real RS256 ID tokens, signed with keys made here, verified against JWKS served on loopback. */
class TokenVerifierTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private static final JwksServer SERVER = new JwksServer();
    private static final TestPool POOLED = new TestPool(SERVER, "us-east-1_Pooled", PoolScope.POOLED);
    private static final TestPool OPERATIONS = new TestPool(SERVER, "us-east-1_Ops", PoolScope.OPERATIONS);
    private static final TestPool ACME = new TestPool(SERVER, "eu-west-1_Acme", PoolScope.silo(new TenantId("acme")));

    private final TokenVerifier verifier = verifier(Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    static TokenVerifier verifier(Clock clock) {
        return new TokenVerifier(Map.of(POOLED.issuer, POOLED.trusted(), OPERATIONS.issuer, OPERATIONS.trusted(),
                ACME.issuer, ACME.trusted()), JwksCache.overHttp(clock), clock);
    }

    private static TestPool.Token tenantUser() {
        return POOLED.token(NOW, "TenantUser", "globex", "BASIC");
    }

    private void assertRejected(String token, String reason) {
        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> verifier.verify(token));
        assertEquals(reason, e.reason());
    }

    @Test
    void validIdTokenOfEachRoleGivesItsCaller() {
        Caller user = verifier.verify(tenantUser().sign());
        Caller admin = verifier.verify(POOLED.token(NOW, "TenantAdmin", "globex", "STANDARD").sign());
        Caller sysAdmin = verifier.verify(OPERATIONS.token(NOW, "SystemAdmin", null, null).sign());
        Caller support = verifier.verify(OPERATIONS.token(NOW, "CustomerSupport", null, null).sign());

        assertEquals(UserRole.TENANT_USER, user.role());
        assertEquals(Optional.of(new TenantId("globex")), user.tenant());
        assertEquals(Optional.of("BASIC"), user.tier());
        assertEquals(UserRole.TENANT_ADMIN, admin.role());
        assertEquals(Optional.of("STANDARD"), admin.tier());
        assertEquals(new Caller(sysAdmin.subject(), UserRole.SYSTEM_ADMIN, Optional.empty(), Optional.empty()), sysAdmin);
        assertEquals(UserRole.CUSTOMER_SUPPORT, support.role());
    }

    @Test
    void siloPoolVouchesForItsOwnTenantOnly() {
        assertEquals(Optional.of(new TenantId("acme")),
                verifier.verify(ACME.token(NOW, "TenantUser", "acme", "PLATINUM").sign()).tenant());
        assertRejected(ACME.token(NOW, "TenantAdmin", "globex", "PLATINUM").sign(), "claims_not_vouched_by_pool");
    }

    @Test
    void staffRolesComeOnlyFromTheOperationsPoolAndTenantRolesNeverFromIt() {
        assertRejected(POOLED.token(NOW, "SystemAdmin", "globex", "BASIC").sign(), "claims_not_vouched_by_pool");
        assertRejected(ACME.token(NOW, "CustomerSupport", "acme", "PLATINUM").sign(), "claims_not_vouched_by_pool");
        assertRejected(OPERATIONS.token(NOW, "TenantAdmin", "globex", "BASIC").sign(), "claims_not_vouched_by_pool");
    }

    @Test
    void expiredTokenIsRejectedButSixtySecondsOfClockSkewAreAllowed() {
        assertRejected(tenantUser().expiresAt(NOW.minusSeconds(61)).sign(), "expired");
        assertRejected(tenantUser().claim("exp", null).sign(), "expired");
        assertEquals(UserRole.TENANT_USER, verifier.verify(tenantUser().expiresAt(NOW.minusSeconds(30)).sign()).role());
    }

    @Test
    void tokenNotYetValidOrIssuedInTheFutureIsRejected() {
        assertRejected(tenantUser().claim("nbf", NOW.plusSeconds(300).getEpochSecond()).sign(), "not_yet_valid");
        assertRejected(tenantUser().claim("iat", NOW.plusSeconds(300).getEpochSecond()).sign(), "issued_in_future");
    }

    @Test
    void tokenOfAnIssuerOutsideTheFleetIsRejected() {
        assertRejected(tenantUser().claim("iss", SERVER.issuer("us-east-1_Stranger")).sign(), "untrusted_issuer");
        assertRejected(tenantUser().claim("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pooled").sign(),
                "untrusted_issuer");
        assertRejected(tenantUser().claim("iss", null).sign(), "untrusted_issuer");
        assertEquals(0, SERVER.fetches("us-east-1_Stranger"));
    }

    @Test
    void tokenClaimingATrustedIssuerMustBeSignedByThatIssuersKey() {
        // Signed by the pooled pool, but iss names the operations pool: its kid is unknown there.
        assertRejected(tenantUser().claim("iss", OPERATIONS.issuer).sign(), "unknown_kid");
        // Same, with the operations pool's kid in the header.
        String forged = OPERATIONS.token(NOW, "SystemAdmin", null, null).signedWith(POOLED.signingKey()).sign();
        assertRejected(forged, "bad_signature");
    }

    @Test
    void tokenForAnotherAppClientIsRejected() {
        assertRejected(tenantUser().claim("aud", "someotherclient").sign(), "wrong_audience");
        assertRejected(tenantUser().claim("aud", List.of(POOLED.clientId, "someotherclient")).sign(), "wrong_audience");
        assertRejected(tenantUser().claim("aud", OPERATIONS.clientId).sign(), "wrong_audience");
    }

    @Test
    void accessTokensAreRejected() {
        String access = tenantUser().claim("aud", null).claim("client_id", POOLED.clientId)
                .claim("token_use", "access").sign();
        assertRejected(access, "wrong_audience");
        assertRejected(tenantUser().claim("token_use", "access").sign(), "not_an_id_token");
        assertRejected(tenantUser().claim("token_use", null).sign(), "not_an_id_token");
    }

    @Test
    void tamperedTokenIsRejected() {
        String[] parts = tenantUser().sign().split("\\.");
        // Same header and signature, claims of another tenant.
        String otherTenant = tenantUser().claim("custom:tenantId", "initech").sign().split("\\.")[1];
        assertRejected(parts[0] + "." + otherTenant + "." + parts[2], "bad_signature");
        char c = parts[2].charAt(10);
        String flipped = parts[2].substring(0, 10) + (c == 'A' ? 'B' : 'A') + parts[2].substring(11);
        assertRejected(parts[0] + "." + parts[1] + "." + flipped, "bad_signature");
    }

    @Test
    void unsecuredAlgNoneTokenIsRejected() {
        String none = new PlainJWT(tenantUser().claimsSet()).serialize();
        assertRejected(none, "malformed_token");
        // alg none with a kid and a made-up signature part.
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + POOLED.signingKey().getKeyID() + "\"}")
                .toString();
        assertRejected(header + "." + none.split("\\.")[1] + ".c2ln", "malformed_token");
    }

    @Test
    void hmacTokenSignedWithThePublicKeyIsRejected() throws JOSEException {
        byte[] publicKey = POOLED.signingKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(POOLED.signingKey().getKeyID()).build(), tenantUser().claimsSet());
        hs256.sign(new MACSigner(publicKey));
        assertRejected(hs256.serialize(), "algorithm_not_allowed");
    }

    @Test
    void tokenWithAnUnknownOrNoKidIsRejected() {
        assertRejected(tenantUser().kid("not-a-key-of-this-pool").sign(), "unknown_kid");
        var stranger = TestPool.key("stranger-key");
        assertRejected(tenantUser().signedWith(stranger).kid(stranger.getKeyID()).sign(), "unknown_kid");
        assertRejected(tenantUser().kid(null).sign(), "missing_kid");
    }

    @Test
    void tenantRoleWithoutAValidTenantOrTierIsRejected() {
        assertRejected(tenantUser().claim("custom:tenantId", null).sign(), "missing_tenant");
        assertRejected(POOLED.token(NOW, "TenantAdmin", null, "BASIC").sign(), "missing_tenant");
        assertRejected(tenantUser().claim("custom:tenantId", "Globex").sign(), "invalid_tenant");
        assertRejected(tenantUser().claim("custom:tenantId", "globex/*").sign(), "invalid_tenant");
        assertRejected(tenantUser().claim("custom:tenantId", 42).sign(), "malformed_token");
        assertRejected(tenantUser().claim("custom:tier", null).sign(), "invalid_tier");
        assertRejected(tenantUser().claim("custom:tier", "BASIC*").sign(), "invalid_tier");
    }

    @Test
    void unknownOrMissingRoleOrSubjectIsRejected() {
        assertRejected(tenantUser().claim("custom:userRole", "Root").sign(), "unknown_role");
        assertRejected(tenantUser().claim("custom:userRole", "tenantuser").sign(), "unknown_role");
        assertRejected(tenantUser().claim("custom:userRole", null).sign(), "unknown_role");
        assertRejected(tenantUser().claim("sub", null).sign(), "missing_subject");
    }

    @Test
    void malformedTokensAreRejected() {
        assertRejected("", "malformed_token");
        assertRejected("not-a-jwt", "malformed_token");
        assertRejected("a.b.c", "malformed_token");
        assertRejected(tenantUser().sign() + ".extra", "malformed_token");
        assertRejected(tenantUser().claim("padding", "x".repeat(TokenVerifier.MAX_TOKEN_LENGTH)).sign(),
                "malformed_token");
    }

    @Test
    void keysAreFetchedOncePerPool() {
        TokenVerifier fresh = verifier(Clock.fixed(NOW, ZoneOffset.UTC));
        int before = SERVER.fetches(ACME.poolId);
        for (int i = 0; i < 20; i++) {
            fresh.verify(ACME.token(NOW, "TenantUser", "acme", "PLATINUM").sign());
        }
        assertEquals(before + 1, SERVER.fetches(ACME.poolId));
        assertEquals(Duration.ofSeconds(60), TokenVerifier.CLOCK_SKEW);
    }
}
