package functions.authorizer;

import functions.shared.TenantId;
import java.util.Optional;

/** The tenants the control plane knows, by id: where their users sign in and whether they are active. */
interface TenantDirectory {

    /** For an authorizer that trusts no tenant pool (tenant APIs): knows no tenant. */
    TenantDirectory NONE = tenant -> Optional.empty();

    /**
     * @return the tenant's record; empty when there is none
     * @throws AuthorizerUnavailableException when the answer cannot be had now
     */
    Optional<TenantRecord> find(TenantId tenant);
}
