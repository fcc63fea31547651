package functions.tenants;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import functions.shared.ApiInvocation;
import functions.shared.ApiResult;
import functions.shared.CallerContext;
import functions.shared.Json;
import functions.shared.PageToken;
import functions.shared.Requests;
import java.util.Map;
import java.util.Set;

/** Lambda entry point {@code functions.tenants.TenantUserHandler::handleRequest}: a tenant's users. Routes only. */
public final class TenantUserHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final String COLLECTION = "/tenants/{tenantId}/users";
    static final String ITEM = COLLECTION + "/{userName}";
    static final String DISABLE = ITEM + "/disable";
    static final String ENABLE = ITEM + "/enable";
    private static final Set<String> RESOURCES = Set.of(COLLECTION, ITEM, DISABLE, ENABLE);

    private final TenantUserService users;

    /** Used by Lambda: reads the environment and builds the clients during init (inside the snapshot). */
    public TenantUserHandler() {
        this(System.getenv());
    }

    TenantUserHandler(Map<String, String> env) {
        this(ControlPlane.fromEnvironment(env).tenantUserService());
    }

    TenantUserHandler(TenantUserService users) {
        this.users = users;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiInvocation.handleCaller(event, context, this::route);
    }

    private ApiResult route(String route, CallerContext caller, APIGatewayProxyRequestEvent event) {
        String tenantId = Requests.pathParameter(event, "tenantId");
        String userName = Requests.pathParameter(event, "userName");
        return switch (route) {
            case "GET " + COLLECTION -> ApiResult.ok(users.list(caller, tenantId,
                    Requests.queryParameter(event, PageToken.LIMIT), Requests.queryParameter(event, PageToken.FIELD)));
            case "POST " + COLLECTION -> ApiResult.created(users.create(caller, tenantId,
                    Json.readBody(event.getBody(), UserInput.class)));
            case "GET " + ITEM -> ApiResult.ok(users.get(caller, tenantId, userName));
            case "PUT " + ITEM -> ApiResult.ok(users.update(caller, tenantId, userName,
                    Json.readBody(event.getBody(), UserUpdate.class)));
            case "POST " + DISABLE -> ApiResult.ok(users.disable(caller, tenantId, userName));
            case "POST " + ENABLE -> ApiResult.ok(users.enable(caller, tenantId, userName));
            default -> throw ApiInvocation.unmatched(route, RESOURCES);
        };
    }
}
