/**
 * Building blocks shared by every function: the caller's tenant ({@link functions.shared.TenantId},
 * resolved from the authorizer by {@link functions.shared.TenantContext}) and, on admin routes, the caller's
 * role and the role rules ({@link functions.shared.CallerContext}); the function's configuration read once
 * from the environment, the DynamoDB client factory, the shard layout of the tenant tables and the
 * tenant-scoped table access that never leaves the caller's own shard keys and signs each call with the credentials
 * a {@link functions.shared.TenantCredentialScope} gives for the caller; the opaque page
 * tokens of paginated lists, the typed API errors, JSON parsing and the mapping of results and errors to API
 * Gateway responses, and {@link functions.shared.Telemetry}, the one place every function logs (Powertools logging,
 * log4j2 JSON), writes EMF metrics, traces (X-Ray subsegment) and counts DynamoDB capacity through. It may depend on
 * the AWS SDK, the X-Ray SDK, Powertools (and the SLF4J and EMF APIs it is used through), the Lambda core/events
 * libraries, Jackson and the role enum {@code contract.UserRole}, never on any other function package.
 */
package functions.shared;
