package functions.authorizer;

import functions.shared.TenantId;
import java.util.Optional;

/** The value of a tenant's API key, which API Gateway uses to meter the call in the tier's usage plan. */
interface ApiKeyResolver {

    /**
     * @return the key value; empty when the tenant has none
     * @throws AuthorizerUnavailableException when the answer cannot be had now
     */
    Optional<String> keyFor(TenantId tenant);
}
