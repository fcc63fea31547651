package functions.authorizer;

import functions.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps each tenant's answer for a while, so a warm authorizer reads the key table about once per tenant per
 * {@link #PRESENT_TTL}. The TTL is short because it adds to how long a deactivated tenant (its key item marked
 * {@code enabled=false}) keeps reaching the tenant API. A missing or disabled key is remembered only
 * {@link #ABSENT_TTL}: a tenant whose key is being created or re-enabled right now should not be locked out for
 * long. A failed read is not remembered at all.
 */
final class CachingApiKeyResolver implements ApiKeyResolver {

    static final Duration PRESENT_TTL = Duration.ofSeconds(30);
    static final Duration ABSENT_TTL = Duration.ofSeconds(10);
    // Keys are only looked up for verified tokens, so this bounds memory, not an attacker.
    static final int MAX_TENANTS = 10_000;

    private final ApiKeyResolver delegate;
    private final TtlCache<TenantId, String> cache;

    CachingApiKeyResolver(ApiKeyResolver delegate, Clock clock) {
        this.delegate = delegate;
        this.cache = new TtlCache<>(clock, MAX_TENANTS, key -> key.isPresent() ? PRESENT_TTL : ABSENT_TTL);
    }

    @Override
    public Optional<String> keyFor(TenantId tenant) {
        return cache.get(tenant, delegate::keyFor);
    }
}
