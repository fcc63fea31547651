package functions.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.RecordedAnswers;
import functions.shared.SentCalls;
import functions.shared.SentCalls.Call;
import functions.shared.Sharding;
import functions.shared.TenantId;
import functions.shared.WireRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import testsupport.Moto;

/**
 * The real STS client on moto's STS, every AssumeRole recorded as it leaves the client. The function signs with
 * its own key {@value #FUNCTION_KEY}; moto issues each tenant's session (an {@code ASIA…} key acting as the role,
 * named after the tenant, expiring an hour after it is issued) but does not evaluate the session policy: what the
 * policy allows is TenantSessionPolicyIsolationTest's, on the IAM policy simulator.
 */
class TenantCredentialsTest {

    static final String FUNCTION_KEY = "AKIDFUNCTION";
    /** In moto's default account, where MotoDynamoDb's tables are: the sessions reach them as in AWS. */
    static final String ROLE = "arn:aws:iam::" + Moto.ACCOUNT + ":role/saas-pooled-tenant-access";
    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId ACME_TWO = new TenantId("acme-two");
    private static final TenantSessionPolicy POLICY = new TenantSessionPolicy(
            List.of("arn:aws:dynamodb:eu-west-1:" + Moto.ACCOUNT + ":table/products"), new Sharding(4));

    /** Far more than a test takes to run, far less than the margin. */
    private static final Duration SAFELY_OUTSIDE_THE_MARGIN = Duration.ofSeconds(60);
    private final SentCalls sent = new SentCalls();
    private final RecordedAnswers wire = new RecordedAnswers(UrlConnectionHttpClient.create());
    private StsClient sts;

    @BeforeEach
    void start() {
        sts = stsClient(sent, wire);
    }

    @AfterEach
    void stop() {
        sts.close();
        wire.close();
    }

