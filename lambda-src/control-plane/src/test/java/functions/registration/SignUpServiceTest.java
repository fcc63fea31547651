package functions.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.ConflictException;
import functions.shared.NotFoundException;
import functions.shared.ValidationException;
import functions.tenants.ControlPlaneFixture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The public sign-up on moto: nothing is provisioned before the admin email is proven, and unproven ones lapse. */
class SignUpServiceTest {

    static final String KEY = "6f1c9a2e-4b3d-4e5f-8a7b-9c0d1e2f3a4b";
    static final String OTHER_KEY = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

    private ControlPlaneFixture fixture;
    private SignUps signUps;
    private SignUpService service;

    @BeforeEach
    void setUp() {
        fixture = new ControlPlaneFixture();
        signUps = new SignUps();
        service = signUps.service(fixture.plane());
    }

    static RegistrationInput acme() {
        return new RegistrationInput("Acme Corp", "Admin@Acme.example", "BASIC", "1 Main St", "+14155550123");
    }

    private RegistrationView verify(String key, String code) {
        return service.verify(key, new VerificationInput(code));
    }

    private static String wrong(String code) {
        return code.charAt(0) == '2' ? "3" + code.substring(1) : "2" + code.substring(1);
    }

    @Test
    void aSignUpProvisionsNothingUntilItsEmailIsVerified() {
        RegistrationView pending = service.signUp(KEY, acme());

        assertEquals("PENDING_VERIFICATION", pending.status());
        assertEquals(0, fixture.items(fixture.config.tenantDetailsTable()).size(), "no tenant");
        assertEquals(0, fixture.directory.userCount(), "no admin user");
        assertEquals(0, fixture.directory.groupCount(), "no tenant group");
        assertEquals(0, fixture.apiKeys.count(), "no API key");
        assertEquals(0, fixture.keyItemCount(), "no key item");
        assertEquals(0, fixture.items(fixture.config.tenantStackMappingTable()).size(), "no stack mapping");
        assertEquals("admin@acme.example", signUps.registrant(KEY).userAttributes().stream()
                .filter(a -> a.name().equals("email")).findFirst().orElseThrow().value(), "the code went to the email");

        RegistrationView active = verify(KEY, signUps.lastCode());

        assertEquals("ACTIVE", active.status());
        assertEquals(pending.tenantId(), active.tenantId());
        assertEquals(1, fixture.directory.userCount());
        assertEquals(1, fixture.directory.groupCount());
        assertEquals(1, fixture.apiKeys.count());
        assertEquals("1 Main St", fixture.plane().tenants().find(active.tenantId()).orElseThrow().address(),
                "the body's fields are kept until verification");
        assertNull(signUps.registrant(KEY), "the registrant is deleted once verified");
    }

    @Test
    void aWrongCodeIsRefusedAndTheLastAllowedAttemptReleasesTheClaims() {
        service.signUp(KEY, acme());
        String code = signUps.lastCode();

        for (int left = SignUpService.MAX_CODE_ATTEMPTS - 1; left >= 0; left--) {
            var refused = assertThrows(ValidationException.class, () -> verify(KEY, wrong(code)));
            assertTrue(refused.getMessage().contains(left + " attempt"), refused.getMessage());
        }
        assertThrows(ConflictException.class, () -> verify(KEY, code), "no attempt left, even for the right code");

        assertEquals(0, fixture.items(fixture.config.tenantDetailsTable()).size());
        assertEquals(0, fixture.directory.userCount());
        assertEquals(0, fixture.apiKeys.count());
        assertEquals("PENDING_VERIFICATION", service.signUp(OTHER_KEY, acme()).status(),
                "name and email were released with the last attempt");
    }

    @Test
    void theRightCodeStillVerifiesAfterFewerWrongAttemptsThanTheLimit() {
        service.signUp(KEY, acme());
        String code = signUps.lastCode();
        for (int i = 1; i < SignUpService.MAX_CODE_ATTEMPTS; i++) {
            assertThrows(ValidationException.class, () -> verify(KEY, wrong(code)));
        }

        assertEquals("ACTIVE", verify(KEY, code.toLowerCase().replace("-", " ")).status(),
                "case, blanks and dashes do not matter");
    }

