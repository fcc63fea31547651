package functions.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.ConflictException;
import functions.tenants.ControlPlaneFixture;
import functions.tenants.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Releasing a tenant's name claim (offboarding), on moto; its email stays claimed. */
class RegistrationClaimsTest {

    private static final String FIRST_KEY = "6f1c9a2e-4b3d-4e5f-8a7b-9c0d1e2f3a4b";
    private static final String SECOND_KEY = "0b6d3c1e-2f4a-4b5c-9d6e-7f8a9b0c1d2e";
    private static final String THIRD_KEY = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    private ControlPlaneFixture fixture;
    private RegistrationService service;
    private RegistrationClaims claims;

    @BeforeEach
    void setUp() {
        fixture = new ControlPlaneFixture();
        service = RegistrationService.create(fixture.plane());
        claims = new RegistrationClaims(fixture.tables.client(), fixture.config.registrationsTable());
    }

    private static RegistrationInput acme(String email) {
        return new RegistrationInput("Acme  Corp", email, "BASIC", null, null);
    }

    private Tenant registered(String key, RegistrationInput input) {
        return fixture.plane().tenants().find(service.register(key, input).tenantId()).orElseThrow();
    }

    @Test
    void releasingFreesTheNameForAnotherRegistrationButKeepsTheEmailClaimed() {
        Tenant acme = registered(FIRST_KEY, acme("admin@acme.example"));
        assertThrows(ConflictException.class, () -> service.register(SECOND_KEY, acme("owner@acme.example")));

        assertEquals(ClaimRelease.RELEASED, claims.releaseName(acme.tenantId(), acme.tenantName()));

        assertEquals(List.of("adminEmail#admin@acme.example"), claimKeys());
        // The offboarded tenant's admin user still exists (disabled, kept for retention): its email stays taken.
        ConflictException email = assertThrows(ConflictException.class,
                () -> service.register(SECOND_KEY, acme("admin@acme.example")));
        assertTrue(email.getMessage().contains("adminEmail"), email.getMessage());
        Tenant again = registered(THIRD_KEY, new RegistrationInput("ACME Corp", "owner@acme.example", "BASIC", null,
                null));
        assertNotEquals(acme.tenantId(), again.tenantId());
    }

    @Test
    void theClaimKeyIsNormalizedAsRegistrationDoesIt() {
        Tenant acme = registered(FIRST_KEY, acme("admin@acme.example"));

        // Case, blank runs, outer blanks and compatibility forms (a fullwidth "A") fold to the claimed key.
        assertEquals(ClaimRelease.RELEASED, claims.releaseName(acme.tenantId(), " \uFF21CME   corp "));

        assertEquals(List.of("adminEmail#admin@acme.example"), claimKeys());
    }

    @Test
    void releasingTwiceIsAlreadyFreeNotAnError() {
        Tenant acme = registered(FIRST_KEY, acme("admin@acme.example"));
        claims.releaseName(acme.tenantId(), acme.tenantName());

        assertEquals(ClaimRelease.ALREADY_FREE, claims.releaseName(acme.tenantId(), acme.tenantName()));
        assertEquals(List.of("adminEmail#admin@acme.example"), claimKeys());
    }

    @Test
    void aNameRegisteredAgainByAnotherTenantIsNotReleasedButReported() {
        Tenant acme = registered(FIRST_KEY, acme("admin@acme.example"));
        claims.releaseName(acme.tenantId(), acme.tenantName());
        Tenant successor = registered(SECOND_KEY, acme("owner@acme.example"));

        assertEquals(ClaimRelease.HELD_BY_ANOTHER_TENANT, claims.releaseName(acme.tenantId(), acme.tenantName()));

        assertEquals(List.of("adminEmail#admin@acme.example", "adminEmail#owner@acme.example",
                "tenantName#acme corp"), claimKeys());
        assertEquals(successor.tenantId(), claim("tenantName#acme corp").get("tenantId").s());
    }

    @Test
    void anotherTenantsNameIsNeverReleased() {
        Tenant acme = registered(FIRST_KEY, acme("admin@acme.example"));
        Tenant globex = registered(SECOND_KEY,
                new RegistrationInput("Globex", "boss@globex.example", "BASIC", null, null));

        // A caller mixing up two tenants' details frees only what the named tenant holds.
        assertEquals(ClaimRelease.HELD_BY_ANOTHER_TENANT, claims.releaseName(acme.tenantId(), globex.tenantName()));

        assertEquals(List.of("adminEmail#admin@acme.example", "adminEmail#boss@globex.example",
                "tenantName#acme corp", "tenantName#globex"), claimKeys());
    }

    private List<String> claimKeys() {
        return fixture.items(fixture.config.registrationsTable()).stream()
                .map(item -> item.get(RegistrationRepository.KEY).s())
                .filter(pk -> !pk.startsWith("request#"))
                .sorted()
                .toList();
    }

    private Map<String, AttributeValue> claim(String pk) {
        return fixture.tables.client().getItem(r -> r.tableName(fixture.config.registrationsTable())
                .key(Map.of(RegistrationRepository.KEY, AttributeValue.fromS(pk))).consistentRead(true)).item();
    }
}
