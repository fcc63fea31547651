/**
 * Provisioning of a tenant's resources: the provisioning settings read from the Settings table
 * ({@link functions.provisioning.PlatformSettings}: {@code siloPlacement} and {@code tier#<TIER>} items), the
 * per-tenant API keys on a pooled tier's usage plan ({@link functions.provisioning.ApiKeys}, real implementation
 * on API Gateway), the silo tenants' TenantStackMapping records that the fleet pipeline deploys
 * ({@link functions.provisioning.StackMappingRepository}), and the names and shard derived from a tenant id.
 * Every operation is idempotent by tenant id, so a retried registration never duplicates a resource. Depends on
 * {@code functions.shared} and the AWS SDK only; the registration saga and tenant management use it.
 */
package functions.provisioning;
