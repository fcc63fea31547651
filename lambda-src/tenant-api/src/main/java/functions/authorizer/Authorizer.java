package functions.authorizer;

import functions.shared.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision for one TOKEN-authorizer request, free of Lambda types: verify the bearer token, then build the
 * one policy this token gets on this API (cached by API Gateway per token, so it never depends on the route
 * being called), then say whether it lets this request through.
 *
 * <p>Explicit Deny of the whole stage (403) when the caller is genuine but has nothing here: a role with no
 * route on this API, another tenant on a silo stack, a tenant without an enabled API key on a tenant API (the
 * usage plan could not meter it; deactivation disables the key), or on the admin API a tenant that is not ACTIVE
 * in TenantDetails (deactivated, offboarded, failed or still being made).
 */
final class Authorizer {

    static final String BEARER = "Bearer ";

    private final ApiKind api;
    private final Optional<TenantId> siloTenant;
    private final TokenVerifier verifier;
    private final ApiKeyResolver apiKeys;
    private final TenantDirectory tenants;

    /**
     * @param apiKeys the tenants' API keys; asked on tenant APIs only
     * @param tenants the control plane's tenants; asked on the admin API only, for the status of a tenant caller
     *                (the same cached directory the verifier found the tenant's pool in)
     */
    Authorizer(ApiKind api, Optional<TenantId> siloTenant, TokenVerifier verifier, ApiKeyResolver apiKeys,
               TenantDirectory tenants) {
        this.api = api;
        this.siloTenant = siloTenant;
        this.verifier = verifier;
        this.apiKeys = apiKeys;
        this.tenants = tenants;
    }

    /** The only tenant a silo stack's authorizer admits; empty on pooled and admin APIs. */
    Optional<TenantId> siloTenant() {
        return siloTenant;
    }

    /** @throws AuthorizerUnavailableException when a key set, the API key table or TenantDetails cannot be read now */
    Decision decide(String authorizationToken, String rawMethodArn) {
        MethodArn arn;
        try {
            arn = MethodArn.parse(rawMethodArn);
        } catch (IllegalArgumentException e) {
            return Decision.unauthorized("malformed_method_arn", Optional.empty());
        }
        if (authorizationToken == null || !authorizationToken.startsWith(BEARER)) {
            return Decision.unauthorized("missing_bearer", Optional.empty());
        }
        Caller caller;
        try {
            caller = verifier.verify(authorizationToken.substring(BEARER.length()));
        } catch (TokenRejectedException e) {
            return Decision.unauthorized(e.reason(), Optional.empty());
        }
        return decide(caller, arn);
    }

    private Decision decide(Caller caller, MethodArn arn) {
        Map<String, String> context = context(caller);
        List<String> grants = RouteTable.grants(api, caller);
        if (grants.isEmpty()) {
            return deny("no_routes_for_role", caller, arn, context);
        }
        if (siloTenant.isPresent() && !siloTenant.equals(caller.tenant())) {
            return deny("other_silo_tenant", caller, arn, context);
        }
        // Staff work on tenants in every state; a tenant's own users only while it is active.
        if (api == ApiKind.ADMIN && !Roles.isStaff(caller.role())
                && tenants.find(caller.tenant().orElseThrow()).filter(TenantRecord::active).isEmpty()) {
            return deny("tenant_not_active", caller, arn, context);
        }
        Optional<String> usageKey = Optional.empty();
        if (api == ApiKind.TENANT) {
            // Tenant roles only get here (staff have no tenant API route), and tenant roles always have a tenant.
            usageKey = apiKeys.keyFor(caller.tenant().orElseThrow());
            if (usageKey.isEmpty()) {
                return deny("no_api_key", caller, arn, context);
            }
        }
        Policy policy = Policy.allow(caller.subject(), arn, grants, context, usageKey);
        return policy.allows(arn.toString())
                ? new Decision(Decision.Outcome.ALLOW, "route_granted", Optional.of(caller), Optional.of(policy))
                : new Decision(Decision.Outcome.DENY, "route_not_granted", Optional.of(caller), Optional.of(policy));
    }

    private static Decision deny(String reason, Caller caller, MethodArn arn, Map<String, String> context) {
        return new Decision(Decision.Outcome.DENY, reason, Optional.of(caller),
                Optional.of(Policy.denyAll(caller.subject(), arn, context)));
    }

    // What the backends read from requestContext.authorizer (see functions.shared.TenantContext).
    private static Map<String, String> context(Caller caller) {
        Map<String, String> context = new LinkedHashMap<>();
        caller.tenant().ifPresent(tenant -> context.put("tenantId", tenant.value()));
        context.put("userRole", caller.role().claimValue());
        caller.tier().ifPresent(tier -> context.put("tier", tier));
        return context;
    }
}
