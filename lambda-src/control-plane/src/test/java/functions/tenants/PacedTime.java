package functions.tenants;

import java.time.Duration;

/**
 * Time for the access worker's {@link Pacer} that passes only when the pacer waits: a test runs thousands of paced
 * directory calls without sleeping, and can still read how long they would have taken.
 */
public final class PacedTime {

    private long nanos;
    private long waits;

    Pacer pacer(double callsPerSecond) {
        return new Pacer(callsPerSecond, () -> nanos, this::sleep);
    }

    private void sleep(Duration duration) {
        nanos += duration.toNanos();
        waits++;
    }

    /** The time the pacer's waits add up to. */
    public Duration elapsed() {
        return Duration.ofNanos(nanos);
    }

    public long waits() {
        return waits;
    }
}
