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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB round trips of one registration, counted on the client (issue #5: each is a sequential call on
 * the registration's latency path). A change here is a performance regression unless the bench says otherwise.
 * The tier stack's TenantApiKeys table is reached through a client that counts into the same counter (in the
 * stack's account and region, with its role's credentials), so its write is counted like the control plane's own.
 */
class RegistrationCallCountTest {

    private final CountingRequests counter = new CountingRequests();
    private ControlPlaneFixture fixture;
    private RegistrationService service;

    @BeforeEach
    void setUp() {
        fixture = new ControlPlaneFixture();
        service = RegistrationService.create(fixture.plane(counter));
    }

    @Test
    void aPooledRegistrationTakesFiveCalls() {
        register("Acme", "BASIC");
        assertEquals(Map.of("PutItem", 2, "TransactWriteItems", 3), counter.calls(),
                "claim, create, key item (in the tier stack's TenantApiKeys table), user mapping, activate; a tier"
                        + " with one environment needs no placement setting");

        counter.reset();
        register("Globex", "BASIC");
        assertEquals(Map.of("PutItem", 2, "TransactWriteItems", 3), counter.calls());
    }

    @Test
    void aTierWithSeveralEnvironmentsReadsItsPlacementOncePerTtl() {
        fixture = new ControlPlaneFixture("BASIC=222222222222/us-east-1,BASIC=555555555555/eu-west-1");
        fixture.putSetting("tier#BASIC", Map.of("account", AttributeValue.fromS("555555555555"),
                "region", AttributeValue.fromS("eu-west-1")));
        service = RegistrationService.create(fixture.plane(counter));

        register("Acme", "BASIC");
        assertEquals(Map.of("GetItem", 1, "PutItem", 2, "TransactWriteItems", 3), counter.calls(),
                "first of its tier: the tier#BASIC placement as well");
        counter.reset();
        register("Globex", "BASIC");
        assertEquals(Map.of("PutItem", 2, "TransactWriteItems", 3), counter.calls(), "placement cached");

        fixture.clock.advance(PlatformSettings.TIER_TTL.plus(Duration.ofSeconds(1)));
        counter.reset();
        register("Initech", "BASIC");
        assertEquals(Map.of("GetItem", 1, "PutItem", 2, "TransactWriteItems", 3), counter.calls(),
                "read again after its TTL");
    }

    @Test
    void aPlatinumRegistrationTakesFiveCalls() {
        register("Acme", "PLATINUM");
        assertEquals(Map.of("GetItem", 1, "TransactWriteItems", 3, "UpdateItem", 1), counter.calls(),
                "claim, create, silo placement, stack mapping guarded by the tenant's status, finish");
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
