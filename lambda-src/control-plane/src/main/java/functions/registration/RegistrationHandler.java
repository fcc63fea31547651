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
import java.util.Map;
import java.util.Set;

/**
 * Lambda entry point {@code functions.registration.RegistrationHandler::handleRequest}: the public sign-up,
 * {@code POST /registration} (idempotent by its {@code Idempotency-Key} header; mails a one-time code) and
 * {@code POST /registration/{requestId}/verify} (the code; provisions the tenant). Routes only.
 */
public final class RegistrationHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    public static final String ROUTE = "/registration";
    public static final String VERIFY_ROUTE = "/registration/{requestId}/verify";

    private final SignUpService service;

    /** Used by Lambda: reads the environment and builds the clients during init (inside the snapshot). */
    public RegistrationHandler() {
        this(System.getenv());
    }

    RegistrationHandler(Map<String, String> env) {
        this(SignUpService.create(ControlPlane.fromEnvironment(env), env));
    }

    RegistrationHandler(SignUpService service) {
        this.service = service;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiInvocation.handlePublic(event, context, (route, request) -> switch (route) {
            case "POST " + ROUTE -> result(service.signUp(
                    Requests.header(request, RegistrationService.IDEMPOTENCY_KEY),
                    Json.readBody(request.getBody(), RegistrationInput.class)));
            case "POST " + VERIFY_ROUTE -> result(service.verify(Requests.pathParameter(request, "requestId"),
                    Json.readBody(request.getBody(), VerificationInput.class)));
            default -> throw ApiInvocation.unmatched(route, Set.of(ROUTE, VERIFY_ROUTE));
        });
    }

    /**
     * 201 once the tenant is ACTIVE; 202 while its email is unverified (PENDING_VERIFICATION), while it is
     * provisioned (silo stack) or while another attempt runs.
     */
    public static ApiResult result(RegistrationView view) {
        return "ACTIVE".equals(view.status()) ? ApiResult.created(view) : new ApiResult(202, view);
    }
}
