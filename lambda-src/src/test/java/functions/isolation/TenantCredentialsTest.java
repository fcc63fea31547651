package functions.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.FakeAwsQueryServer;
import functions.shared.FakeAwsQueryServer.Call;
import functions.shared.FakeAwsQueryServer.Reply;
import functions.shared.MutableClock;
import functions.shared.Sharding;
import functions.shared.TenantId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The real STS client against a local server answering as STS does (query protocol). The function's own
 * credentials are {@code AKIDFUNCTION}; the assumed session of tenant {@code t} gets access key {@code ASIA<T>}
 * (its session name in capitals, letters and digits only), expiring an hour after {@link #START}.
 */
class TenantCredentialsTest {

    static final String ROLE = "arn:aws:iam::111122223333:role/saas-pooled-tenant-access";
    private static final Instant START = Instant.parse("2026-11-02T10:00:00Z");
    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId ACME_TWO = new TenantId("acme-two");
    private static final TenantSessionPolicy POLICY = new TenantSessionPolicy(
            List.of("arn:aws:dynamodb:eu-west-1:111122223333:table/products"), new Sharding(4));

    private final MutableClock clock = new MutableClock(START);
    private FakeAwsQueryServer aws;
    private StsClient sts;

    @BeforeEach
    void start() throws IOException {
        aws = FakeAwsQueryServer.start().on("AssumeRole", call -> assumed(call, START.plus(Duration.ofHours(1))));
        sts = stsClient(aws);
    }

    @AfterEach
    void stop() {
        sts.close();
        aws.close();
    }

    /** The function's STS client: its own credentials, the local endpoint. */
    static StsClient stsClient(FakeAwsQueryServer aws) {
        return StsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.EU_WEST_1)
                .endpointOverride(aws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDFUNCTION", "function-secret")))
                .build();
    }

    /** STS's answer for the session a call asks for: {@code ASIA} + its session name in capitals, alphanumerics. */
    static Reply assumed(Call call, Instant expiration) {
        String session = call.params().get("RoleSessionName").toUpperCase().replaceAll("[^A-Z0-9]", "");
        return Reply.assumedRole("ASIA" + session, expiration);
    }

    private TenantCredentials credentials(int maxTenants) {
        return new TenantCredentials(sts, ROLE, POLICY, clock, maxTenants);
    }

    @Test
    void firstUseAssumesTheTenantAccessRoleWithTheTenantsSessionPolicySignedByTheFunctionsRole() {
        AwsSessionCredentials session = credentials(10).credentials(ACME);

        List<Call> calls = aws.calls("AssumeRole");
        assertEquals(1, calls.size());
        Call call = calls.get(0);
        assertEquals(ROLE, call.params().get("RoleArn"));
        assertEquals("tenant-acme", call.params().get("RoleSessionName"));
        assertEquals(POLICY.forTenant(ACME), call.params().get("Policy"));
        assertEquals("3600", call.params().get("DurationSeconds"));
        assertEquals("2011-06-15", call.params().get("Version"));
        assertEquals("AKIDFUNCTION", call.accessKeyId());
        assertEquals("sts", call.signingService());
        assertEquals("ASIATENANTACME", session.accessKeyId());
        assertEquals("token-ASIATENANTACME", session.sessionToken());
        assertEquals(START.plus(Duration.ofHours(1)), session.expirationTime().orElseThrow());
    }

    @Test
    void cachedCredentialsAreReusedWithoutCallingStsUntilFiveMinutesBeforeExpiry() {
        TenantCredentials credentials = credentials(10);
        AwsSessionCredentials first = credentials.credentials(ACME);

        clock.advance(Duration.ofMinutes(54).plusSeconds(59));
        assertSame(first, credentials.credentials(ACME));
        assertSame(first, credentials.credentialsFor(ACME).orElseThrow().resolveCredentials());
        assertEquals(1, aws.calls("AssumeRole").size());

        aws.on("AssumeRole", call -> assumed(call, START.plus(Duration.ofHours(2))));
        clock.advance(Duration.ofSeconds(1));
        AwsSessionCredentials refreshed = credentials.credentials(ACME);

        assertEquals(2, aws.calls("AssumeRole").size());
        assertEquals(START.plus(Duration.ofHours(2)), refreshed.expirationTime().orElseThrow());
        assertSame(refreshed, credentials.credentials(ACME));
        assertEquals(2, aws.calls("AssumeRole").size());
    }

    @Test
    void distinctTenantsGetDistinctSessionsEachWithItsOwnPolicy() {
        TenantCredentials credentials = credentials(10);

        var acme = credentials.credentials(ACME);
        var acmeTwo = credentials.credentials(ACME_TWO);
        credentials.credentials(ACME);
        credentials.credentials(ACME_TWO);

        assertEquals("ASIATENANTACME", acme.accessKeyId());
        assertEquals("ASIATENANTACMETWO", acmeTwo.accessKeyId());
        List<Call> calls = aws.calls("AssumeRole");
        assertEquals(List.of("tenant-acme", "tenant-acme-two"),
                calls.stream().map(c -> c.params().get("RoleSessionName")).toList());
        assertEquals(List.of(POLICY.forTenant(ACME), POLICY.forTenant(ACME_TWO)),
                calls.stream().map(c -> c.params().get("Policy")).toList());
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
                aws.calls("AssumeRole").stream().map(c -> c.params().get("RoleSessionName")).toList());
    }

    @Test
    void aRefusedAssumeRoleFailsTheCallNamingTheRoleTenantAndErrorCode() {
        aws.on("AssumeRole", call -> Reply.error(403, "AccessDenied", "not authorized to perform: sts:AssumeRole"));
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
