package functions.authorizer;

import functions.shared.TenantId;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin API's trust in pools that are created at run time, in other accounts: the tier's pooled pool and
 * each silo tenant's pool, known only from the tenant's TenantDetails record. The tenant named by a token's
 * {@code custom:tenantId}, not yet verified, is only a key to look up: the token is then trusted only as a token
 * of that tenant's recorded pool and app client, so its signature is checked against that pool's keys and its
 * verified tenant must be the one looked up ({@link PoolScope#silo}); staff roles are never believed from it.
 *
 * <p>The issuer, and so the JWKS URL, is always built from the recorded pool id, never taken from the token: a
 * token cannot make the authorizer fetch a URL of its choosing. A token whose {@code iss} could not be any
 * Cognito pool's, or whose tenant id is malformed, costs no read at all.
 */
final class TenantPools {

    /** How a pool's issuer is spelled; Cognito's outside tests. */
    @FunctionalInterface
    interface Issuers {
        String issuerOf(String region, String userPoolId);
    }

    static final Issuers COGNITO = (region, userPoolId) ->
            "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId;

    // <region>_<id>, as Cognito names pools (us-east-1_AbCdEf123); nothing in it can change a URL's meaning.
    private static final Pattern USER_POOL_ID = Pattern.compile("([a-z]{2}(?:-[a-z]+)+-\\d{1,2})_[0-9A-Za-z]{1,55}");

    private final TenantDirectory directory;
    private final Issuers issuers;

    TenantPools(TenantDirectory directory, Issuers issuers) {
        this.directory = directory;
        this.issuers = issuers;
    }

    /**
     * The pool a token with these unverified claims may come from: that of the tenant it names, if {@code iss} is
     * that pool's.
     *
     * @throws TokenRejectedException        when no tenant pool can have issued it (401)
     * @throws AuthorizerUnavailableException when the tenant cannot be looked up now
     */
    TrustedPool poolFor(String unverifiedIssuer, String unverifiedTenant) {
        String claimedPool = unverifiedIssuer.substring(unverifiedIssuer.lastIndexOf('/') + 1);
        if (!issuerOf(claimedPool).filter(unverifiedIssuer::equals).isPresent()) {
            throw new TokenRejectedException("untrusted_issuer");
        }
        if (!TenantId.isValid(unverifiedTenant)) {
            throw new TokenRejectedException("invalid_tenant");
        }
        TenantId tenant = new TenantId(unverifiedTenant);
        TenantRecord record = directory.find(tenant).orElseThrow(() -> new TokenRejectedException("unknown_tenant"));
        String issuer = record.userPoolId().flatMap(this::issuerOf)
                .orElseThrow(() -> new TokenRejectedException("tenant_without_pool"));
        String clientId = record.appClientId().filter(TrustedPool::isClientId)
                .orElseThrow(() -> new TokenRejectedException("tenant_without_pool"));
        if (!issuer.equals(unverifiedIssuer)) {
            throw new TokenRejectedException("not_the_tenants_pool");
        }
        return new TrustedPool(issuer, Set.of(clientId), PoolScope.silo(tenant));
    }

    private Optional<String> issuerOf(String userPoolId) {
        Matcher m = USER_POOL_ID.matcher(userPoolId);
        return m.matches() ? Optional.of(issuers.issuerOf(m.group(1), userPoolId)) : Optional.empty();
    }
}
