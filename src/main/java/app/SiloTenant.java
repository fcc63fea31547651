package app;

import java.util.Objects;

/**
 * A silo tenant: one stack of its own in {@code env}.
 *
 * @param canary true when this tenant is deployed first and watched before the rest of the fleet
 * @param wave   the deployment wave this tenant is pinned to (1-based), or null to let the
 *               pipeline choose
 */
public record SiloTenant(String tenantId, String tenantName, Tier tier, AwsEnv env, boolean canary,
                         Integer wave) {

    public SiloTenant {
        Objects.requireNonNull(tenantId, "SiloTenant: tenantId is required");
        Objects.requireNonNull(tenantName, "SiloTenant: tenantName is required");
        Objects.requireNonNull(tier, "SiloTenant: tier is required");
        Objects.requireNonNull(env, "SiloTenant: env is required");
        if (tier.pooled()) {
            throw new IllegalArgumentException("SiloTenant " + tenantId + ": tier " + tier + " is pooled");
        }
        if (wave != null && wave < 1) {
            throw new IllegalArgumentException("SiloTenant " + tenantId + ": wave must be >= 1");
        }
    }
}
