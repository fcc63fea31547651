package functions.authorizer;

import functions.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each tenant's answer for a while, so a warm authorizer reads the key table about once per tenant per
 * {@link #PRESENT_TTL}. A missing key is remembered only {@link #ABSENT_TTL}: a tenant whose key is being
 * created right now should not be locked out for long. A failed read is not remembered at all.
 */
final class CachingApiKeyResolver implements ApiKeyResolver {

    static final Duration PRESENT_TTL = Duration.ofMinutes(5);
    static final Duration ABSENT_TTL = Duration.ofSeconds(30);

    private record Entry(Optional<String> key, Instant expires) {
    }

    private final ApiKeyResolver delegate;
    private final Clock clock;
    private final Map<TenantId, Entry> entries = new ConcurrentHashMap<>();

    CachingApiKeyResolver(ApiKeyResolver delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Optional<String> keyFor(TenantId tenant) {
        Instant now = clock.instant();
        Entry entry = entries.get(tenant);
        if (entry == null || !now.isBefore(entry.expires())) {
            Optional<String> key = delegate.keyFor(tenant);
            entry = new Entry(key, now.plus(key.isPresent() ? PRESENT_TTL : ABSENT_TTL));
            entries.put(tenant, entry);
        }
        return entry.key();
    }
}
