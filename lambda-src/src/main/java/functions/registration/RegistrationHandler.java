package functions.registration;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import functions.shared.ApiInvocation;
import functions.shared.ApiResult;
import functions.shared.Json;
import functions.shared.Requests;
import functions.tenants.ControlPlane;
import java.util.Set;

/**
 * Lambda entry point {@code functions.registration.RegistrationHandler::handleRequest}: the public
 * {@code POST /registration}, idempotent by its {@code Idempotency-Key} header. Routes only.
 */
public final class RegistrationHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final String ROUTE = "/registration";

    private final RegistrationService service;

    /** Used by Lambda: reads the environment and builds the clients during init (inside the snapshot). */
    public RegistrationHandler() {
        this(RegistrationService.create(ControlPlane.fromEnvironment(System.getenv())));
    }

    RegistrationHandler(RegistrationService service) {
        this.service = service;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiInvocation.handlePublic(event, context, (route, request) -> {
            if (!route.equals("POST " + ROUTE)) {
                throw ApiInvocation.unmatched(route, Set.of(ROUTE));
            }
            return result(service.signUp(Requests.header(request, RegistrationService.IDEMPOTENCY_KEY),
                    Json.readBody(request.getBody(), RegistrationInput.class)));
        });
    }

    /** 201 once the tenant is ACTIVE; 202 while it is provisioned (silo stack) or another attempt runs. */
    public static ApiResult result(RegistrationView view) {
        return "ACTIVE".equals(view.status()) ? ApiResult.created(view) : new ApiResult(202, view);
    }
}
