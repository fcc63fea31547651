package functions.provisioning;

import contract.Tier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the pooled tier stacks are, as the baseline stack hands them to the control plane in
 * {@code POOLED_TIER_STACKS}: comma-separated {@code <TIER>=<account>/<region>} entries, one per pooled tier
 * environment of the catalog (a tier may have several), e.g.
 * {@code BASIC=222222222222/us-east-1,BASIC=555555555555/eu-west-1,STANDARD=222222222222/us-east-1}.
 */
public final class PooledTierStacks {

    public static final String VARIABLE = contract.Env.POOLED_TIER_STACKS.variable();
    private static final Pattern ENTRY = Pattern.compile("([A-Z]+)=([^/=]+)/([^/=]+)");

    private final Map<Tier, List<AccountRegion>> byTier;

    public PooledTierStacks(Map<Tier, List<AccountRegion>> byTier) {
        Map<Tier, List<AccountRegion>> copy = new EnumMap<>(Tier.class);
        Objects.requireNonNull(byTier, "byTier").forEach((tier, envs) -> {
            if (!tier.pooled()) {
                throw new IllegalArgumentException(tier + " is not a pooled tier");
            }
            copy.put(tier, List.copyOf(envs));
        });
        this.byTier = copy;
    }

    /**
     * Parses the variable's value strictly: an unknown or non-pooled tier, a malformed account or region, or an
     * entry listed twice is an {@link IllegalStateException} naming the variable and the entry.
     */
    public static PooledTierStacks parse(String raw) {
        Map<Tier, List<AccountRegion>> byTier = new EnumMap<>(Tier.class);
        for (String entry : raw.split(",", -1)) {
            String trimmed = entry.strip();
            Matcher m = ENTRY.matcher(trimmed);
            if (!m.matches()) {
                throw bad(trimmed, "is not <TIER>=<account>/<region>");
            }
            Tier tier;
            try {
                tier = Tier.valueOf(m.group(1));
            } catch (IllegalArgumentException e) {
                throw bad(trimmed, "names an unknown tier");
            }
            if (!tier.pooled()) {
                throw bad(trimmed, "names " + tier + ", which has silo stacks, not pooled ones");
            }
            if (!AccountRegion.validAccount(m.group(2))) {
                throw bad(trimmed, "has an account that is not 12 digits");
            }
            if (!AccountRegion.validRegion(m.group(3))) {
                throw bad(trimmed, "has a region that is not an AWS region name");
            }
            AccountRegion env = new AccountRegion(m.group(2), m.group(3));
            List<AccountRegion> envs = byTier.computeIfAbsent(tier, t -> new ArrayList<>());
            if (envs.contains(env)) {
                throw bad(trimmed, "is listed twice");
            }
            envs.add(env);
        }
        return new PooledTierStacks(byTier);
    }

    /** The tier's environments, in the variable's order; empty when the fleet has none for it. */
    public List<AccountRegion> environments(Tier tier) {
        return byTier.getOrDefault(tier, List.of());
    }

    private static IllegalStateException bad(String entry, String problem) {
        return new IllegalStateException("environment variable " + VARIABLE + ": entry '" + entry + "' " + problem);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PooledTierStacks other && byTier.equals(other.byTier);
    }

    @Override
    public int hashCode() {
        return byTier.hashCode();
    }

    @Override
    public String toString() {
        return VARIABLE + byTier;
    }
}
