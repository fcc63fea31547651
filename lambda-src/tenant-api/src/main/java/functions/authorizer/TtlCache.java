package functions.authorizer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A small per-instance cache of lookups by key: Caffeine's bounded cache, each answer kept for the time {@code ttl}
 * gives it (present and absent answers may differ; {@link Duration#ZERO} keeps nothing), a failed lookup never kept,
 * at most {@code maxEntries} answers held, so keys a caller makes up cannot grow it without bound.
 *
 * <p>Time is the wall clock, not {@code System.nanoTime} (Caffeine's default ticker): after a SnapStart restore an
 * answer from the snapshot must count as old. Maintenance runs on the calling thread, so the bound holds when a call
 * returns and the function starts no thread of its own.
 *
 * @param <K> the key
 * @param <V> the value; an absent answer is {@link Optional#empty()}
 */
final class TtlCache<K, V> {

    private final Function<Optional<V>, Duration> ttl;
    private final Cache<K, Optional<V>> entries;

    TtlCache(Clock clock, int maxEntries, Function<Optional<V>, Duration> ttl) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.ttl = ttl;
        long origin = clock.millis();
        // Nanoseconds since construction on the wall clock: epoch nanoseconds would overflow a long.
        Ticker wallClock = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis() - origin);
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.<K, Optional<V>>writing((key, value) -> atLeastZero(ttl.apply(value))))
                .ticker(wallClock)
                .executor(Runnable::run)
                .build();
    }

    /** The kept answer for {@code key}, or {@code loader}'s (kept for its TTL); the loader's exceptions pass through. */
    Optional<V> get(K key, Function<K, Optional<V>> loader) {
        Optional<V> kept = entries.getIfPresent(key);
        if (kept != null) {
            return kept;
        }
        Optional<V> value = loader.apply(key);
        // An answer with no TTL is not stored at all: stored with a zero expiry it would still take a slot until
        // Caffeine's timer wheel (about a second per bucket) drops it.
        if (keeps(ttl.apply(value))) {
            entries.put(key, value);
        } else {
            entries.invalidate(key);
        }
        return value;
    }

    /** Answers held now, expired ones dropped first. */
    int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }

    private static boolean keeps(Duration keep) {
        return !keep.isZero() && !keep.isNegative();
    }

    private static Duration atLeastZero(Duration keep) {
        return keep.isNegative() ? Duration.ZERO : keep;
    }
}
