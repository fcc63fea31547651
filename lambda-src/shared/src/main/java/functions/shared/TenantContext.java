package functions.shared;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import contract.Claim;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the caller's tenant from what the API Gateway authorizer put on the request; the one place
 * that knows the authorizer shapes.
 *
 * <ul>
 *   <li>Cognito user-pool authorizer: {@code requestContext.authorizer.claims["custom:tenantId"]}.</li>
 *   <li>Lambda authorizer: {@code requestContext.authorizer["tenantId"]}.</li>
 * </ul>
 */
public final class TenantContext {

    static final String COGNITO_CLAIM = Claim.TENANT_ID.claim();
    static final String AUTHORIZER_KEY = "tenantId";

    private TenantContext() {
    }

    /** The caller's tenant; 401 when the request carries none, or a malformed or ambiguous one. */
    public static TenantId from(APIGatewayProxyRequestEvent event) {
        Map<String, Object> authorizer = event == null || event.getRequestContext() == null
                ? null : event.getRequestContext().getAuthorizer();
        if (authorizer == null) {
            throw new UnauthorizedException("request has no authorizer context");
        }
        Optional<String> fromLambdaAuthorizer = text(authorizer.get(AUTHORIZER_KEY));
        Optional<String> fromClaims = authorizer.get("claims") instanceof Map<?, ?> claims
                ? text(claims.get(COGNITO_CLAIM)) : Optional.empty();
        if (fromLambdaAuthorizer.isPresent() && fromClaims.isPresent()
                && !fromLambdaAuthorizer.equals(fromClaims)) {
            throw new UnauthorizedException("authorizer context carries two different tenant ids");
        }
        String raw = fromLambdaAuthorizer.or(() -> fromClaims)
                .orElseThrow(() -> new UnauthorizedException("request carries no tenant id"));
        if (!TenantId.isValid(raw)) {
            throw new UnauthorizedException("tenant id in the request is malformed");
        }
        return new TenantId(raw);
    }

    /** {@link #from} plus the silo rule: a silo function serves only its own tenant (403 otherwise). */
    public static TenantId authorize(APIGatewayProxyRequestEvent event, Optional<TenantId> siloTenant) {
        TenantId caller = from(event);
        if (siloTenant.isPresent() && !siloTenant.get().equals(caller)) {
            throw new ForbiddenException("tenant " + caller + " may not call this tenant's API");
        }
        return caller;
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
