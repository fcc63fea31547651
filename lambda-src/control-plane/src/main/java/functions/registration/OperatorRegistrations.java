package functions.registration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import functions.shared.ApiResult;
import functions.shared.CallerContext;
import functions.shared.Json;
import functions.shared.Requests;
import functions.tenants.ControlPlane;
import functions.tenants.TenantRegistrar;

/** The registration saga behind the tenant routes of the admin API ({@link TenantAdminFunction}). */
public final class OperatorRegistrations implements TenantRegistrar {

    private final RegistrationService registration;
    private final RegistrationClaims claims;

    public OperatorRegistrations(RegistrationService registration, RegistrationClaims claims) {
        this.registration = registration;
        this.claims = claims;
    }

    /** The saga and the name claims of {@code plane}'s Registrations table. */
    public static OperatorRegistrations of(ControlPlane plane) {
        return new OperatorRegistrations(RegistrationService.create(plane),
                new RegistrationClaims(plane.dynamo(), plane.config().registrationsTable()));
    }

    @Override
    public ApiResult register(CallerContext caller, APIGatewayProxyRequestEvent event) {
        return RegistrationHandler.result(registration.registerAs(caller,
                Requests.header(event, RegistrationService.IDEMPOTENCY_KEY),
                Json.readBody(event.getBody(), RegistrationInput.class)));
    }

    @Override
    public void releaseName(String tenantId, String tenantName) {
        claims.releaseName(tenantId, tenantName);
    }
}
