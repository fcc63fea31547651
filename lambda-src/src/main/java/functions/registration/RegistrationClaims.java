package functions.registration;

import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The uniqueness claims of registered tenants as other packages see them: offboarding frees a tenant's name and
 * admin email with {@link #release} so they can be registered again. The Registrations table stays private to
 * this package; this is its one public door.
 */
public final class RegistrationClaims {

    private final RegistrationRepository registrations;

    /** @param registrationsTable the Registrations table ({@code REGISTRATIONS_TABLE}) */
    public RegistrationClaims(DynamoDbClient dynamo, String registrationsTable) {
        this.registrations = new RegistrationRepository(dynamo, registrationsTable);
    }

    /**
     * Deletes the tenant's name and email claims if they still belong to {@code tenantId}; idempotent. A claim of
     * another tenant is kept and reported in the result.
     *
     * @param tenantName the tenant's name as registered (normalized here exactly as registration does)
     * @param adminEmail the tenant's admin email as registered
     */
    public ClaimRelease release(String tenantId, String tenantName, String adminEmail) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(tenantName, "tenantName");
        Objects.requireNonNull(adminEmail, "adminEmail");
        return registrations.releaseClaims(tenantId, tenantName, adminEmail);
    }
}
