package functions.shared;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.Set;

/**
 * The request pipeline both handlers share: resolve and authorize the tenant, route, map the outcome to
 * a response, and log one structured line per request. Keeping it here means error mapping and logging
 * happen once, whatever a route throws.
 */
public final class ApiInvocation {

    /** A function's routes; {@code route} is {@code "<METHOD> <resource template>"}, e.g. {@code "GET /orders"}. */
    @FunctionalInterface
    public interface Router {
        ApiResult route(String route, TenantId tenant, APIGatewayProxyRequestEvent event);
    }

    private ApiInvocation() {
    }

    public static APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context,
                                                      Optional<TenantId> siloTenant, Router router) {
        long started = System.nanoTime();
        String method = event == null ? null : event.getHttpMethod();
        String resource = event == null ? null : event.getResource();
        StructuredLog log = StructuredLog.of(context);
        try {
            TenantId tenant = TenantContext.authorize(event, siloTenant);
            log = log.with("tenantId", tenant.value());
            ApiResult result = router.route(method + " " + resource, tenant, event);
            log.info("request", "method", method, "resource", resource,
                    "status", result.statusCode(), "durationMs", millisSince(started));
            return ApiResponses.of(result);
        } catch (ApiException e) {
            log.warn("request_rejected", "method", method, "resource", resource,
                    "status", e.statusCode(), "error", e.errorCode(), "reason", e.getMessage(),
                    "durationMs", millisSince(started));
            return ApiResponses.error(e);
        } catch (RuntimeException e) {
            log.error("request_failed", "method", method, "resource", resource, "status", 500,
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
