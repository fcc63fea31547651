package functions.isolation;

import functions.shared.AwsSessions;
import functions.shared.TenantCredentialScope;
import functions.shared.TenantId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * A pooled function's credentials per tenant: STS AssumeRole of the tenant-access role with the tenant's
 * {@link TenantSessionPolicy}, so what a call can reach is the intersection of the role's own policy and that
 * tenant's shard keys. The session is named {@code tenant-<tenantId>}, which is what CloudTrail shows.
 *
 * <p>Each tenant has the SDK's {@link StsAssumeRoleCredentialsProvider}, whose request carries that tenant's session
 * policy: it keeps the session and assumes the role again, in the calling thread, once it is within
 * {@link #REFRESH_BEFORE_EXPIRY} of expiring (its stale and prefetch times), so a warm function calls STS about once
 * an hour per tenant it serves; it reads the wall clock, so a session from a SnapStart snapshot is judged by its real
 * age. The providers are an LRU of at most {@code maxTenants} (a few hundred bytes each), so a function serving many
 * tenants stays bounded. Callers get a provider per tenant, used as a per-request override on the function's one
 * DynamoDB client: one client and connection pool for all tenants, rather than a client per tenant.
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
    private final int sessionSeconds;
    private final Map<TenantId, StsAssumeRoleCredentialsProvider> providers;

    public TenantCredentials(StsClient sts, String roleArn, TenantSessionPolicy policy) {
        this(sts, roleArn, policy, DEFAULT_MAX_TENANTS, SESSION_SECONDS);
    }

    /** @param sessionSeconds {@link #SESSION_SECONDS}; tests ask for shorter sessions to cross the refresh margin */
    TenantCredentials(StsClient sts, String roleArn, TenantSessionPolicy policy, int maxTenants, int sessionSeconds) {
        this.sts = Objects.requireNonNull(sts, "sts");
        this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sessionSeconds = sessionSeconds;
        if (maxTenants < 1) {
            throw new IllegalArgumentException("maxTenants must be >= 1, got " + maxTenants);
        }
        this.providers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TenantId, StsAssumeRoleCredentialsProvider> eldest) {
                if (size() > maxTenants) {
                    eldest.getValue().close();
                    return true;
                }
                return false;
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
     * The tenant's current credentials, assuming the role when none are kept or they are about to expire.
     * Synchronized: a Lambda environment runs one request at a time, so the lock is uncontended there, and
     * elsewhere it keeps two threads from assuming the role twice for one tenant.
     */
    synchronized AwsSessionCredentials credentials(TenantId tenant) {
        StsAssumeRoleCredentialsProvider provider = providers.computeIfAbsent(tenant, this::providerFor);
        try {
            return (AwsSessionCredentials) provider.resolveCredentials();
        } catch (SdkException e) {
            throw new TenantCredentialsException(tenant, roleArn, AwsSessions.errorCode(e), e);
        }
    }

    static String sessionName(TenantId tenant) {
        // TenantId allows [a-z0-9-] only, at most 36 characters: valid for RoleSessionName ([\w+=,.@-]{2,64}).
        return SESSION_NAME_PREFIX + tenant.value();
    }

    private StsAssumeRoleCredentialsProvider providerFor(TenantId tenant) {
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn)
                        .roleSessionName(sessionName(tenant))
                        .policy(policy.forTenant(tenant))
                        .durationSeconds(sessionSeconds))
                .staleTime(REFRESH_BEFORE_EXPIRY)
                .prefetchTime(REFRESH_BEFORE_EXPIRY)
                .build();
    }
}
