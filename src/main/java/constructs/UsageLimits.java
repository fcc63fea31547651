package constructs;

/**
 * Request limits of one API usage plan (and of its stage's default method throttling).
 *
 * @param ratePerSecond steady-state requests per second
 * @param burst         burst capacity
 * @param quotaPerDay   requests per day per API key
 */
public record UsageLimits(double ratePerSecond, int burst, int quotaPerDay) {
    public UsageLimits {
        if (ratePerSecond <= 0 || burst <= 0 || quotaPerDay <= 0) {
            throw new IllegalArgumentException("UsageLimits: rate, burst and quota must be positive, got "
                    + ratePerSecond + "/" + burst + "/" + quotaPerDay);
        }
    }
}
