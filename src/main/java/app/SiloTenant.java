package app;

import contract.Tier;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A silo tenant: one stack of its own in {@code env}.
 *
 * @param canary true when this tenant is deployed first and watched before the rest of the fleet
 * @param wave   the deployment wave this tenant is pinned to (1-based), or null to let the
 *               pipeline choose
 * @param monthlyBudgetUsd the tenant's monthly AWS Budgets cost budget in US dollars (positive), or null for none
 */
public record SiloTenant(String tenantId, String tenantName, Tier tier, AwsEnv env, boolean canary,
                         Integer wave, BigDecimal monthlyBudgetUsd) {

    /** A silo tenant without a budget. */
    public SiloTenant(String tenantId, String tenantName, Tier tier, AwsEnv env, boolean canary, Integer wave) {
        this(tenantId, tenantName, tier, env, canary, wave, null);
    }

    public SiloTenant {
        if (monthlyBudgetUsd != null) {
            if (monthlyBudgetUsd.signum() <= 0) {
                throw new IllegalArgumentException("SiloTenant " + tenantId + ": monthlyBudgetUsd must be > 0");
            }
            // 500 and 500.0 are the same budget, whichever catalog (file or table) it comes from.
            monthlyBudgetUsd = monthlyBudgetUsd.stripTrailingZeros();
            monthlyBudgetUsd = monthlyBudgetUsd.scale() < 0 ? monthlyBudgetUsd.setScale(0) : monthlyBudgetUsd;
        }
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
