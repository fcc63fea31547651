package functions.isolation;

import functions.shared.TenantCredentialScope;
import functions.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import functions.shared.AwsSessions;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A pooled function's credentials per tenant: STS AssumeRole of the tenant-access role with the tenant's
 * {@link TenantSessionPolicy}, so what a call can reach is the intersection of the role's own policy and that
 * tenant's shard keys. The session is named {@code tenant-<tenantId>}, which is what CloudTrail shows.
 *
 * <p>Credentials are cached per tenant and reused until {@link #REFRESH_BEFORE_EXPIRY} before they expire, so a
 * warm function calls STS about once an hour per tenant it serves. The cache is an LRU of at most
 * {@code maxTenants} entries (a few hundred bytes each), so a function serving many tenants stays bounded.
 * Callers get a provider per tenant, used as a per-request override on the function's one DynamoDB client:
 * one client and connection pool for all tenants, rather than a client per tenant.
 *
 * <p>Session tags and a source identity are not set: both need extra trust-policy permissions
 * ({@code sts:TagSession}, {@code sts:SetSourceIdentity}) and tags count against the packed policy size, while the
 * session name already carries the tenant id into CloudTrail.
 */
public final class TenantCredentials implements TenantCredentialScope {

    /** Refresh margin: a request never starts with credentials that could expire while it runs. */
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    /** One hour: the most STS grants a session assumed with role credentials (role chaining) anyway. */
    static final int SESSION_SECONDS = 3600;
    static final int DEFAULT_MAX_TENANTS = 1_000;
    static final String SESSION_NAME_PREFIX = "tenant-";

    private final StsClient sts;
    private final String roleArn;
    private final TenantSessionPolicy policy;
    private final Clock clock;
    private final Map<TenantId, AwsSessionCredentials> cache;

    public TenantCredentials(StsClient sts, String roleArn, TenantSessionPolicy policy) {
        this(sts, roleArn, policy, Clock.systemUTC(), DEFAULT_MAX_TENANTS);
    }

    TenantCredentials(StsClient sts, String roleArn, TenantSessionPolicy policy, Clock clock, int maxTenants) {
        this.sts = Objects.requireNonNull(sts, "sts");
        this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxTenants < 1) {
            throw new IllegalArgumentException("maxTenants must be >= 1, got " + maxTenants);
        }
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TenantId, AwsSessionCredentials> eldest) {
                return size() > maxTenants;
            }
        };
    }

    /** Resolved on every request (each retry included), so a long-lived provider still refreshes in time. */
    @Override
    public Optional<AwsCredentialsProvider> credentialsFor(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return Optional.of(() -> credentials(tenant));
    }

    /**
     * The tenant's current credentials, assuming the role when none are cached or they are about to expire.
     * Synchronized: a Lambda environment runs one request at a time, so the lock is uncontended there, and
     * elsewhere it keeps two threads from assuming the role twice for one tenant.
     */
    synchronized AwsSessionCredentials credentials(TenantId tenant) {
        AwsSessionCredentials cached = cache.get(tenant);
        if (cached != null && fresh(cached)) {
            return cached;
        }
        AwsSessionCredentials assumed = assume(tenant);
        cache.put(tenant, assumed);
        return assumed;
    }

    static String sessionName(TenantId tenant) {
        // TenantId allows [a-z0-9-] only, at most 36 characters: valid for RoleSessionName ([\w+=,.@-]{2,64}).
        return SESSION_NAME_PREFIX + tenant.value();
    }

    private boolean fresh(AwsSessionCredentials credentials) {
        Optional<Instant> expires = credentials.expirationTime();
        return expires.isPresent() && clock.instant().isBefore(expires.get().minus(REFRESH_BEFORE_EXPIRY));
    }

    private AwsSessionCredentials assume(TenantId tenant) {
        Credentials assumed;
        try {
            assumed = sts.assumeRole(r -> r.roleArn(roleArn)
                    .roleSessionName(sessionName(tenant))
                    .policy(policy.forTenant(tenant))
                    .durationSeconds(SESSION_SECONDS)).credentials();
        } catch (SdkException e) {
            throw new TenantCredentialsException(tenant, roleArn, AwsSessions.errorCode(e), e);
        }
        return AwsSessions.credentials(assumed);
    }
}
