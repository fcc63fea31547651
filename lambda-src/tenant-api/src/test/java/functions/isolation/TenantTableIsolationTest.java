package functions.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.isolation.IamSimulator.Decision;
import functions.isolation.IamSimulator.Request;
import functions.isolation.SentRequests.Sent;
import functions.shared.MotoDynamoDb;
import functions.shared.RecordedAnswers;
import functions.shared.SentCalls;
import functions.shared.ShardCursor;
import functions.shared.ShardedTenantTable;
import functions.shared.Sharding;
import functions.shared.TenantCredentialScope;
import functions.shared.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The repository layer on moto (DynamoDB, and STS for the tenants' sessions), every request recorded as it leaves
 * the client: the keys it names are always the caller's own shard keys, each is signed with the caller's assumed
 * session, and the IAM policy simulator allows each under the caller's session policy and denies it under any other
 * tenant's (moto evaluates no session policy). The simulator sees the table in its own account, {@link #ARN_PREFIX}.
 */
class TenantTableIsolationTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId ACME_TWO = new TenantId("acme-two");
    private static final TenantId POOLED_UUID = new TenantId("3f1c2a9e-7b4d-4e2a-9c1f-0a2b3c4d5e6f");
    private static final List<TenantId> TENANTS = List.of(ACME, ACME_TWO, POOLED_UUID);
    private static final Sharding SHARDING = new Sharding(4);
    private static final String ARN_PREFIX = "arn:aws:dynamodb:us-east-1:111122223333:table/";

    /** Ids no service would generate, aimed at the key: other tenants' keys, paths, case, length, non-ASCII. */
    private static final List<String> HOSTILE_IDS = List.of("acme-two-0", "acme-0", "../acme-two-1", "ACME-1",
            "acme-two", "*", "%2e%2e/acme-two-2", "a".repeat(500), "ünïcødé-3", " acme-two-3 ");

    private final MotoDynamoDb tables = MotoDynamoDb.get();
    private final SentRequests recorder = new SentRequests();
    private DynamoDbClient client;
    private String tableName;
    private final SentCalls stsCalls = new SentCalls();
    private final RecordedAnswers stsWire = new RecordedAnswers(UrlConnectionHttpClient.create());
    private StsClient sts;

    @BeforeEach
    void start() {
        tableName = tables.createTable("itemId");
        client = tables.clientWith(recorder);
        sts = TenantCredentialsTest.stsClient(stsCalls, stsWire);
    }

    @AfterEach
    void stop() {
        client.close();
        sts.close();
        stsWire.close();
    }

    @Test
    void everyKeyThePooledTableSendsIsOneOfTheCallersOwnShardKeys() {
        ShardedTenantTable table = pooledTable();

        for (TenantId tenant : TENANTS) {
            recorder.clear();
            exercise(table, tenant, ids(40));

            List<Sent> sent = recorder.sent();
            assertTrue(sent.size() > 200, "requests recorded: " + sent.size());
            Set<String> own = Set.copyOf(SHARDING.allShardKeys(tenant));
            for (Sent request : sent) {
                assertTrue(request.partitionKeys() != null && own.containsAll(request.partitionKeys()),
                        tenant + " sent " + request);
                for (TenantId other : TENANTS) {
                    if (!other.equals(tenant)) {
                        assertTrue(request.partitionKeys().stream().noneMatch(
                                k -> SHARDING.allShardKeys(other).contains(k)), tenant + " sent " + request);
                    }
                }
            }
            // A list fans out over every shard of the tenant, and only over them.
            Set<String> queried = new TreeSet<>();
            sent.stream().filter(s -> s.operation().equals("Query")).forEach(s -> queried.addAll(s.partitionKeys()));
            assertEquals(new TreeSet<>(own), queried);
        }
    }

    @Test
    void everyPooledCallIsSignedWithTheCallingTenantsAssumedSession() {
        ShardedTenantTable table = pooledTable();
        List<String> ids = ids(10);

        // Interleaved, so a credential cached for one tenant could not pass for another's.
        for (String id : ids) {
            for (TenantId tenant : TENANTS) {
                table.insert(tenant, id, Map.of("n", AttributeValue.fromN("1")));
                table.get(tenant, id);
            }
        }
        TENANTS.forEach(tenant -> table.page(tenant, 100, ShardCursor.first()));

        List<Sent> sent = recorder.sent();
        assertEquals(TENANTS.size() * (ids.size() * 2 + SHARDING.shardCount()), sent.size());
        List<SentCalls.Call> sessions = stsCalls.calls("AssumeRole");
        assertEquals(TENANTS.size(), sessions.size(), "one session per tenant, cached");
        Map<String, SentCalls.Call> sessionByKey = sessions.stream().collect(Collectors.toMap(
                c -> c.response(AssumeRoleResponse.class).credentials().accessKeyId(), Function.identity()));
        for (Sent request : sent) {
            SentCalls.Call session = sessionByKey.get(request.accessKeyId());
            assertNotNull(session, "signed by no tenant session: " + request);
            assertEquals(TenantCredentials.sessionName(ownerOf(request)),
                    session.request(AssumeRoleRequest.class).roleSessionName(), request.toString());
            Credentials issued = session.response(AssumeRoleResponse.class).credentials();
            assertEquals(issued.sessionToken(), request.securityToken(), request.toString());
        }
    }

    @Test
    void aSiloTableSignsWithTheFunctionsOwnCredentialsAndNeverCallsSts() {
        var table = new ShardedTenantTable(client, tableName, "itemId", SHARDING, TenantCredentialScope.FUNCTION_ROLE);

        exercise(table, ACME, ids(3));

        assertFalse(recorder.sent().isEmpty());
        String functionKey = testsupport.Moto.credentials().resolveCredentials().accessKeyId();
        recorder.sent().forEach(s -> assertEquals(functionKey, s.accessKeyId(), s.toString()));
        assertEquals(List.of(), stsCalls.calls());
    }

    @Test
    void theRequestsTheTableSendsAreAllowedByTheirTenantsPolicyAndDeniedByEveryOtherTenants() {
        ShardedTenantTable table = pooledTable();
        for (TenantId tenant : TENANTS) {
            exercise(table, tenant, ids(3));
        }
        List<Sent> sent = recorder.sent();
        Set<String> operations = new TreeSet<>();
        sent.forEach(s -> operations.add(s.action()));
        assertEquals(new TreeSet<>(TenantSessionPolicy.ACTIONS), operations,
                "the policy allows exactly the actions the table sends");

        TenantSessionPolicy policy = new TenantSessionPolicy(List.of(ARN_PREFIX + tableName), SHARDING);
        List<Request> requests = sent.stream()
                .map(s -> new Request(s.action(), ARN_PREFIX + s.table(), s.partitionKeys())).toList();
        for (TenantId caller : TENANTS) {
            List<Decision> decisions = IamSimulator.evaluate(
                    "arn:aws:sts::111122223333:assumed-role/saas-pooled-tenant-access/"
                            + TenantCredentials.sessionName(caller),
                    TenantSessionPolicyIsolationTest.ROLE_POLICY, policy.forTenant(caller), requests);
            for (int i = 0; i < sent.size(); i++) {
                boolean own = ownerOf(sent.get(i)).equals(caller);
                Decision decision = decisions.get(i);
                assertTrue(own ? decision.allowed() : decision.denied(), caller + " session: " + decision);
            }
        }
    }

    private ShardedTenantTable pooledTable() {
        TenantSessionPolicy policy = new TenantSessionPolicy(List.of(ARN_PREFIX + tableName), SHARDING);
        var credentials = new TenantCredentials(sts, TenantCredentialsTest.ROLE, policy, 100, TenantCredentials.SESSION_SECONDS);
        return new ShardedTenantTable(client, tableName, "itemId", SHARDING, credentials);
    }

    /** Every operation of the table, for present and absent items. */
    private static void exercise(ShardedTenantTable table, TenantId tenant, List<String> ids) {
        List<String> all = new ArrayList<>(ids);
        all.addAll(HOSTILE_IDS);
        for (String id : all) {
            table.insert(tenant, id, Map.of("n", AttributeValue.fromN("1")));
            assertTrue(table.get(tenant, id).isPresent(), id);
            assertTrue(table.replace(tenant, id, Map.of("n", AttributeValue.fromN("2"))).isPresent(), id);
        }
        assertEquals(all.size(), table.page(tenant, 100, ShardCursor.first()).items().size());
        for (String id : all) {
            assertTrue(table.delete(tenant, id), id);
            assertTrue(table.get(tenant, id).isEmpty(), id);
            assertTrue(table.replace(tenant, id, Map.of("n", AttributeValue.fromN("3"))).isEmpty(), id);
            assertFalse(table.delete(tenant, id), id);
        }
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID().toString()).toList();
    }

    /** The one tenant whose shard keys the request names; fails when none or several. */
    private static TenantId ownerOf(Sent request) {
        List<TenantId> owners = TENANTS.stream()
                .filter(t -> request.partitionKeys() != null
                        && SHARDING.allShardKeys(t).containsAll(request.partitionKeys()))
                .toList();
        assertEquals(1, owners.size(), request.toString());
        return owners.get(0);
    }
}