    @Test
    void anUnverifiedSignUpExpiresAndItsNameAndEmailGoToAnotherRequest() {
        service.signUp(KEY, acme());
        String first = signUps.lastCode();
        assertThrows(ConflictException.class, () -> service.signUp(OTHER_KEY, acme()), "claimed while pending");

        fixture.clock.advance(SignUpService.PENDING_LIFETIME.plus(Duration.ofSeconds(1)));
        RegistrationView other = service.signUp(OTHER_KEY, acme());

        assertEquals("PENDING_VERIFICATION", other.status());
        assertThrows(ConflictException.class, () -> verify(KEY, first), "an expired code never verifies");
        assertEquals("ACTIVE", verify(OTHER_KEY, signUps.lastCode()).status());
        assertEquals(1, fixture.items(fixture.config.tenantDetailsTable()).size());
    }

    @Test
    void aCodeWhoseClaimsWentToALaterSignUpIs409EvenOnAClockThatIsBehind() {
        service.signUp(KEY, acme());
        String first = signUps.lastCode();
        fixture.clock.advance(SignUpService.PENDING_LIFETIME.plus(Duration.ofSeconds(1)));
        service.signUp(OTHER_KEY, acme());
        // The verifying instance's clock is 2 s behind the one that took the claims over.
        fixture.clock.advance(Duration.ofSeconds(-2));

        assertThrows(ConflictException.class, () -> verify(KEY, first));
        assertEquals(0, fixture.items(fixture.config.tenantDetailsTable()).size());
        assertEquals("ACTIVE", verify(OTHER_KEY, signUps.lastCode()).status());
    }

    @Test
    void aReplayWhilePendingAnswersTheSameAndMailsNoSecondCode() {
        RegistrationView first = service.signUp(KEY, acme());
        String code = signUps.lastCode();

        assertEquals(first, service.signUp(KEY, acme()));
        assertEquals(code, signUps.lastCode());
        assertEquals(1, signUps.mailCount());
        assertEquals(1, signUps.registrantCount());
        assertThrows(ConflictException.class, () -> service.signUp(KEY,
                new RegistrationInput("Other", "other@acme.example", "BASIC", null, null)));
    }

    @Test
    void aReplayOfALapsedSignUpMailsANewCodeAndOnlyTheNewCodeVerifies() {
        service.signUp(KEY, acme());
        String old = signUps.lastCode();
        fixture.clock.advance(SignUpService.PENDING_LIFETIME.plus(Duration.ofSeconds(1)));

        assertEquals("PENDING_VERIFICATION", service.signUp(KEY, acme()).status());
        String fresh = signUps.lastCode();

        assertNotEquals(old, fresh);
        assertThrows(ValidationException.class, () -> verify(KEY, old));
        assertEquals("ACTIVE", verify(KEY, fresh).status());
    }

    @Test
    void aReplayAfterVerificationAnswersAsARegistrationReplayDoes() {
        service.signUp(KEY, acme());
        RegistrationView active = verify(KEY, signUps.lastCode());

        assertEquals(active, service.signUp(KEY, acme()));
        assertEquals(1, fixture.directory.userCount());
        assertEquals(1, fixture.apiKeys.count());
        fixture.clock.advance(SignUpService.PENDING_LIFETIME.multipliedBy(30));
        assertThrows(ConflictException.class, () -> service.signUp(OTHER_KEY, acme()),
                "a verified registration keeps its claims for good");
    }

    @Test
    void onlyAHashOfTheCodeIsStored() {
        service.signUp(KEY, acme());
        String canonical = signUps.lastCode().replace("-", "");

        for (Map<String, AttributeValue> item : fixture.items(fixture.config.registrationsTable())) {
            item.values().forEach(v -> assertFalse(String.valueOf(v.s()).replace("-", "").contains(canonical), v.s()));
        }
    }

    @Test
    void theMailedCodeIsTheRegistrantsTemporaryPassword() {
        service.signUp(KEY, acme());
        // Only this test signs in: the real registrant pool has no app client at all.
        String client = signUps.cognito().createUserPoolClient(r -> r.userPoolId(signUps.registrantPool)
                .clientName("probe").explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH))
                .userPoolClient().clientId();

