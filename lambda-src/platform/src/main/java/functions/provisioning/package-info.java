/**
 * Provisioning of a tenant's resources and the way to the stacks that hold them. Placement
 * ({@link functions.provisioning.Placements}: {@code POOLED_TIER_STACKS} parsed by
 * {@link functions.provisioning.PooledTierStacks}, and the Settings items {@code siloPlacement} and
 * {@code tier#<TIER>} read by {@link functions.provisioning.PlatformSettings}); the naming contract with the fleet
 * stacks ({@link functions.provisioning.StackAccess}: stack names and the control-plane role of each stack); a
 * target stack's clients ({@link functions.provisioning.TargetStack}, opened by
 * {@link functions.provisioning.TargetStacks}; real: {@link functions.provisioning.AssumedRoleStacks}, STS
 * AssumeRole and CloudFormation outputs) with its per-tenant API keys ({@link functions.provisioning.ApiKeys}) and
 * TenantApiKeys table ({@link functions.provisioning.TenantApiKeyTable}); the silo tenants' TenantStackMapping
 * records that the fleet pipeline deploys ({@link functions.provisioning.StackMappingRepository}); names and shard
 * derived from a tenant id. Every operation is idempotent by tenant id, so a retried registration never
 * duplicates a resource. Depends on {@code functions.shared}, the {@code functions.users} contract (and its
 * Cognito implementation, built per stack) and the AWS SDK; the registration saga, tenant management and metering
 * use it (the offboarder only {@code StackAccess}'s fleet name).
 */
package functions.provisioning;
