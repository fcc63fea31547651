package functions.tenants;

/**
 * The optional body of POST /tenants/{tenantId}/activate. A silo tenant's user pool only exists once the
 * pipeline has deployed its stack, so activating a PROVISIONING silo tenant names that pool; reactivating an
 * INACTIVE tenant needs no body.
 */
public record ActivationInput(String userPoolId) {
}
