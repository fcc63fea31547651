package functions.authorizer;

import functions.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps each known tenant's record for {@link #TTL}, so a warm admin authorizer reads TenantDetails about once per
 * tenant per TTL; the TTL adds to how long a deactivated tenant's users keep reaching the admin API, so it is
 * short. An unknown tenant is not remembered at all: the id comes from a token not yet verified, so a flood of
 * made-up ids would defeat a negative cache anyway and only push real tenants out of it, and a tenant that was
 * just registered is found at once. A failed read is never remembered. At most {@link #MAX_TENANTS} records are
 * held; only ids of real tenants can be cached, so the bound is reached only by a fleet that large.
 */
final class CachingTenantDirectory implements TenantDirectory {

    static final Duration TTL = Duration.ofSeconds(30);
    static final int MAX_TENANTS = 10_000;

    private final TenantDirectory delegate;
    private final TtlCache<TenantId, TenantRecord> cache;

    CachingTenantDirectory(TenantDirectory delegate, Clock clock) {
        this.delegate = delegate;
        this.cache = new TtlCache<>(clock, MAX_TENANTS, found -> found.isPresent() ? TTL : Duration.ZERO);
    }

    @Override
    public Optional<TenantRecord> find(TenantId tenant) {
        return cache.get(tenant, delegate::find);
    }
}
