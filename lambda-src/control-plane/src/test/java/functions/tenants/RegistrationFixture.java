package functions.tenants;

import functions.registration.RegistrationInput;
import functions.registration.RegistrationService;
import java.util.UUID;

/** Registers a tenant through the real saga, for management tests that need its users and key. */
final class RegistrationFixture {

    private RegistrationFixture() {
    }

    /** The new tenant's id. */
    static String register(ControlPlaneFixture fixture, String tier) {
        return RegistrationService.create(fixture.plane()).register(UUID.randomUUID().toString(),
                new RegistrationInput("Acme " + tier, "admin@acme-" + tier.toLowerCase() + ".example", tier, null,
                        null)).tenantId();
    }
}
