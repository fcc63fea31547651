package stages;

import app.Tier;
import constructs.UsageLimits;

/**
 * How each tier is sized: usage plan limits per tenant API key and shards per tenant. The one place to
 * adjust a tier.
 *
 * @param limits     per-key throttle and daily quota
 * @param shardCount partition keys {@code <tenantId>-<n>} per tenant, spreading a tenant's items so one busy
 *                   tenant does not make a hot partition
 */
public record TierProfile(UsageLimits limits, int shardCount) {

    public static TierProfile of(Tier tier) {
        return switch (tier) {
            case BASIC -> new TierProfile(new UsageLimits(50, 50, 1_000), 1);
            case STANDARD -> new TierProfile(new UsageLimits(75, 100, 3_000), 2);
            case PREMIUM -> new TierProfile(new UsageLimits(100, 200, 5_000), 4);
            case PLATINUM -> new TierProfile(new UsageLimits(300, 300, 10_000), 4);
        };
    }
}
