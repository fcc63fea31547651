package functions.shared;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import contract.UserRole;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who calls an admin route: a role and, for tenant roles, the caller's tenant. Read from what the fleet's Lambda
 * authorizer put on the request ({@code userRole}, and {@code tenantId} as {@link TenantContext} reads it), and the
 * one place that knows the role rules every admin route applies:
 *
 * <ul>
 *   <li>SystemAdmin: everything; CustomerSupport: read-only, any tenant (operators carry no tenant id);</li>
 *   <li>TenantAdmin: their own tenant only; TenantUser: no admin route at all.</li>
 * </ul>
 *
 * @param role   the caller's role
 * @param tenant the caller's tenant; empty exactly for the operator roles
 */
public record CallerContext(UserRole role, Optional<TenantId> tenant) {

    static final String AUTHORIZER_ROLE_KEY = "userRole";

    public CallerContext {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tenant, "tenant");
        if (isOperator(role) == tenant.isPresent()) {
            throw new IllegalArgumentException(role.claimValue()
                    + (tenant.isPresent() ? " must not carry a tenant id" : " requires a tenant id"));
        }
    }

    public static CallerContext operator(UserRole role) {
        return new CallerContext(role, Optional.empty());
    }

    public static CallerContext tenantMember(UserRole role, TenantId tenant) {
        return new CallerContext(role, Optional.of(tenant));
    }

    /** The caller of {@code event}; 401 when the role or tenant is missing, malformed or ambiguous. */
    public static CallerContext from(APIGatewayProxyRequestEvent event) {
        Map<String, Object> authorizer = event == null || event.getRequestContext() == null
                ? null : event.getRequestContext().getAuthorizer();
        if (authorizer == null) {
            throw new UnauthorizedException("request has no authorizer context");
        }
        String rawRole = text(authorizer.get(AUTHORIZER_ROLE_KEY))
                .orElseThrow(() -> new UnauthorizedException("request carries no user role"));
        UserRole role;
        try {
            role = UserRole.fromClaim(rawRole);
        } catch (IllegalArgumentException e) {
            throw new UnauthorizedException("user role in the request is unknown");
        }
        Optional<String> rawTenant = text(authorizer.get(TenantContext.AUTHORIZER_KEY));
        if (isOperator(role)) {
            if (rawTenant.isPresent()) {
                throw new UnauthorizedException(role.claimValue() + " must not carry a tenant id");
            }
            return operator(role);
        }
        // The tenant rules (one id, well formed) are TenantContext's; reuse them rather than restate them.
        return tenantMember(role, TenantContext.from(event));
    }

    /** Read access to {@code target}: operators, or a TenantAdmin of that tenant; 403 otherwise. */
    public void requireRead(TenantId target) {
        if (role == UserRole.SYSTEM_ADMIN || role == UserRole.CUSTOMER_SUPPORT || ownTenantAdmin(target)) {
            return;
        }
        throw denied("read tenant " + target);
    }

    /** Changes within {@code target} (its details, its users): SystemAdmin, or a TenantAdmin of it; else 403. */
    public void requireManage(TenantId target) {
        if (role == UserRole.SYSTEM_ADMIN || ownTenantAdmin(target)) {
            return;
        }
        throw denied("change tenant " + target);
    }

    /** A tenant's usage and cost: SystemAdmin, or a TenantAdmin of it (not CustomerSupport); else 403. */
    public void requireBillingRead(TenantId target) {
        if (role == UserRole.SYSTEM_ADMIN || ownTenantAdmin(target)) {
            return;
        }
        throw denied("read the usage or cost of tenant " + target);
    }

    /** Fleet-wide reads (the tenant list): operators only. */
    public void requireFleetRead() {
        if (role != UserRole.SYSTEM_ADMIN && role != UserRole.CUSTOMER_SUPPORT) {
            throw denied("list tenants");
        }
    }

    /** Lifecycle changes (create, activate, deactivate, offboard): SystemAdmin only. */
    public void requireSystemAdmin(String action) {
        if (role != UserRole.SYSTEM_ADMIN) {
            throw denied(action);
        }
    }

    private boolean ownTenantAdmin(TenantId target) {
        return role == UserRole.TENANT_ADMIN && tenant.orElseThrow().equals(target);
    }

    private ForbiddenException denied(String action) {
        return new ForbiddenException(role.claimValue() + " may not " + action);
    }

    private static boolean isOperator(UserRole role) {
        return role == UserRole.SYSTEM_ADMIN || role == UserRole.CUSTOMER_SUPPORT;
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
