package functions.authorizer;

import functions.shared.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the admin API's authorizer needs of a tenant's TenantDetails item.
 *
 * @param tenant      the tenant
 * @param status      {@code status} as written by the control plane (REGISTERING, PROVISIONING, ACTIVE, INACTIVE,
 *                    FAILED, OFFBOARDED); empty string when missing
 * @param userPoolId  {@code userPoolId}, {@code <region>_<id>}: the pool its users sign in to, once its admin exists
 * @param appClientId {@code appClientId}: the app client its users' ID tokens are issued to
 */
record TenantRecord(TenantId tenant, String status, Optional<String> userPoolId, Optional<String> appClientId) {

    static final String ACTIVE = "ACTIVE";

    TenantRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(userPoolId, "userPoolId");
        Objects.requireNonNull(appClientId, "appClientId");
    }

    /** Only an active tenant's users reach the admin API: anything else is a tenant being made or taken away. */
    boolean active() {
        return ACTIVE.equals(status);
    }
}
