package functions.registration;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import functions.tenants.ControlPlane;
import functions.tenants.InternalCallers;
import functions.tenants.TenantAdminHandler;
import java.util.Map;

/**
 * Lambda entry point {@code functions.registration.TenantAdminFunction::handleRequest}: the tenant routes of the
 * admin API, {@link TenantAdminHandler} with the registration saga ({@link OperatorRegistrations}) behind POST
 * /tenants. It lives here, where both packages are visible, so that {@code functions.tenants} never depends on this
 * package.
 */
public final class TenantAdminFunction
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final TenantAdminHandler handler;

    /** Used by Lambda: reads the environment and builds the clients during init (inside the snapshot). */
    public TenantAdminFunction() {
        this(System.getenv());
    }

    /** The configuration from {@code env} (the environment contract's tests pass their own). */
    TenantAdminFunction(Map<String, String> env) {
        var plane = ControlPlane.fromEnvironment(env);
        this.handler = TenantAdminHandler.create(plane, InternalCallers.fromEnvironment(env),
                OperatorRegistrations.of(plane));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return handler.handleRequest(event, context);
    }
}