        var auth = signUps.cognito().adminInitiateAuth(r -> r.userPoolId(signUps.registrantPool).clientId(client)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", KEY, "PASSWORD", signUps.lastCode())));

        assertEquals(ChallengeNameType.NEW_PASSWORD_REQUIRED, auth.challengeName());
    }

    @Test
    void aCodeThatCannotBeMailedFreesTheClaimsForTheReplay() {
        var unmailable = SignUpService.create(fixture.plane(), new CognitoVerificationMail(signUps.cognito(),
                "us-east-1_doesnotexist"), VerificationCodes.secureRandom());

        assertThrows(ResourceNotFoundException.class, () -> unmailable.signUp(KEY, acme()));
        // Only the day's mail counters remain (the attempt counted against the quota; counting errs on the safe side).
        assertEquals(0, fixture.items(fixture.config.registrationsTable()).stream()
                .filter(item -> !item.get("pk").s().startsWith("mailquota#")).count(), "request and claims forgotten");
        assertEquals("PENDING_VERIFICATION", service.signUp(KEY, acme()).status());
        assertNotNull(signUps.registrant(KEY));
    }

    @Test
    void anUnknownRequestIs404AndAMalformedCodeIs400() {
        assertThrows(NotFoundException.class, () -> verify(KEY, "ABCD-EFGH-2345"));
        assertThrows(ValidationException.class, () -> verify(KEY, "12345"));
        assertThrows(ValidationException.class, () -> verify("not-a-uuid", "ABCD-EFGH-2345"));
    }

    private static RegistrationInput named(String name, String email) {
        return new RegistrationInput(name, email, "BASIC", null, null);
    }

    private void burn(String key) {
        String code = signUps.lastCode();
        for (int i = 0; i < SignUpService.MAX_CODE_ATTEMPTS; i++) {
            assertThrows(ValidationException.class, () -> verify(key, wrong(code)));
        }
    }

    @Test
    void oneAddressGetsAtMostThreeCodesADayAndARefusedSignUpHoldsNothing() {
        // Five wrong codes free the claims, so without a cap a new sign-up could mail the same address again and again.
        String[] keys = {KEY, OTHER_KEY, "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"};
        for (String key : keys) {
            assertEquals("PENDING_VERIFICATION", service.signUp(key, acme()).status());
            burn(key);
        }
        String fourth = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
        var refused = assertThrows(functions.shared.TooManyRequestsException.class,
                () -> service.signUp(fourth, acme()));
        assertEquals(429, refused.statusCode());
        assertTrue(refused.getMessage().contains("this address has been sent 3 sign-up codes today"),
                refused.getMessage());
        // The refused sign-up holds no claim: its name goes to another address at once.
        assertEquals("PENDING_VERIFICATION", service.signUp("3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f",
                named("Acme Corp", "other@acme.example")).status());
        // A new UTC day gives the address its codes back.
        fixture.clock.advance(Duration.ofDays(1));
        burn("3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f");
        assertEquals("PENDING_VERIFICATION", service.signUp(fourth, acme()).status());
    }

    @Test
    void theDaysSignUpMailsAreCappedSoTheAccountsMailQuotaIsNotUsedUpByAnonymousCallers() {
        var capped = signUps.service(fixture.plane(), 2);
        capped.signUp(KEY, named("Alpha", "a@alpha.example"));
        capped.signUp(OTHER_KEY, named("Beta", "b@beta.example"));

        var refused = assertThrows(functions.shared.TooManyRequestsException.class,
                () -> capped.signUp("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", named("Gamma", "c@gamma.example")));
        assertTrue(refused.getMessage().contains("the day's sign-up codes are used up"), refused.getMessage());
        assertEquals(SignUpMailQuota.DEFAULT_PER_DAY, SignUpMailQuota.perDay(Map.of()));
        assertEquals(40, SignUpMailQuota.perDay(Map.of(SignUpMailQuota.VARIABLE, "40")));
        assertThrows(IllegalStateException.class, () -> SignUpMailQuota.perDay(Map.of(SignUpMailQuota.VARIABLE, "x")));
    }
}
