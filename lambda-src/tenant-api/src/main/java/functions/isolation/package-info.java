/**
 * Tenant isolation of the pooled tier's data calls: {@link functions.isolation.TenantSessionPolicy} (the STS
 * session policy that confines a session to one tenant's exact shard keys on the pooled tables),
 * {@link functions.isolation.TenantCredentials} (AssumeRole of the tenant-access role with that policy, cached per
 * tenant until shortly before expiry), its configuration and {@link functions.isolation.TenantTables}, which the
 * product and order handlers call at init to get a table whose every call is signed for the calling tenant (silo
 * functions keep their own role). Depends on {@code functions.shared}, the AWS SDK (STS, DynamoDB) and Jackson (the
 * session policy's JSON) only; never on a function package.
 */
package functions.isolation;
