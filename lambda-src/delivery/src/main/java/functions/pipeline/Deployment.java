package functions.pipeline;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The deployment fields of a TenantStackMapping item: the ones whose change changes the fleet's stacks.
 * Everything else on the item ({@code tenantName}, {@code status}, {@code updatedAt}, ...) is ignored.
 * Absent or DynamoDB {@code NULL} attributes are {@code null}.
 *
 * @param wave kept with trailing zeros stripped, so {@code 2} and {@code 2.0} are one wave
 * @param monthlyBudgetUsd the silo stack's AWS Budgets amount (the CDK app's catalog field), trailing zeros stripped
 */
record Deployment(String tenantId, String tier, String account, String region, Boolean canary,
                  BigDecimal wave, String stackName, BigDecimal monthlyBudgetUsd) {

    Deployment {
        Objects.requireNonNull(tenantId, "tenantId");
        wave = wave == null ? null : wave.stripTrailingZeros();
        monthlyBudgetUsd = monthlyBudgetUsd == null ? null : monthlyBudgetUsd.stripTrailingZeros();
    }
}
