package functions.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import functions.provisioning.PlatformSettings;
import functions.shared.CountingRequests;
import functions.tenants.ControlPlaneFixture;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DynamoDB round trips of one registration, counted on the client (issue #5: each is a sequential call on
 * the registration's latency path). A change here is a performance regression unless the bench says otherwise.
 */
class RegistrationCallCountTest {

    private final CountingRequests counter = new CountingRequests();
    private ControlPlaneFixture fixture;
    private RegistrationService service;

    @BeforeEach
    void setUp() {
        fixture = new ControlPlaneFixture();
        service = RegistrationService.create(fixture.plane(fixture.local.clientWith(counter)));
    }

    @Test
    void aPooledRegistrationTakesFourCallsOnceItsTierSettingsAreCached() {
        register("Acme", "BASIC");
        assertEquals(Map.of("GetItem", 1, "PutItem", 1, "TransactWriteItems", 3), counter.calls(),
                "first of its tier: claim, create, tier settings, user mapping, activate");

        counter.reset();
        register("Globex", "BASIC");
        assertEquals(Map.of("PutItem", 1, "TransactWriteItems", 3), counter.calls(),
                "claim, create, user mapping, activate");
    }

    @Test
    void theTierSettingsAreReadAgainAfterTheirTtl() {
        register("Acme", "STANDARD");
        fixture.clock.advance(PlatformSettings.TIER_TTL.plus(Duration.ofSeconds(1)));

        counter.reset();
        register("Globex", "STANDARD");
        assertEquals(Map.of("GetItem", 1, "PutItem", 1, "TransactWriteItems", 3), counter.calls());
    }

    @Test
    void aPlatinumRegistrationTakesFiveCalls() {
        register("Acme", "PLATINUM");
        assertEquals(Map.of("GetItem", 1, "PutItem", 1, "TransactWriteItems", 2, "UpdateItem", 1), counter.calls(),
                "claim, create, silo placement, stack mapping, finish");
    }

    @Test
    void aReplayOfAFinishedRegistrationTakesTwoCalls() {
        String key = UUID.randomUUID().toString();
        var input = new RegistrationInput("Acme", "admin@acme.example", "PREMIUM", null, null);
        service.register(key, input);

        counter.reset();
        service.register(key, input);
        assertEquals(Map.of("GetItem", 1, "TransactWriteItems", 1), counter.calls(),
                "the refused claim, the registration read");
    }

    private void register(String name, String tier) {
        service.register(UUID.randomUUID().toString(), new RegistrationInput(name,
                "admin@" + name.toLowerCase() + ".example", tier, null, null));
    }
}
