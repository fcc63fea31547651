package functions.registration;

import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The uniqueness claims of registered tenants as other packages see them: offboarding frees a tenant's name with
 * {@link #releaseName} so another tenant can register it. The admin email stays claimed: offboarding keeps the
 * tenant's users (disabled, for retention), so while the offboarded tenant's admin user exists a new registration
 * with that email would pass the claim and then fail at user creation; the claim answers 409 up front instead. The
 * Registrations table stays private to this package; this is its one public door.
 */
public final class RegistrationClaims {

    private final RegistrationRepository registrations;

    /** @param registrationsTable the Registrations table ({@code REGISTRATIONS_TABLE}) */
    public RegistrationClaims(DynamoDbClient dynamo, String registrationsTable) {
        this.registrations = new RegistrationRepository(dynamo, registrationsTable);
    }

    /**
     * Deletes the tenant's name claim if it still belongs to {@code tenantId}; idempotent. A claim of another
     * tenant is kept and reported as {@link ClaimRelease#HELD_BY_ANOTHER_TENANT}.
     *
     * @param tenantName the tenant's name as registered (normalized here exactly as registration does)
     */
    public ClaimRelease releaseName(String tenantId, String tenantName) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(tenantName, "tenantName");
        return registrations.releaseNameClaim(tenantId, tenantName);
    }
}
