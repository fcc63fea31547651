package functions.order;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import functions.isolation.TenantTables;
import functions.shared.ApiInvocation;
import functions.shared.ApiResult;
import functions.shared.FunctionConfig;
import functions.shared.Json;
import functions.shared.PageToken;
import functions.shared.PageTokenKey;
import functions.shared.Requests;
import functions.shared.SignedPageToken;
import functions.shared.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Lambda entry point {@code functions.order.OrderHandler::handleRequest}: routes only. */
public final class OrderHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final String COLLECTION = "/orders";
    private static final String ITEM = "/orders/{orderId}";
    private static final Set<String> RESOURCES = Set.of(COLLECTION, ITEM);

    private final OrderService service;
    private final Optional<TenantId> siloTenant;

    /** Used by Lambda: reads the environment and builds the clients during init (inside the snapshot). */
    public OrderHandler() {
        this(System.getenv());
    }

    OrderHandler(Map<String, String> env) {
        this(FunctionConfig.fromEnvironment(env), env);
    }

    // Pooled: every data call signed with the calling tenant's scoped credentials; silo: the function's own role.
    private OrderHandler(FunctionConfig config, Map<String, String> env) {
        this(new OrderService(new OrderRepository(TenantTables.open(config, env, OrderRepository.SORT_KEY)),
                        new SignedPageToken("orders", OrderRepository.SORT_KEY,
                                PageTokenKey.fromEnvironment(env, config.region()))),
                config.siloTenant());
    }

    OrderHandler(OrderService service, Optional<TenantId> siloTenant) {
        this.service = service;
        this.siloTenant = siloTenant;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiInvocation.handle(event, context, siloTenant, this::route);
    }

    private ApiResult route(String route, TenantId tenant, APIGatewayProxyRequestEvent event) {
        return switch (route) {
            case "GET " + COLLECTION -> ApiResult.ok(service.list(tenant,
                    Requests.queryParameter(event, PageToken.LIMIT), Requests.queryParameter(event, PageToken.FIELD)));
            case "POST " + COLLECTION ->
                    ApiResult.created(service.create(tenant, Json.readBody(event.getBody(), OrderInput.class)));
            case "GET " + ITEM -> ApiResult.ok(service.get(tenant, orderId(event)));
            case "PUT " + ITEM -> ApiResult.ok(service.update(tenant, orderId(event),
                    Json.readBody(event.getBody(), OrderInput.class)));
            case "DELETE " + ITEM -> {
                service.delete(tenant, orderId(event));
                yield ApiResult.noContent();
            }
            default -> throw ApiInvocation.unmatched(route, RESOURCES);
        };
    }

    private static String orderId(APIGatewayProxyRequestEvent event) {
        Map<String, String> path = event.getPathParameters();
        return path == null ? null : path.get("orderId");
    }
}
