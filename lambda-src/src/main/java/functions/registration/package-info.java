/**
 * The registration saga: {@link functions.registration.RegistrationHandler} (public POST /registration, routing
 * only) and {@link functions.registration.RegistrationService}, which creates a tenant, its admin user and its
 * provisioning for one {@code Idempotency-Key}, compensating a failed step in reverse order. Its state lives in
 * the Registrations table, key {@code pk} (S), on-demand, no index, no stream: {@code request#<requestId>}
 * items hold the saga (status REGISTERING, PROVISIONING, ACTIVE or FAILED, the tenant id, the body's
 * fingerprint, the owning attempt and its lease), and {@code tenantName#<normalized name>} and
 * {@code adminEmail#<lowercased email>} items are the uniqueness claims, each naming its request; request and
 * claims are written in one TransactWriteItems with attribute_not_exists conditions, because the
 * tenantName-index GSI is eventually consistent. Depends on {@code functions.tenants},
 * {@code functions.provisioning}, {@code functions.shared} and the {@code functions.users} contract.
 */
package functions.registration;
