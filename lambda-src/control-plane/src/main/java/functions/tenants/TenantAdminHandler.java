package functions.tenants;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import functions.shared.ApiInvocation;
import functions.shared.ApiResult;
import functions.shared.CallerContext;
import functions.shared.ForbiddenException;
import functions.shared.Json;
import functions.shared.PageToken;
import functions.shared.Requests;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant routes of the admin API, behind the Lambda entry point {@code functions.registration.TenantAdminFunction}.
 * Routes only; POST /tenants runs the registration saga (through {@link TenantRegistrar}), so an operator-created
 * tenant takes exactly the path of a self-registered one.
 *
 * <p>Two kinds of caller, kept apart both ways: people, whose role comes from the Cognito or Lambda authorizer,
 * and the fleet's automation, an IAM principal (the route uses AWS_IAM auth: the request carries
 * {@code requestContext.identity.userArn} and no authorizer context). Automation may call only
 * {@value #INTERNAL_ACTIVATE}, and only automation may call it; anything else is a 403.
 *
 * <p>Automation's activation of {@code canary-probe-<tier>} makes that pooled tier's canary probe tenant
 * ({@link ProbeTenants}) instead of activating a silo tenant.
 *
 * <p>Offboarding also frees the tenant's name for new registrations ({@link TenantRegistrar#releaseName}),
 * here and not in {@link TenantService}. The name goes after the
 * offboarding succeeded; if freeing it fails the call is a 500, and the retry (offboarding an OFFBOARDED tenant
 * is allowed and repeats every step) frees it then. A name another tenant registered since is left alone.
 */
public final class TenantAdminHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final String COLLECTION = "/tenants";
    static final String ITEM = "/tenants/{tenantId}";
    static final String ACTIVATE = ITEM + "/activate";
    static final String DEACTIVATE = ITEM + "/deactivate";
    static final String OFFBOARD = ITEM + "/offboard";
    static final String INTERNAL_ACTIVATE = "/internal/tenants/{tenantId}/activate";
    private static final Set<String> RESOURCES = Set.of(COLLECTION, ITEM, ACTIVATE, DEACTIVATE, OFFBOARD);

    private final TenantService tenants;
    private final TenantRegistrar registrar;
    private final InternalCallers internalCallers;
    private final ProbeTenants probes;

    /** {@code plane}'s tenant routes, POST /tenants and the name claims through {@code registrar}. */
    public static TenantAdminHandler create(ControlPlane plane, InternalCallers internalCallers,
                                            TenantRegistrar registrar) {
        return new TenantAdminHandler(plane.tenantService(), registrar, internalCallers, plane.probeTenants());
    }

    TenantAdminHandler(TenantService tenants, TenantRegistrar registrar, InternalCallers internalCallers,
                       ProbeTenants probes) {
        this.tenants = tenants;
        this.registrar = registrar;
        this.internalCallers = internalCallers;
        this.probes = probes;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        Optional<String> automation = automationCaller(event);
        if (automation.isPresent() || INTERNAL_ACTIVATE.equals(event == null ? null : event.getResource())) {
            return ApiInvocation.handlePublic(event, context, (route, e) -> internal(route, automation, e));
        }
        return ApiInvocation.handleCaller(event, context, this::route);
    }

    /** The IAM principal of an AWS_IAM-authorized request: a user ARN and no authorizer context at all. */
    static Optional<String> automationCaller(APIGatewayProxyRequestEvent event) {
        var requestContext = event == null ? null : event.getRequestContext();
        if (requestContext == null || requestContext.getIdentity() == null) {
            return Optional.empty();
        }
        Map<String, Object> authorizer = requestContext.getAuthorizer();
        String userArn = requestContext.getIdentity().getUserArn();
        if ((authorizer != null && !authorizer.isEmpty()) || userArn == null || userArn.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(userArn);
    }

    private ApiResult internal(String route, Optional<String> automation, APIGatewayProxyRequestEvent event) {
        if (automation.isEmpty()) {
            throw new ForbiddenException(INTERNAL_ACTIVATE + " is for the fleet's automation (IAM-signed) only");
        }
        if (!internalCallers.allows(automation.get())) {
            throw new ForbiddenException("IAM principal " + automation.get() + " is not one of the fleet's internal "
                    + "callers (" + InternalCallers.VARIABLE + ")");
        }
        if (!("POST " + INTERNAL_ACTIVATE).equals(route)) {
            throw new ForbiddenException("automation may only call POST " + INTERNAL_ACTIVATE);
        }
        String tenantId = Requests.pathParameter(event, "tenantId");
        // A pooled tier's canary probe tenant (ActivateCanaries) is made here; any other id is a silo tenant.
        return ApiResult.ok(ProbeTenants.tierOf(tenantId).map(probes::ensure)
                .orElseGet(() -> tenants.activateFromPipeline(tenantId)));
    }

    private Tenant offboard(CallerContext caller, String tenantId) {
        Tenant offboarded = tenants.offboard(caller, tenantId);
        registrar.releaseName(offboarded.tenantId(), offboarded.tenantName());
        return offboarded;
    }

    private ApiResult route(String route, CallerContext caller, APIGatewayProxyRequestEvent event) {
        String tenantId = Requests.pathParameter(event, "tenantId");
        return switch (route) {
            case "GET " + COLLECTION -> ApiResult.ok(tenants.list(caller,
                    Requests.queryParameter(event, PageToken.LIMIT), Requests.queryParameter(event, PageToken.FIELD)));
            case "POST " + COLLECTION -> registrar.register(caller, event);
            case "GET " + ITEM -> ApiResult.ok(tenants.get(caller, tenantId));
            case "PUT " + ITEM -> ApiResult.ok(tenants.update(caller, tenantId,
                    Json.readBody(event.getBody(), TenantUpdate.class)));
            case "POST " + ACTIVATE -> ApiResult.ok(tenants.activate(caller, tenantId));
            case "POST " + DEACTIVATE -> ApiResult.ok(tenants.deactivate(caller, tenantId));
            case "POST " + OFFBOARD -> ApiResult.ok(offboard(caller, tenantId));
            default -> throw ApiInvocation.unmatched(route, RESOURCES);
        };
    }
}
