package functions.shared;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the caller's tenant from what the fleet's Lambda TOKEN authorizer (functions.authorizer) put on the
 * request: {@code requestContext.authorizer["tenantId"]}; the one place that knows that shape. Every API route uses
 * that authorizer, so a Cognito authorizer's {@code claims} are never read: a request carrying only them has no
 * tenant.
 */
public final class TenantContext {

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
        String raw = text(authorizer.get(AUTHORIZER_KEY))
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
