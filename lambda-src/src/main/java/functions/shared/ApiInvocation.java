package functions.shared;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.Set;

/**
 * The request pipeline every API handler shares: resolve and authorize the tenant (or the admin caller, or
 * nobody on a public route), route, map the outcome to a response, and log one structured line per request.
 * Keeping it here means error mapping and logging happen once, whatever a route throws.
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

    /** Adds keys to the request's log line once the route knows them (the tenant, the caller's role). */
    private static final class RequestLog {
        private StructuredLog log;

        RequestLog(StructuredLog log) {
            this.log = log;
        }

        void tag(String key, Object value) {
            log = log.with(key, value);
        }
    }

    @FunctionalInterface
    private interface Dispatch {
        ApiResult run(String route, RequestLog log);
    }

    public static APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context,
                                                      Optional<TenantId> siloTenant, Router router) {
        return run(event, context, (route, log) -> {
            TenantId tenant = TenantContext.authorize(event, siloTenant);
            log.tag("tenantId", tenant.value());
            return router.route(route, tenant, event);
        });
    }

    /** For admin routes: the caller comes from {@link CallerContext}; the log keys the tenant the path names. */
    public static APIGatewayProxyResponseEvent handleCaller(APIGatewayProxyRequestEvent event, Context context,
                                                            CallerRouter router) {
        return run(event, context, (route, log) -> {
            CallerContext caller = CallerContext.from(event);
            log.tag("callerRole", caller.role().claimValue());
            caller.tenant().ifPresent(t -> log.tag("callerTenantId", t.value()));
            String target = event.getPathParameters() == null ? null : event.getPathParameters().get("tenantId");
            if (TenantId.isValid(target)) {
                log.tag("tenantId", target);
            }
            return router.route(route, caller, event);
        });
    }

    public static APIGatewayProxyResponseEvent handlePublic(APIGatewayProxyRequestEvent event, Context context,
                                                            PublicRouter router) {
        return run(event, context, (route, log) -> router.route(route, event));
    }

    private static APIGatewayProxyResponseEvent run(APIGatewayProxyRequestEvent event, Context context,
                                                    Dispatch dispatch) {
        long started = System.nanoTime();
        APIGatewayProxyResponseEvent response = respond(event, context, dispatch, started);
        // What the caller saw, whatever the route threw: the signal the rollout of this version is judged by.
        METRICS.record(context, response.getStatusCode() >= 500, millisSince(started));
        return response;
    }

    private static APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent event, Context context,
                                                        Dispatch dispatch, long started) {
        String method = event == null ? null : event.getHttpMethod();
        String resource = event == null ? null : event.getResource();
        RequestLog request = new RequestLog(StructuredLog.of(context));
        try {
            ApiResult result = dispatch.run(method + " " + resource, request);
            request.log.info("request", "method", method, "resource", resource,
                    "status", result.statusCode(), "durationMs", millisSince(started));
            return ApiResponses.of(result);
        } catch (ApiException e) {
            request.log.warn("request_rejected", "method", method, "resource", resource,
                    "status", e.statusCode(), "error", e.errorCode(), "reason", e.getMessage(),
                    "durationMs", millisSince(started));
            return ApiResponses.error(e);
        } catch (RuntimeException e) {
            request.log.error("request_failed", "method", method, "resource", resource, "status", 500,
                    "exception", e.getClass().getName(), "reason", e.getMessage(),
                    "stackTrace", stackTrace(e), "durationMs", millisSince(started));
            return ApiResponses.internalError();
        }
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
