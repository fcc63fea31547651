package functions.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import functions.shared.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one small cache the authorizer keeps per tenant: TTL by answer, nothing kept for ZERO, bounded size. */
class TtlCacheTest {

    private final MutableClock clock = new MutableClock(TokenVerifierTest.NOW);
    private final AtomicInteger reads = new AtomicInteger();

    private Optional<String> load(String key) {
        reads.incrementAndGet();
        return key.startsWith("known") ? Optional.of("v-" + key) : Optional.empty();
    }

    @Test
    void absentAnswerWithZeroTtlIsReadEveryTime() {
        TtlCache<String, String> cache = new TtlCache<>(clock, 10,
                value -> value.isPresent() ? Duration.ofSeconds(30) : Duration.ZERO);

        assertEquals(Optional.empty(), cache.get("unknown", this::load));
        assertEquals(Optional.empty(), cache.get("unknown", this::load));
        assertEquals(Optional.of("v-known"), cache.get("known", this::load));
        assertEquals(Optional.of("v-known"), cache.get("known", this::load));
        assertEquals(3, reads.get());
        assertEquals(1, cache.size());
    }

    @Test
    void answerExpiresExactlyAtItsTtl() {
        TtlCache<String, String> cache = new TtlCache<>(clock, 10, value -> Duration.ofSeconds(30));

        cache.get("known", this::load);
        clock.advance(Duration.ofMillis(29_999));
        cache.get("known", this::load);
        assertEquals(1, reads.get());
        clock.advance(Duration.ofMillis(1));
        cache.get("known", this::load);
        assertEquals(2, reads.get());
    }

    @Test
    void neverHoldsMoreThanItsBound() {
        TtlCache<String, String> cache = new TtlCache<>(clock, 3, value -> Duration.ofMinutes(5));

        for (int i = 0; i < 100; i++) {
            cache.get("known-" + i, this::load);
            assertEquals(Math.min(i + 1, 3), cache.size());
        }
        assertEquals(Optional.of("v-known-99"), cache.get("known-99", this::load));
        assertEquals(100, reads.get());
    }
}
