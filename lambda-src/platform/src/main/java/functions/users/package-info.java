/**
 * The control plane's boundary to Cognito: {@link functions.users.UserDirectory} is the one interface
 * through which tenant admins, tenant users and system admins are created, grouped, listed, re-roled,
 * disabled and deleted, whether the pool is shared by a tier (a group per tenant), owned by a silo tenant
 * (one group named by its tenant id, for uniformity) or the operations pool. Its values
 * ({@link functions.users.NewUser}, {@link functions.users.DirectoryUser}, {@link functions.users.UserPage},
 * {@link contract.UserRole}) and typed failures carry no SDK types, so callers can be tested with a
 * fake; {@link functions.users.CognitoUserDirectory} is the real implementation on the AWS SDK's Cognito
 * user pools client. Depends on the AWS SDK (and {@code contract.UserRole}) only; never on the API functions'
 * packages.
 */
package functions.users;
