package functions.authorizer;

import static contract.UserRole.CUSTOMER_SUPPORT;
import static contract.UserRole.SYSTEM_ADMIN;
import static contract.UserRole.TENANT_ADMIN;
import static contract.UserRole.TENANT_USER;

import contract.UserRole;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every route behind the authorizer and the roles that may call it: the one place that says who may do what.
 * A policy lists all of a caller's routes on the API at once, because API Gateway caches the policy per token
 * and reuses it for every route that token calls. In a path, {@code {tenantId}} becomes the caller's own tenant
 * for tenant roles and {@code *} for staff; any other {@code {param}} becomes {@code *}. The public
 * {@code /health} and {@code /registration} routes have no authorizer and are not listed, nor are the
 * IAM-authorized {@code /internal/...} routes, which no token policy may ever grant (every grant is a route's own
 * path from the root, so none starts with a wildcard that could reach them). Paths and parameter names follow
 * {@code stages.ControlPlane} (and the {@code /operators} routes the operations API adds).
 */
final class RouteTable {

    /** One method on one resource path of one API. */
    record Route(ApiKind api, String method, String path, Set<UserRole> roles) {
        Route {
            roles = Set.copyOf(roles);
            // A tenant role on the admin API may only ever reach its own tenant's resources.
            boolean tenantRole = roles.stream().anyMatch(role -> !Roles.isStaff(role));
            if (api == ApiKind.ADMIN && tenantRole && !path.startsWith("/tenants/{tenantId}")) {
                throw new IllegalArgumentException(method + " " + path + ": a tenant role needs a {tenantId} route");
            }
            // IAM-authorized routes (the control plane's own callers) sit under /internal: no token may reach them.
            if (path.equals(INTERNAL) || path.startsWith(INTERNAL + "/")) {
                throw new IllegalArgumentException(method + " " + path + ": /internal routes are IAM-authorized only");
            }
        }
    }

    /** The prefix of the IAM-authorized routes ({@code POST /internal/tenants/{tenantId}/activate}). */
    static final String INTERNAL = "/internal";

    private static final Pattern PARAMETER = Pattern.compile("\\{[A-Za-z]+}");
    private static final Set<UserRole> TENANT_ROLES = EnumSet.of(TENANT_ADMIN, TENANT_USER);

    static final List<Route> ROUTES = List.of(
            tenant("GET", "/products"),
            tenant("POST", "/products"),
            tenant("GET", "/products/{productId}"),
            tenant("PUT", "/products/{productId}"),
            tenant("DELETE", "/products/{productId}"),
            tenant("GET", "/orders"),
            tenant("POST", "/orders"),
            tenant("GET", "/orders/{orderId}"),
            tenant("PUT", "/orders/{orderId}"),
            tenant("DELETE", "/orders/{orderId}"),

            admin("GET", "/tenants", SYSTEM_ADMIN, CUSTOMER_SUPPORT),
            admin("POST", "/tenants", SYSTEM_ADMIN),
            admin("GET", "/tenants/{tenantId}", SYSTEM_ADMIN, CUSTOMER_SUPPORT, TENANT_ADMIN),
            admin("PUT", "/tenants/{tenantId}", SYSTEM_ADMIN, TENANT_ADMIN),
            admin("POST", "/tenants/{tenantId}/activate", SYSTEM_ADMIN),
            admin("POST", "/tenants/{tenantId}/deactivate", SYSTEM_ADMIN),
            admin("POST", "/tenants/{tenantId}/offboard", SYSTEM_ADMIN),
            admin("GET", "/tenants/{tenantId}/users", SYSTEM_ADMIN, CUSTOMER_SUPPORT, TENANT_ADMIN),
            admin("POST", "/tenants/{tenantId}/users", SYSTEM_ADMIN, TENANT_ADMIN),
            admin("GET", "/tenants/{tenantId}/users/{userName}", SYSTEM_ADMIN, CUSTOMER_SUPPORT, TENANT_ADMIN),
            admin("PUT", "/tenants/{tenantId}/users/{userName}", SYSTEM_ADMIN, TENANT_ADMIN),
            admin("POST", "/tenants/{tenantId}/users/{userName}/disable", SYSTEM_ADMIN, TENANT_ADMIN),
            admin("POST", "/tenants/{tenantId}/users/{userName}/enable", SYSTEM_ADMIN, TENANT_ADMIN),
            // Metering (functions.metering.MeteringHandler): SystemAdmin any tenant, a TenantAdmin its own.
            admin("GET", "/tenants/{tenantId}/usage", SYSTEM_ADMIN, TENANT_ADMIN),
            admin("GET", "/tenants/{tenantId}/cost", SYSTEM_ADMIN, TENANT_ADMIN),
            admin("GET", "/operators", SYSTEM_ADMIN, CUSTOMER_SUPPORT),
            admin("POST", "/operators", SYSTEM_ADMIN),
            admin("GET", "/operators/{userName}", SYSTEM_ADMIN, CUSTOMER_SUPPORT),
            admin("POST", "/operators/{userName}/disable", SYSTEM_ADMIN),
            admin("POST", "/operators/{userName}/enable", SYSTEM_ADMIN));

    private RouteTable() {
    }

    /**
     * The caller's routes on {@code api} as policy resource suffixes ({@code GET/products/*}), in table order
     * without duplicates; empty when the role has no route there.
     */
    static List<String> grants(ApiKind api, Caller caller) {
        Set<String> grants = new LinkedHashSet<>();
        for (Route route : ROUTES) {
            if (route.api() == api && route.roles().contains(caller.role())) {
                grants.add(route.method() + bind(route.path(), caller));
            }
        }
        return List.copyOf(grants);
    }

    // TenantId only admits [a-z0-9-], so a bound tenant can never carry a wildcard into the policy.
    private static String bind(String path, Caller caller) {
        String tenant = Roles.isStaff(caller.role()) ? "*"
                : caller.tenant().orElseThrow(() -> new IllegalStateException("tenant role without tenant")).value();
        return PARAMETER.matcher(path.replace("{tenantId}", tenant)).replaceAll("*");
    }

    private static Route tenant(String method, String path) {
        return new Route(ApiKind.TENANT, method, path, TENANT_ROLES);
    }

    private static Route admin(String method, String path, UserRole... roles) {
        return new Route(ApiKind.ADMIN, method, path, EnumSet.copyOf(List.of(roles)));
    }
}
