package functions.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import functions.shared.TenantId;
import contract.UserRole;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a Cognito ID token into a {@link Caller} or rejects it with a reason code: RS256 only, signed by a key of
 * the trusted pool its {@code iss} names (a configured one, or on the admin API the recorded pool of the tenant it
 * names, see {@link TenantPools}), for one of that pool's app clients, within its lifetime (±
 * {@link #CLOCK_SKEW}), an ID token (access tokens carry no custom claims), with a known role and the tenant
 * and tier a tenant role needs, all of which that pool may vouch for.
 */
final class TokenVerifier {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    // Cognito ID tokens are 1-2 KB; anything far larger is not one and is not worth parsing.
    static final int MAX_TOKEN_LENGTH = 8 * 1024;

    static final String TENANT_CLAIM = contract.Claim.TENANT_ID.claim();
    static final String ROLE_CLAIM = contract.Claim.USER_ROLE.claim();
    static final String TIER_CLAIM = contract.Claim.TIER.claim();

    private static final Pattern TIER = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, TrustedPool> pools;
    private final JwksCache keys;
    private final Clock clock;
    private final Optional<TenantPools> tenantPools;

    /** Trusts the configured pools only (tenant APIs). */
    TokenVerifier(Map<String, TrustedPool> pools, JwksCache keys, Clock clock) {
        this(pools, keys, clock, Optional.empty());
    }

    /** Trusts the configured pools and, for any other issuer, the pool of the tenant the token names (admin API). */
    TokenVerifier(Map<String, TrustedPool> pools, JwksCache keys, Clock clock, Optional<TenantPools> tenantPools) {
        this.pools = Map.copyOf(pools);
        this.keys = keys;
        this.clock = clock;
        this.tenantPools = tenantPools;
    }

    /**
     * @throws TokenRejectedException        when the token proves nothing (401)
     * @throws AuthorizerUnavailableException when the pool's keys or the tenant's record cannot be read now
     */
    Caller verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRejectedException("malformed_token");
        }
        SignedJWT jwt = parse(token);
        JWSHeader header = jwt.getHeader();
        // Pinned, never taken from the token: this is what stops alg none, HS256-with-the-public-key and friends.
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
            throw new TokenRejectedException("algorithm_not_allowed");
        }
        if (header.getKeyID() == null) {
            throw new TokenRejectedException("missing_kid");
        }
        JWTClaimsSet claims = claims(jwt);
        TrustedPool pool = trustedPool(claims);
        JWSVerifier verifier = keys.verifier(pool, header.getKeyID())
                .orElseThrow(() -> new TokenRejectedException("unknown_kid"));
        if (!verified(jwt, verifier)) {
            throw new TokenRejectedException("bad_signature");
        }
        checkLifetime(claims);
        checkAudience(claims, pool);
        if (!"id".equals(text(claims, "token_use"))) {
            throw new TokenRejectedException("not_an_id_token");
        }
        return caller(claims, pool);
    }

    // From claims not yet verified: they only choose which trusted pool's keys the signature must then match.
    private TrustedPool trustedPool(JWTClaimsSet claims) {
        String issuer = claims.getIssuer();
        if (issuer == null) {
            throw new TokenRejectedException("untrusted_issuer");
        }
        TrustedPool configured = pools.get(issuer);
        if (configured != null) {
            return configured;
        }
        return tenantPools.orElseThrow(() -> new TokenRejectedException("untrusted_issuer"))
                .poolFor(issuer, text(claims, TENANT_CLAIM));
    }

    private static SignedJWT parse(String token) {
        try {
            // Rejects anything but a three-part JWS, including unsecured ("alg":"none") JWTs.
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new TokenRejectedException("malformed_token");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejectedException("malformed_token");
        }
    }

    private static boolean verified(SignedJWT jwt, JWSVerifier verifier) {
        try {
            return jwt.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private void checkLifetime(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null || !now.isBefore(expiry.toInstant().plus(CLOCK_SKEW))) {
            throw new TokenRejectedException("expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(CLOCK_SKEW))) {
            throw new TokenRejectedException("not_yet_valid");
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && now.isBefore(issuedAt.toInstant().minus(CLOCK_SKEW))) {
            throw new TokenRejectedException("issued_in_future");
        }
    }

    // A Cognito ID token names exactly one audience, the app client it was issued to.
    private static void checkAudience(JWTClaimsSet claims, TrustedPool pool) {
        List<String> audience = claims.getAudience();
        if (audience.size() != 1 || !pool.clientIds().contains(audience.get(0))) {
            throw new TokenRejectedException("wrong_audience");
        }
    }

    private static Caller caller(JWTClaimsSet claims, TrustedPool pool) {
        String subject = text(claims, "sub");
        if (subject == null || subject.isBlank()) {
            throw new TokenRejectedException("missing_subject");
        }
        UserRole role = role(text(claims, ROLE_CLAIM));
        Optional<String> rawTenant = Optional.ofNullable(text(claims, TENANT_CLAIM));
        Optional<String> tier = Optional.ofNullable(text(claims, TIER_CLAIM));
        if (!Roles.isStaff(role) && rawTenant.isEmpty()) {
            throw new TokenRejectedException("missing_tenant");
        }
        if (rawTenant.isPresent() && !TenantId.isValid(rawTenant.get())) {
            throw new TokenRejectedException("invalid_tenant");
        }
        if ((!Roles.isStaff(role) && tier.isEmpty()) || tier.filter(t -> !TIER.matcher(t).matches()).isPresent()) {
            throw new TokenRejectedException("invalid_tier");
        }
        Optional<TenantId> tenant = rawTenant.map(TenantId::new);
        if (!pool.scope().admits(role, tenant)) {
            throw new TokenRejectedException("claims_not_vouched_by_pool");
        }
        return new Caller(subject, role, tenant, tier);
    }

    private static UserRole role(String claim) {
        try {
            return UserRole.fromClaim(claim);
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException("unknown_role");
        }
    }

    private static String text(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new TokenRejectedException("malformed_token");
        }
    }
}
