/**
 * The registration saga and the public sign-up in front of it. {@link functions.registration.RegistrationHandler}
 * (public POST /registration and POST /registration/{requestId}/verify, routing only) calls
 * {@link functions.registration.SignUpService}: a sign-up holds only its claims, PENDING_VERIFICATION, until the
 * one-time code mailed to its admin email comes back (the code's SHA-256 hash is stored, never the code; five
 * attempts; an hour's life), and only then runs {@link functions.registration.RegistrationService}, which creates
 * a tenant, its admin user and its provisioning for one {@code Idempotency-Key}, compensating a failed step in
 * reverse order (operators' POST /tenants runs it at once: {@link functions.registration.TenantAdminFunction} is the
 * Lambda entry point of the admin API's tenant routes, {@code functions.tenants.TenantAdminHandler} with the saga
 * behind {@link functions.tenants.TenantRegistrar}, implemented by
 * {@link functions.registration.OperatorRegistrations}). Codes are mailed by Cognito
 * ({@link functions.registration.CognitoVerificationMail}: AdminCreateUser in the client-less registrant pool,
 * the code as temporary password). State lives in the Registrations table, key {@code pk} (S), on-demand, no
 * index, no stream, TTL on {@code expiresAt}: {@code request#<requestId>} items hold the saga (status, the tenant
 * id, the body's fingerprint and fields, the owning attempt and its lease, the code hash and attempts), and
 * {@code tenantName#<normalized name>} and {@code adminEmail#<lowercased email>} items are the uniqueness claims,
 * each naming its request; request and claims are written in one TransactWriteItems with attribute_not_exists
 * conditions, because a GSI on the name would be eventually consistent; an unverified sign-up's claims expire with
 * it and are taken over on the claim path. Depends on {@code functions.tenants}, {@code functions.provisioning},
 * {@code functions.shared}, the {@code functions.users} contract and the Cognito SDK (registrant pool only).
 */
package functions.registration;
