package functions.tenants;

/**
 * Lifecycle of a tenant. Registration creates it PROVISIONING (while the registration itself is REGISTERING no
 * tenant exists yet) and moves it to ACTIVE (a silo tenant waits in PROVISIONING for its stack) or FAILED;
 * operators move it between ACTIVE and INACTIVE and finally to OFFBOARDED, which keeps its data. REGISTERING is
 * only found on items written mid-registration by earlier versions, which a resumed registration rewrites.
 */
public enum TenantStatus {
    REGISTERING,
    PROVISIONING,
    ACTIVE,
    INACTIVE,
    FAILED,
    OFFBOARDED
}
