package stages;

import contract.Tier;
import constructs.UsageLimits;
import constructs.UsageLimits.Throttle;
import software.amazon.awscdk.services.cognito.Mfa;

/**
 * How each tier is sized: each tenant key's throttle and daily quota (the usage plan), the tier-wide ceiling of its
 * API stage, and shards per tenant. The one place to adjust a tier.
 *
 * <p>The stage throttle applies to all callers of the stage together (API Gateway: account, then stage, then
 * usage plan per key), so it is the tier's ceiling, not a tenant's: 20 Basic, 20 Standard or 20 Premium tenants
 * (a silo: 5 times its one tenant) at their full key rate before the stage throttles. The pooled tiers' ceilings
 * together (4,500 rps, 4,500 burst) stay within API Gateway's default account limit of 10,000 rps / 5,000 burst
 * per region (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html), which every stage of an
 * account shares; stacks sharing an account beyond that need a Service Quotas increase.
 *
 * @param limits     per-key throttle and daily quota, and the stage's tier-wide ceiling
 * @param shardCount partition keys {@code <tenantId>-<n>} per tenant, spreading a tenant's items so one busy
 *                   tenant does not make a hot partition
 * @param mfa        whether the tier's user pool requires a TOTP second factor ({@link Mfa#REQUIRED}) or lets each
 *                   user choose ({@link Mfa#OPTIONAL}, {@link #DEFAULT_MFA}). A tier with a canary silo tenant must
 *                   stay OPTIONAL: the canary probe signs in with ADMIN_USER_PASSWORD_AUTH and answers no MFA
 *                   challenge. Cognito refuses to turn an existing pool's MFA on through a stack update (README "MFA").
 */
public record TierProfile(UsageLimits limits, int shardCount, Mfa mfa) {

    /** The MFA of a tenant pool unless its tier says otherwise. */
    public static final Mfa DEFAULT_MFA = Mfa.OPTIONAL;

    public static TierProfile of(Tier tier) {
        return switch (tier) {
            case BASIC -> new TierProfile(
                    new UsageLimits(new Throttle(50, 50), 1_000, new Throttle(1_000, 1_000)), 1, DEFAULT_MFA);
            case STANDARD -> new TierProfile(
                    new UsageLimits(new Throttle(75, 100), 3_000, new Throttle(1_500, 1_500)), 2, DEFAULT_MFA);
            case PREMIUM -> new TierProfile(
                    new UsageLimits(new Throttle(100, 200), 5_000, new Throttle(2_000, 2_000)), 4, DEFAULT_MFA);
            case PLATINUM -> new TierProfile(
                    new UsageLimits(new Throttle(300, 300), 10_000, new Throttle(1_500, 1_500)), 4, DEFAULT_MFA);
        };
    }
}
