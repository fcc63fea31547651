package functions.tenants;

import com.fasterxml.jackson.annotation.JsonInclude;
import functions.provisioning.Tier;

/**
 * A TenantDetails item (key {@code tenantId}). {@code userPoolId} is the tier's pool for a pooled tenant, the
 * silo pool once a silo tenant is activated; {@code apiKeyId} and {@code shard} exist for pooled tenants only;
 * {@code registrationId} is the Idempotency-Key of the registration that created the tenant.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tenant(
        String tenantId,
        String tenantName,
        String adminEmail,
        Tier tier,
        TenantStatus status,
        String address,
        String phone,
        String userPoolId,
        String apiKeyId,
        Integer shard,
        String registrationId,
        String failureReason,
        String createdAt,
        String updatedAt) {

    public Tenant withStatus(TenantStatus next, String at) {
        return new Tenant(tenantId, tenantName, adminEmail, tier, next, address, phone, userPoolId, apiKeyId, shard,
                registrationId, failureReason, createdAt, at);
    }
}