    /** The function's STS client: its own credentials, moto's endpoint, every call recorded as sent. */
    static StsClient stsClient(SentCalls sent, RecordedAnswers wire) {
        return Moto.get().configure(StsClient.builder()).httpClient(wire)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(FUNCTION_KEY, "function-secret")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(sent))
                .build();
    }

    /** Who moto says the session is: {@code arn:aws:sts::<account>:assumed-role/<role>/<session name>}. */
    static String callerArn(AwsSessionCredentials session) {
        try (var asSession = Moto.get().configure(StsClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(session)).build()) {
            return asSession.getCallerIdentity().arn();
        }
    }

    private TenantCredentials credentials(int maxTenants) {
        return new TenantCredentials(sts, ROLE, POLICY, maxTenants, TenantCredentials.SESSION_SECONDS);
    }

    /** Sessions of {@code seconds} (moto grants the DurationSeconds asked for): near the refresh margin at once. */
    private TenantCredentials sessionsOf(Duration length) {
        return new TenantCredentials(sts, ROLE, POLICY, 10, (int) length.toSeconds());
    }

    private List<Call> assumeRoles() {
        return sent.calls("AssumeRole");
    }

    private static Credentials issued(Call call) {
        return call.response(AssumeRoleResponse.class).credentials();
    }

    @Test
    void firstUseAssumesTheTenantAccessRoleWithTheTenantsSessionPolicySignedByTheFunctionsRole() {
        AwsSessionCredentials session = credentials(10).credentials(ACME);

        List<Call> calls = assumeRoles();
        assertEquals(1, calls.size());
        AssumeRoleRequest request = calls.get(0).request(AssumeRoleRequest.class);
        assertEquals(ROLE, request.roleArn());
        assertEquals("tenant-acme", request.roleSessionName());
        assertEquals(3600, request.durationSeconds());
        WireRequest wired = calls.get(0).wire();
        assertEquals(POLICY.forTenant(ACME), wired.param("Policy"), "the session policy JSON, as sent");
        assertEquals("2011-06-15", wired.param("Version"));
        assertEquals(FUNCTION_KEY, wired.accessKeyId());
        assertEquals("sts", wired.signingService());
        Credentials issued = issued(calls.get(0));
        assertTrue(session.accessKeyId().startsWith("ASIA"), session.accessKeyId());
        assertEquals(issued.accessKeyId(), session.accessKeyId());
        assertEquals(issued.secretAccessKey(), session.secretAccessKey());
        assertEquals(issued.sessionToken(), session.sessionToken());
        assertEquals(issued.expiration(), session.expirationTime().orElseThrow());
        assertEquals("arn:aws:sts::" + Moto.ACCOUNT + ":assumed-role/saas-pooled-tenant-access/tenant-acme",
                callerArn(session));
    }

    @Test
    void anHourLongSessionIsReusedWithoutCallingStsAgain() {
        TenantCredentials credentials = credentials(10);
        AwsSessionCredentials first = credentials.credentials(ACME);

        assertSame(first, credentials.credentials(ACME));
        assertSame(first, credentials.credentialsFor(ACME).orElseThrow().resolveCredentials());
        assertEquals(1, assumeRoles().size());
    }

    // The SDK provider reads the wall clock (no clock can be given to it), so the five-minute margin is crossed by
    // asking moto for sessions that start just outside or just inside it, rather than by moving a test clock.
    @Test
    void aSessionIsReusedWhileMoreThanFiveMinutesFromExpiry() {
        TenantCredentials credentials =
                sessionsOf(TenantCredentials.REFRESH_BEFORE_EXPIRY.plus(SAFELY_OUTSIDE_THE_MARGIN));
        AwsSessionCredentials first = credentials.credentials(ACME);

        assertSame(first, credentials.credentials(ACME));
        assertEquals(1, assumeRoles().size());
    }

    @Test
    void aSessionWithinFiveMinutesOfExpiryIsReplacedBeforeUse() {
        TenantCredentials credentials =
                sessionsOf(TenantCredentials.REFRESH_BEFORE_EXPIRY.minus(SAFELY_OUTSIDE_THE_MARGIN));
        AwsSessionCredentials first = credentials.credentials(ACME);
        AwsSessionCredentials refreshed = credentials.credentials(ACME);

        assertEquals(2, assumeRoles().size());
        assertNotEquals(first.accessKeyId(), refreshed.accessKeyId());
        assertEquals(issued(assumeRoles().get(1)).expiration(), refreshed.expirationTime().orElseThrow());
        assertEquals(List.of("tenant-acme", "tenant-acme"),
                assumeRoles().stream().map(c -> c.request(AssumeRoleRequest.class).roleSessionName()).toList());
        assertEquals(POLICY.forTenant(ACME), assumeRoles().get(1).wire().param("Policy"), "the refresh keeps the policy");
    }

    @Test
    void distinctTenantsGetDistinctSessionsEachWithItsOwnPolicy() {
        TenantCredentials credentials = credentials(10);

        var acme = credentials.credentials(ACME);
        var acmeTwo = credentials.credentials(ACME_TWO);
        credentials.credentials(ACME);
        credentials.credentials(ACME_TWO);

        assertNotEquals(acme.accessKeyId(), acmeTwo.accessKeyId());
        assertTrue(callerArn(acme).endsWith("/tenant-acme"), callerArn(acme));
        assertTrue(callerArn(acmeTwo).endsWith("/tenant-acme-two"), callerArn(acmeTwo));
        List<Call> calls = assumeRoles();
        assertEquals(List.of("tenant-acme", "tenant-acme-two"),
                calls.stream().map(c -> c.request(AssumeRoleRequest.class).roleSessionName()).toList());
        assertEquals(List.of(POLICY.forTenant(ACME), POLICY.forTenant(ACME_TWO)),
                calls.stream().map(c -> c.wire().param("Policy")).toList());
    }

    @Test
    void theCacheKeepsTheMostRecentlyUsedTenantsOnly() {
        TenantCredentials credentials = credentials(2);
        TenantId globex = new TenantId("globex");

        credentials.credentials(ACME);
        credentials.credentials(ACME_TWO);
        credentials.credentials(ACME);
        credentials.credentials(globex);   // evicts acme-two, the least recently used
        credentials.credentials(ACME);
        credentials.credentials(ACME_TWO);

        assertEquals(List.of("tenant-acme", "tenant-acme-two", "tenant-globex", "tenant-acme-two"),
                assumeRoles().stream().map(c -> c.request(AssumeRoleRequest.class).roleSessionName()).toList());
    }

    @Test
    void aRefusedAssumeRoleFailsTheCallNamingTheRoleTenantAndErrorCode() {
        // moto assumes any role: STS's refusal is AWS's recorded answer.
        wire.answer(RecordedAnswers.action("AssumeRole"), "aws/sts-assume-role-access-denied.json");
        TenantCredentials credentials = credentials(10);

        var e = assertThrows(TenantCredentialsException.class, () -> credentials.credentials(ACME));

        assertEquals("AccessDenied", e.errorCode());
        assertTrue(e.getMessage().startsWith("AssumeRole " + ROLE + " for tenant acme failed: AccessDenied"),
                e.getMessage());
    }

    @Test
    void sessionNamesAreValidForStsForTheLongestTenantIds() {
        for (TenantId tenant : List.of(TenantSessionPolicy.LONGEST_TENANT, new TenantId("a".repeat(32)), ACME)) {
            String name = TenantCredentials.sessionName(tenant);
            assertTrue(name.matches("[\\w+=,.@-]{2,64}"), name);
            assertEquals("tenant-" + tenant.value(), name);
        }
    }
}
