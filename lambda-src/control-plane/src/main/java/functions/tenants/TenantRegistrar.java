package functions.tenants;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import functions.shared.ApiResult;
import functions.shared.CallerContext;

/**
 * What the tenant routes need of the registration saga: POST /tenants registers a tenant exactly as a self-registered
 * one, and offboarding frees the tenant's name. The saga lives in {@code functions.registration}, which depends on
 * this package, so it implements this interface ({@code functions.registration.OperatorRegistrations}) and this
 * package never depends on it.
 */
public interface TenantRegistrar {

    /** POST /tenants: the registration saga for the calling operator, mapped to the route's response. */
    ApiResult register(CallerContext caller, APIGatewayProxyRequestEvent event);

    /** Frees an offboarded tenant's name for new registrations; a name another tenant holds by now is left alone. */
    void releaseName(String tenantId, String tenantName);
}
