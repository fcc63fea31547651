package functions.tenants;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces calls evenly at no more than a fixed rate: each {@link #acquire} waits until its slot. The worker paces its
 * Cognito calls with it, so one invocation never bursts past its share of the account's request rate quota.
 */
final class Pacer {

    /** Waits; tests pass one that advances a fake clock instead. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextSlot = Long.MIN_VALUE;

    Pacer(double callsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(callsPerSecond > 0)) {
            throw new IllegalArgumentException("callsPerSecond must be > 0, got " + callsPerSecond);
        }
        this.intervalNanos = (long) (1_000_000_000L / callsPerSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** On the real clock. */
    static Pacer realTime(double callsPerSecond) {
        return new Pacer(callsPerSecond, System::nanoTime, duration -> Thread.sleep(duration.toMillis(),
                duration.toNanosPart() % 1_000_000));
    }

    /** Returns when the next call may start. */
    void acquire() {
        long now = nanoTime.getAsLong();
        long slot = nextSlot == Long.MIN_VALUE ? now : Math.max(now, nextSlot);
        if (slot > now) {
            try {
                sleeper.sleep(Duration.ofNanos(slot - now));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing directory calls", e);
            }
        }
        nextSlot = slot + intervalNanos;
    }
}
