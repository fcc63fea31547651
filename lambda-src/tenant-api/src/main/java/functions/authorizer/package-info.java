/**
 * The tenant-isolating Lambda authorizer of the tenant and admin REST APIs (a TOKEN authorizer):
 * {@link functions.authorizer.AuthorizerHandler} reads the event, {@link functions.authorizer.Authorizer} decides,
 * {@link functions.authorizer.TokenVerifier} accepts only RS256 Cognito ID tokens of a trusted pool (signature
 * against the pool's keys, held by {@link functions.authorizer.JwksCache}: nimbus's JWKSourceBuilder chain, cached,
 * rate limited, outage tolerant, refetched on an unknown {@code kid}; issuer, audience, lifetime with 60 s skew, {@code token_use}, role, tenant and tier, and
 * that the pool may vouch for them; on the admin API, pools created at run time are trusted through the tenant's
 * TenantDetails record, {@link functions.authorizer.TenantPools}, and only an ACTIVE tenant's users get in),
 * {@link functions.authorizer.RouteTable} is the one list of routes per role,
 * from which a policy naming every route the caller may use on the API and stage is built (API Gateway caches
 * it per token, for all routes), and an {@link functions.authorizer.ApiKeyResolver} supplies the tenant's
 * {@code usageIdentifierKey} on tenant APIs (none when the key item is disabled). Lookups are cached briefly
 * per tenant ({@link functions.authorizer.TtlCache}, on Caffeine). A token that proves nothing is a 401 (the
 * function fails with {@code Unauthorized}); a genuine caller with no business here gets an explicit Deny (403); an unreachable
 * dependency fails otherwise (500, nothing cached). Depends on {@code functions.shared}, {@code
 * contract.UserRole}, nimbus-jose-jwt, Caffeine and the DynamoDB client; never on the API functions' packages.
 */
package functions.authorizer;
