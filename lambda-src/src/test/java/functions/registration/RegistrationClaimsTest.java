package functions.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.registration.ClaimRelease.Outcome;
import functions.shared.ConflictException;
import functions.tenants.ControlPlaneFixture;
import functions.tenants.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Releasing a tenant's name and email claims (offboarding), on DynamoDB Local. */
class RegistrationClaimsTest {

    private static final String FIRST_KEY = "6f1c9a2e-4b3d-4e5f-8a7b-9c0d1e2f3a4b";
    private static final String SECOND_KEY = "0b6d3c1e-2f4a-4b5c-9d6e-7f8a9b0c1d2e";

    private ControlPlaneFixture fixture;
    private RegistrationService service;
    private RegistrationClaims claims;

    @BeforeEach
    void setUp() {
        fixture = new ControlPlaneFixture();
        service = RegistrationService.create(fixture.plane());
        claims = new RegistrationClaims(fixture.local.client(), fixture.config.registrationsTable());
    }

    private static RegistrationInput acme(String email) {
        return new RegistrationInput("Acme  Corp", email, "BASIC", null, null);
    }

    private Tenant registered(String key, RegistrationInput input) {
        return fixture.plane().tenants().find(service.register(key, input).tenantId()).orElseThrow();
    }

    @Test
    void releasingFreesTheNameAndEmailForAnotherRegistration() {
        Tenant acme = registered(FIRST_KEY, acme("admin@acme.example"));
        assertThrows(ConflictException.class, () -> service.register(SECOND_KEY, acme("admin@acme.example")));

        ClaimRelease release = claims.release(acme.tenantId(), acme.tenantName(), acme.adminEmail());

        assertEquals(new ClaimRelease(Outcome.RELEASED, Outcome.RELEASED), release);
        assertTrue(release.noneHeldByOthers());
        assertEquals(List.of(), claimKeys());
        // Another tier's pool: the first tenant's admin user still exists (disabled) in the BASIC pool, and offboarding
        // does not delete it, so the same email in the same tier would pass the claim and fail at the user (409).
        Tenant again = registered(SECOND_KEY,
                new RegistrationInput("ACME Corp", "admin@acme.example", "STANDARD", null, null));
        assertNotEquals(acme.tenantId(), again.tenantId());
    }

    @Test
    void theClaimKeyIsNormalizedAsRegistrationDoesIt() {
        Tenant acme = registered(FIRST_KEY, acme("admin@acme.example"));

        // Case, blank runs and compatibility forms (a fullwidth "A") fold to the claimed key.
        ClaimRelease release = claims.release(acme.tenantId(), "\uFF21CME corp", " Admin@ACME.example ");

        assertEquals(new ClaimRelease(Outcome.RELEASED, Outcome.RELEASED), release);
    }

    @Test
    void releasingTwiceIsAlreadyFreeNotAnError() {
        Tenant acme = registered(FIRST_KEY, acme("admin@acme.example"));
        claims.release(acme.tenantId(), acme.tenantName(), acme.adminEmail());

        assertEquals(new ClaimRelease(Outcome.ALREADY_FREE, Outcome.ALREADY_FREE),
                claims.release(acme.tenantId(), acme.tenantName(), acme.adminEmail()));
    }

    @Test
    void aNameRegisteredAgainByAnotherTenantIsNotReleasedButReported() {
        Tenant acme = registered(FIRST_KEY, acme("admin@acme.example"));
        claims.release(acme.tenantId(), acme.tenantName(), acme.adminEmail());
        Tenant successor = registered(SECOND_KEY, acme("owner@acme.example"));

        ClaimRelease release = claims.release(acme.tenantId(), acme.tenantName(), acme.adminEmail());

        assertEquals(new ClaimRelease(Outcome.HELD_BY_ANOTHER_TENANT, Outcome.ALREADY_FREE), release);
        assertFalse(release.noneHeldByOthers());
        assertEquals(List.of("adminEmail#owner@acme.example", "tenantName#acme corp"), claimKeys());
        assertEquals(successor.tenantId(), claim("tenantName#acme corp").get("tenantId").s());
    }

    @Test
    void anotherTenantsEmailStaysClaimedWhileThisTenantsNameIsReleased() {
        Tenant acme = registered(FIRST_KEY, acme("admin@acme.example"));
        Tenant globex = registered(SECOND_KEY,
                new RegistrationInput("Globex", "boss@globex.example", "BASIC", null, null));

        // A caller mixing up two tenants' details frees only what the named tenant holds.
        ClaimRelease release = claims.release(acme.tenantId(), acme.tenantName(), globex.adminEmail());

        assertEquals(new ClaimRelease(Outcome.RELEASED, Outcome.HELD_BY_ANOTHER_TENANT), release);
        assertEquals(List.of("adminEmail#admin@acme.example", "adminEmail#boss@globex.example", "tenantName#globex"),
                claimKeys());
    }

    private List<String> claimKeys() {
        return fixture.items(fixture.config.registrationsTable()).stream()
                .map(item -> item.get(RegistrationRepository.KEY).s())
                .filter(pk -> !pk.startsWith("request#"))
                .sorted()
                .toList();
    }

    private Map<String, AttributeValue> claim(String pk) {
        return fixture.local.client().getItem(r -> r.tableName(fixture.config.registrationsTable())
                .key(Map.of(RegistrationRepository.KEY, AttributeValue.fromS(pk))).consistentRead(true)).item();
    }
}
