package functions.tenants;

/**
 * Lifecycle of a tenant. Registration moves it REGISTERING → PROVISIONING → ACTIVE (a silo tenant waits in
 * PROVISIONING for its stack) or → FAILED; operators move it between ACTIVE and INACTIVE and finally to
 * OFFBOARDED, which keeps its data.
 */
public enum TenantStatus {
    REGISTERING,
    PROVISIONING,
    ACTIVE,
    INACTIVE,
    FAILED,
    OFFBOARDED
}
