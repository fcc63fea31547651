package functions.provisioning;

import contract.Tier;
import java.util.List;
import java.util.Objects;

/**
 * Where a new tenant goes. A pooled tier with one environment in {@code POOLED_TIER_STACKS} needs no setting;
 * with several, the Settings item {@code tier#<TIER>} ({@code account}, {@code region}) picks the one that takes
 * new tenants (existing tenants stay where their TenantDetails record says). A silo tenant goes where the
 * {@code siloPlacement} setting says.
 */
public final class Placements {

    private final PooledTierStacks pooledTiers;
    private final PlatformSettings settings;

    public Placements(PooledTierStacks pooledTiers, PlatformSettings settings) {
        this.pooledTiers = Objects.requireNonNull(pooledTiers, "pooledTiers");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The stack of {@code tier} that takes new tenants; a deployment fault (IllegalStateException) if none. */
    public StackLocation pooled(Tier tier) {
        List<AccountRegion> envs = pooledTiers.environments(tier);
        if (envs.isEmpty()) {
            throw new IllegalStateException("tier " + tier + " has no pooled stack in " + PooledTierStacks.VARIABLE);
        }
        if (envs.size() == 1) {
            return StackLocation.pooled(tier, envs.get(0));
        }
        AccountRegion chosen = settings.pooledTierPlacement(tier);
        if (!envs.contains(chosen)) {
            throw new IllegalStateException("setting '" + PlatformSettings.tierSettingName(tier) + "' names "
                    + chosen + ", which is not one of the tier's stacks in " + PooledTierStacks.VARIABLE + ": "
                    + envs);
        }
        return StackLocation.pooled(tier, chosen);
    }

    /** The next silo tenant's environment and optional wave. */
    public SiloPlacement silo() {
        return settings.siloPlacement();
    }
}
