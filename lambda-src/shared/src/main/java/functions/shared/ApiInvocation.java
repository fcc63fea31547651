package functions.shared;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.MDC;

/**
 * The request pipeline every API handler shares: resolve and authorize the tenant (or the admin caller, or
 * nobody on a public route), route, map the outcome to a response, log one line and write the request's metrics
 * ({@link Telemetry}) per request. Keeping it here means error mapping, logging and metrics happen once, whatever a
 * route throws.
 */
public final class ApiInvocation {

    /** A function's routes; {@code route} is {@code "<METHOD> <resource template>"}, e.g. {@code "GET /orders"}. */
    @FunctionalInterface
    public interface Router {
        ApiResult route(String route, TenantId tenant, APIGatewayProxyRequestEvent event);
    }

    private static final RequestMetrics METRICS = RequestMetrics.fromEnvironment(System.getenv());

    private ApiInvocation() {
    }

    /** An admin function's routes: the caller's role and tenant instead of a tenant alone. */
    @FunctionalInterface
    public interface CallerRouter {
        ApiResult route(String route, CallerContext caller, APIGatewayProxyRequestEvent event);
    }

    /** A public function's routes (no authorizer): whatever identity it needs is in the request itself. */
    @FunctionalInterface
    public interface PublicRouter {
        ApiResult route(String route, APIGatewayProxyRequestEvent event);
    }

    @FunctionalInterface
    private interface Dispatch {
        ApiResult run(String route);
    }

    public static APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context,
                                                      Optional<TenantId> siloTenant, Router router) {
        return run(event, context, siloTenant, route -> {
            authorizerValue(event, "userRole").ifPresent(Telemetry::role);
            TenantId tenant = TenantContext.authorize(event, siloTenant);
            Telemetry.tenant(tenant.value());
            return router.route(route, tenant, event);
        });
    }

    /** For admin routes: the caller comes from {@link CallerContext}; the log keys the tenant the path names. */
    public static APIGatewayProxyResponseEvent handleCaller(APIGatewayProxyRequestEvent event, Context context,
                                                            CallerRouter router) {
        return run(event, context, Optional.empty(), route -> {
            CallerContext caller = CallerContext.from(event);
            Telemetry.role(caller.role().claimValue());
            caller.tenant().ifPresent(t -> MDC.put("callerTenantId", t.value()));
            String target = event.getPathParameters() == null ? null : event.getPathParameters().get("tenantId");
            if (TenantId.isValid(target)) {
                Telemetry.tenant(target);
            }
            return router.route(route, caller, event);
        });
    }

    public static APIGatewayProxyResponseEvent handlePublic(APIGatewayProxyRequestEvent event, Context context,
                                                            PublicRouter router) {
        return run(event, context, Optional.empty(), route -> router.route(route, event));
    }

    private static APIGatewayProxyResponseEvent run(APIGatewayProxyRequestEvent event, Context context,
                                                    Optional<TenantId> siloTenant, Dispatch dispatch) {
        return Telemetry.invoke(context, siloTenant.map(TenantId::value), () -> {
            long started = System.nanoTime();
            authorizerValue(event, "tier").ifPresent(Telemetry::tier);
            APIGatewayProxyResponseEvent response = respond(event, dispatch, started);
            long latency = millisSince(started);
            int status = response.getStatusCode();
            Telemetry.answered(status);
            double[] capacity = Telemetry.consumedCapacity();
            Telemetry.emit(List.of(
                    Telemetry.Metric.count(Telemetry.REQUESTS, 1),
                    Telemetry.Metric.count(Telemetry.CLIENT_ERRORS, status >= 400 && status < 500 ? 1 : 0),
                    Telemetry.Metric.count(Telemetry.SERVER_ERRORS, status >= 500 ? 1 : 0),
                    Telemetry.Metric.milliseconds(Telemetry.LATENCY, latency),
                    Telemetry.Metric.count(Telemetry.CONSUMED_READ_CAPACITY, capacity[0]),
                    Telemetry.Metric.count(Telemetry.CONSUMED_WRITE_CAPACITY, capacity[1])), Map.of());
            // What the caller saw, whatever the route threw: the signal the rollout of this version is judged by.
            METRICS.record(context, status >= 500, latency);
            return response;
        });
    }

    private static APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent event, Dispatch dispatch,
                                                        long started) {
        String method = event == null ? null : event.getHttpMethod();
        String resource = event == null ? null : event.getResource();
        try {
            ApiResult result = dispatch.run(method + " " + resource);
            Telemetry.info("request", "method", method, "resource", resource,
                    "status", result.statusCode(), "durationMs", millisSince(started));
            return ApiResponses.of(result);
        } catch (ApiException e) {
            Telemetry.warn("request_rejected", "method", method, "resource", resource,
                    "status", e.statusCode(), "errorCode", e.errorCode(), "reason", e.getMessage(),
                    "durationMs", millisSince(started));
            return ApiResponses.error(e);
        } catch (RuntimeException e) {
            Telemetry.error("request_failed", "method", method, "resource", resource, "status", 500,
                    "exception", e.getClass().getName(), "reason", e.getMessage(),
                    "stackTrace", stackTrace(e), "durationMs", millisSince(started));
            return ApiResponses.internalError();
        }
    }

    // What the Lambda authorizer put on the request (tier, userRole); empty without one.
    private static Optional<String> authorizerValue(APIGatewayProxyRequestEvent event, String key) {
        Map<String, Object> authorizer = event == null || event.getRequestContext() == null
                ? null : event.getRequestContext().getAuthorizer();
        return authorizer != null && authorizer.get(key) instanceof String s && !s.isBlank()
                ? Optional.of(s) : Optional.empty();
    }

    /** The error for a request no route matched: 405 when the resource exists with other methods, else 404. */
    public static ApiException unmatched(String route, Set<String> knownResources) {
        int space = route.indexOf(' ');
        String resource = space < 0 ? route : route.substring(space + 1);
        if (knownResources.contains(resource)) {
            return new MethodNotAllowedException("method not allowed on " + resource);
        }
        return new NotFoundException("no route for " + resource);
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
