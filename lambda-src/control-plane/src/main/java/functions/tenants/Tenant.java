package functions.tenants;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import functions.provisioning.AccountRegion;
import functions.provisioning.StackLocation;
import contract.Tier;
import java.util.Optional;

/**
 * A TenantDetails item (key {@code tenantId}). {@code stackName}, {@code stackAccount} and {@code stackRegion} say
 * where the tenant lives (its pooled tier's stack or its silo stack), set when it becomes PROVISIONING; every later
 * operation on the tenant goes there. {@code userPoolId} and {@code appClientId} are that stack's pool and client,
 * set once the tenant's admin user exists (pooled: at registration; silo: at activation); {@code apiKeyId} is its
 * key in that stack's API; {@code shard} exists for pooled tenants only; {@code registrationId} is the
 * Idempotency-Key of the registration that created the tenant; {@code accessJob} is its latest deactivation,
 * activation or offboarding of users ({@link AccessJob}), null before the first.
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
        String appClientId,
        String apiKeyId,
        Integer shard,
        String stackName,
        String stackAccount,
        String stackRegion,
        String registrationId,
        String failureReason,
        String createdAt,
        String updatedAt,
        AccessJob accessJob) {

    /** A tenant without an access job (registration writes these). */
    public Tenant(String tenantId, String tenantName, String adminEmail, Tier tier, TenantStatus status,
                  String address, String phone, String userPoolId, String appClientId, String apiKeyId,
                  Integer shard, String stackName, String stackAccount, String stackRegion, String registrationId,
                  String failureReason, String createdAt, String updatedAt) {
        this(tenantId, tenantName, adminEmail, tier, status, address, phone, userPoolId, appClientId, apiKeyId, shard,
                stackName, stackAccount, stackRegion, registrationId, failureReason, createdAt, updatedAt, null);
    }

    public Tenant withStatus(TenantStatus next, String at) {
        return new Tenant(tenantId, tenantName, adminEmail, tier, next, address, phone, userPoolId, appClientId,
                apiKeyId, shard, stackName, stackAccount, stackRegion, registrationId, failureReason, createdAt, at,
                accessJob);
    }

    /** The tenant's stack; empty before it is placed (a registration that failed before placement). */
    @JsonIgnore
    public Optional<StackLocation> location() {
        if (stackName == null || stackAccount == null || stackRegion == null) {
            return Optional.empty();
        }
        return Optional.of(new StackLocation(stackName, new AccountRegion(stackAccount, stackRegion)));
    }
}
