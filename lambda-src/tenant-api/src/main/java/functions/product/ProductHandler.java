package functions.product;

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

/** Lambda entry point {@code functions.product.ProductHandler::handleRequest}: routes only. */
public final class ProductHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final String COLLECTION = "/products";
    private static final String ITEM = "/products/{productId}";
    private static final Set<String> RESOURCES = Set.of(COLLECTION, ITEM);

    private final ProductService service;
    private final Optional<TenantId> siloTenant;

    /** Used by Lambda: reads the environment and builds the clients during init (inside the snapshot). */
    public ProductHandler() {
        this(System.getenv());
    }

    ProductHandler(Map<String, String> env) {
        this(FunctionConfig.fromEnvironment(env), env);
    }

    // Pooled: every data call signed with the calling tenant's scoped credentials; silo: the function's own role.
    private ProductHandler(FunctionConfig config, Map<String, String> env) {
        this(new ProductService(new ProductRepository(TenantTables.open(config, env, ProductRepository.SORT_KEY)),
                        new SignedPageToken("products", ProductRepository.SORT_KEY,
                                PageTokenKey.fromEnvironment(env, config.region()))),
                config.siloTenant());
    }

    ProductHandler(ProductService service, Optional<TenantId> siloTenant) {
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
                    ApiResult.created(service.create(tenant, Json.readBody(event.getBody(), ProductInput.class)));
            case "GET " + ITEM -> ApiResult.ok(service.get(tenant, productId(event)));
            case "PUT " + ITEM -> ApiResult.ok(service.update(tenant, productId(event),
                    Json.readBody(event.getBody(), ProductInput.class)));
            case "DELETE " + ITEM -> {
                service.delete(tenant, productId(event));
                yield ApiResult.noContent();
            }
            default -> throw ApiInvocation.unmatched(route, RESOURCES);
        };
    }

    private static String productId(APIGatewayProxyRequestEvent event) {
        Map<String, String> path = event.getPathParameters();
        return path == null ? null : path.get("productId");
    }
}
