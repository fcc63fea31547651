package app;

import contract.Tier;
import java.util.Objects;

/** One pooled tier deployed to one account/region; pooled tenants are onboarded into it at run time. */
public record PooledTierEntry(Tier tier, AwsEnv env) {

    public PooledTierEntry {
        Objects.requireNonNull(tier, "PooledTierEntry: tier is required");
        Objects.requireNonNull(env, "PooledTierEntry: env is required");
        if (!tier.pooled()) {
            throw new IllegalArgumentException("PooledTierEntry: tier " + tier + " is not a pooled tier");
        }
    }
}
