package functions.authorizer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small per-instance cache of lookups by key on a wall clock: each answer is kept for the time {@code ttl}
 * gives it (present and absent answers may differ; {@link Duration#ZERO} keeps nothing), a failed lookup is never
 * kept, and at most {@code maxEntries} answers are held, so keys a caller makes up cannot grow it without bound.
 *
 * @param <K> the key
 * @param <V> the value; an absent answer is {@link Optional#empty()}
 */
final class TtlCache<K, V> {

    private record Entry<V>(Optional<V> value, Instant expires) {
    }

    private final Clock clock;
    private final int maxEntries;
    private final Function<Optional<V>, Duration> ttl;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    TtlCache(Clock clock, int maxEntries, Function<Optional<V>, Duration> ttl) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.ttl = ttl;
    }

    /** The kept answer for {@code key}, or {@code loader}'s (kept for its TTL); the loader's exceptions pass through. */
    Optional<V> get(K key, Function<K, Optional<V>> loader) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.value();
        }
        Optional<V> value = loader.apply(key);
        Duration keep = ttl.apply(value);
        if (keep.isZero() || keep.isNegative()) {
            entries.remove(key);
        } else {
            makeRoom(now, key);
            entries.put(key, new Entry<>(value, now.plus(keep)));
        }
        return value;
    }

    int size() {
        return entries.size();
    }

    // Expired answers go first; if every answer is still live, an arbitrary one makes way: losing a live entry
    // only costs one more read, and keeps memory bounded whatever keys arrive.
    private void makeRoom(Instant now, K incoming) {
        if (entries.size() < maxEntries || entries.containsKey(incoming)) {
            return;
        }
        entries.values().removeIf(entry -> !now.isBefore(entry.expires()));
        Iterator<K> keys = entries.keySet().iterator();
        while (entries.size() >= maxEntries && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
