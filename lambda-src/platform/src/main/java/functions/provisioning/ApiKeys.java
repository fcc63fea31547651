package functions.provisioning;

/**
 * Per-tenant API keys of one stack's API, named after the tenant id so every operation is idempotent by tenant:
 * the usage plan of a pooled tier (or of a silo stack) meters and throttles each tenant through its own key.
 */
public interface ApiKeys {

    /** The tenant's key, created unless it exists, attached to {@code usagePlanId} unless it is; its id and value. */
    IssuedApiKey createForTenant(String tenantId, String usagePlanId);

    /** Enables or disables the tenant's key; false when the tenant has no key. */
    boolean setEnabled(String tenantId, boolean enabled);

    /** Deletes the tenant's key; a tenant without a key is not an error (used by compensations). */
    void delete(String tenantId);
}
