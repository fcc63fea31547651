package functions.operators;

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

/**
 * Lambda entry point {@code functions.operators.OperatorHandler::handleRequest}: the operators of the operations
 * user pool on the admin API. Routes only; the rules are {@link OperatorService}'s.
 */
public final class OperatorHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final String COLLECTION = "/operators";
    static final String ITEM = COLLECTION + "/{userName}";
    static final String DISABLE = ITEM + "/disable";
    static final String ENABLE = ITEM + "/enable";
    private static final Set<String> RESOURCES = Set.of(COLLECTION, ITEM, DISABLE, ENABLE);

    private final OperatorService operators;

    /** Used by Lambda: reads the environment and builds the Cognito client during init (inside the snapshot). */
    public OperatorHandler() {
        this(System.getenv());
    }

    OperatorHandler(Map<String, String> env) {
        this(OperatorService.fromEnvironment(env));
    }

    OperatorHandler(OperatorService operators) {
        this.operators = operators;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiInvocation.handleCaller(event, context, this::route);
    }

    private ApiResult route(String route, CallerContext caller, APIGatewayProxyRequestEvent event) {
        String userName = Requests.pathParameter(event, "userName");
        return switch (route) {
            case "GET " + COLLECTION -> ApiResult.ok(operators.list(caller,
                    Requests.queryParameter(event, PageToken.LIMIT), Requests.queryParameter(event, PageToken.FIELD)));
            case "POST " + COLLECTION -> ApiResult.created(operators.create(caller,
                    Json.readBody(event.getBody(), OperatorInput.class)));
            case "GET " + ITEM -> ApiResult.ok(operators.get(caller, userName));
            case "POST " + DISABLE -> ApiResult.ok(operators.disable(caller,
                    CallerIdentity.from(event.getRequestContext().getAuthorizer()), userName));
            case "POST " + ENABLE -> ApiResult.ok(operators.enable(caller, userName));
            default -> throw ApiInvocation.unmatched(route, RESOURCES);
        };
    }
}
