package constructs;

import java.util.Objects;

/**
 * Request limits of one tenant API: each tenant key's throttle and daily quota (the usage plan), and the stage's
 * own throttle, which API Gateway applies to all callers of the stage together, before any key is known. API
 * Gateway applies the account's regional limit first, then the stage (or method) throttle, then the usage plan's
 * per-key throttle, each on its own token bucket
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html), so the stage
 * throttle must be a ceiling for the whole tier, well above one key's rate.
 *
 * @param perKey      each API key's throttle (usage plan)
 * @param quotaPerDay requests per day per API key (usage plan)
 * @param stage       the stage's throttle, shared by every caller of the stage (tier-wide ceiling)
 */
public record UsageLimits(Throttle perKey, int quotaPerDay, Throttle stage) {

    /**
     * API Gateway's default account-level throttle per region, shared by every API of the account
     * (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html): no stage ceiling may exceed it.
     */
    public static final Throttle ACCOUNT_DEFAULT = new Throttle(10_000, 5_000);

    /**
     * A token bucket of API Gateway.
     *
     * @param ratePerSecond steady-state requests per second
     * @param burst         bucket size: requests admitted at once
     */
    public record Throttle(double ratePerSecond, int burst) {
        public Throttle {
            if (ratePerSecond <= 0 || burst <= 0) {
                throw new IllegalArgumentException("UsageLimits.Throttle: rate and burst must be positive, got "
                        + ratePerSecond + "/" + burst);
            }
        }

        boolean covers(Throttle other) {
            return ratePerSecond >= other.ratePerSecond && burst >= other.burst;
        }
    }

    public UsageLimits {
        Objects.requireNonNull(perKey, "UsageLimits: perKey is required");
        Objects.requireNonNull(stage, "UsageLimits: stage is required");
        if (quotaPerDay <= 0) {
            throw new IllegalArgumentException("UsageLimits: quotaPerDay must be positive, got " + quotaPerDay);
        }
        if (!stage.covers(perKey)) {
            throw new IllegalArgumentException("UsageLimits: the stage throttle " + stage
                    + " must be at least one key's " + perKey);
        }
        if (!ACCOUNT_DEFAULT.covers(stage)) {
            throw new IllegalArgumentException("UsageLimits: the stage throttle " + stage
                    + " exceeds the account default " + ACCOUNT_DEFAULT);
        }
    }
}
