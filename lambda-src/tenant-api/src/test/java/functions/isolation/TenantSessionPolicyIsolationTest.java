package functions.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.isolation.IamSimulator.Decision;
import functions.isolation.IamSimulator.Request;
import functions.shared.Sharding;
import functions.shared.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The session policy judged by an IAM policy evaluator this project does not write (see {@link IamSimulator}).
 * The role's own policy allows everything, so every deny below comes from the tenant's session policy alone.
 * Tenant {@code acme-two} is there because its keys start with {@code acme-}: a prefix condition would leak.
 */
class TenantSessionPolicyIsolationTest {

    private static final String PRODUCTS = "arn:aws:dynamodb:eu-west-1:111122223333:table/saas-pooled-ProductTable-1A";
    private static final String ORDERS = "arn:aws:dynamodb:eu-west-1:111122223333:table/saas-pooled-OrderTable-2B";
    private static final String OTHER_TABLE = "arn:aws:dynamodb:eu-west-1:111122223333:table/saas-control-Tenants-3C";
    private static final List<String> POOLED = List.of(PRODUCTS, ORDERS);
    private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String OTHER_KEY =
            "arn:aws:kms:eu-west-1:111122223333:key/99999999-12ab-34cd-56ef-1234567890ab";
    /** CDK's default key policy: the account may use the key as its IAM policies say. */
    private static final String KEY_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    /** The tenant-access role's own policy, as broad as can be: whatever is denied, the session policy denied. */
    static final String ROLE_POLICY =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId ACME_TWO = new TenantId("acme-two");
    private static final TenantId POOLED_UUID = new TenantId("3f1c2a9e-7b4d-4e2a-9c1f-0a2b3c4d5e6f");
    private static final List<TenantId> TENANTS = List.of(ACME, ACME_TWO, POOLED_UUID);

    /** The largest shard count of any tier (stages.TierProfile: PREMIUM and PLATINUM). */
    private static final Sharding SHARDING = new Sharding(4);
    private static final TenantSessionPolicy POLICY = new TenantSessionPolicy(POOLED, List.of(KEY), SHARDING);

    /** Every DynamoDB data-plane action a session could try; only TenantSessionPolicy.ACTIONS may be allowed. */
    private static final List<String> DATA_ACTIONS = Stream.concat(TenantSessionPolicy.ACTIONS.stream(), Stream.of(
            "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
            "dynamodb:PartiQLSelect", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete"))
            .toList();

    @Test
    void eachTenantIsAllowedTheUsedActionsOnItsOwnShardKeysOfThePooledTablesAndNothingElse() {
        for (TenantId tenant : TENANTS) {
            List<Request> allowed = new ArrayList<>();
            List<Request> denied = new ArrayList<>();
            List<String> own = SHARDING.allShardKeys(tenant);
            for (String table : POOLED) {
                for (String action : DATA_ACTIONS) {
                    boolean used = TenantSessionPolicy.ACTIONS.contains(action);
                    for (String key : own) {
                        (used ? allowed : denied).add(new Request(action, table, List.of(key)));
                    }
                    (used ? allowed : denied).add(new Request(action, table, own));
                    for (TenantId other : TENANTS) {
                        if (!other.equals(tenant)) {
                            for (String key : SHARDING.allShardKeys(other)) {
                                denied.add(new Request(action, table, List.of(key)));
                            }
                            denied.add(new Request(action, table, List.of(own.get(0), SHARDING.allShardKeys(other)
                                    .get(0))));
                        }
                    }
                    for (String nearMiss : nearMisses(tenant)) {
                        denied.add(new Request(action, table, List.of(nearMiss)));
                    }
                    denied.add(new Request(action, table, null));
                    denied.add(new Request(action, OTHER_TABLE, List.of(own.get(0))));
                    denied.add(new Request(action, table + "/index/byCategory", List.of(own.get(0))));
                }
            }
            assertDecisions(tenant, POLICY.forTenant(tenant), allowed, denied);
        }
    }

    @Test
    void noActionOutsideDynamoDbDataAccessIsAllowed() {
        List<String> own = SHARDING.allShardKeys(ACME);
        List<Request> denied = List.of(
                new Request("dynamodb:DescribeTable", PRODUCTS, own),
                new Request("dynamodb:DeleteTable", PRODUCTS, own),
                new Request("dynamodb:UpdateTable", PRODUCTS, own),
                new Request("dynamodb:ListTables", "*", own),
                new Request("dynamodb:CreateBackup", PRODUCTS, own),
                new Request("dynamodb:ExportTableToPointInTime", PRODUCTS, own),
                new Request("dynamodb:GetRecords", PRODUCTS + "/stream/2026-01-01T00:00:00.000", own),
                new Request("s3:GetObject", "arn:aws:s3:::saas-fleet-assets/acme-0", own),
                new Request("sts:AssumeRole", "arn:aws:iam::111122223333:role/saas-pooled-tenant-access", own),
                new Request("kms:Decrypt", OTHER_KEY, null, Map.of(), KEY_POLICY),
                new Request("iam:PassRole", "arn:aws:iam::111122223333:role/admin", own));

        assertDecisions(ACME, POLICY.forTenant(ACME), List.of(), denied);
    }

    @Test
    void theTablesKeyIsUsableThroughDynamoDbOnly() {
        Map<String, String> viaDynamoDb = Map.of("kms:ViaService", "dynamodb.eu-west-1.amazonaws.com");
        List<Request> allowed = new ArrayList<>();
        List<Request> denied = new ArrayList<>();
        for (String action : TenantSessionPolicy.KEY_ACTIONS) {
            allowed.add(new Request(action, KEY, null, viaDynamoDb, KEY_POLICY));
            denied.add(new Request(action, KEY, null, Map.of(), KEY_POLICY));
            denied.add(new Request(action, KEY, null, Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com"),
                    KEY_POLICY));
            denied.add(new Request(action, OTHER_KEY, null, viaDynamoDb, KEY_POLICY));
        }
        for (String action : List.of("kms:ReEncryptFrom", "kms:CreateGrant", "kms:DescribeKey",
                "kms:ScheduleKeyDeletion")) {
            denied.add(new Request(action, KEY, null, viaDynamoDb, KEY_POLICY));
        }

        assertDecisions(ACME, POLICY.forTenant(ACME), allowed, denied);
    }

    /**
     * The control: a {@code StringLike "acme-*"} condition, judged by the same evaluator, lets acme reach acme-two's
     * keys. So the evaluator does tell the schemes apart, and the test above would fail on the unsafe one.
     */
    @Test
    void aPrefixConditionWouldLetAcmeReachAcmeTwosKeys() {
        String unsafe = POLICY.forTenant(ACME).replace("\"ForAllValues:StringEquals\":{\"dynamodb:LeadingKeys\":"
                + "[\"acme-0\",\"acme-1\",\"acme-2\",\"acme-3\"]}", "\"ForAllValues:StringLike\":"
                + "{\"dynamodb:LeadingKeys\":[\"acme-*\"]}");
        assertTrue(unsafe.contains("acme-*"), unsafe);

        List<Decision> decisions = IamSimulator.evaluate(principal(ACME), ROLE_POLICY, unsafe,
                List.of(new Request("dynamodb:GetItem", PRODUCTS, List.of("acme-two-0"))));

        assertEquals("Allowed", decisions.get(0).decision(), decisions.toString());
    }

    /** Keys that look like the tenant's but are not any key it owns: out of range, padded, cased, extended. */
    private static List<String> nearMisses(TenantId tenant) {
        String id = tenant.value();
        return List.of(id + "-4", id + "-00", id + "-", id, id + "-0-0", id + "-two-0", id.toUpperCase() + "-0",
                id + "-0 ", "x" + id + "-0");
    }

    private static void assertDecisions(TenantId tenant, String sessionPolicy, List<Request> allowed,
                                        List<Request> denied) {
        List<Request> all = new ArrayList<>(allowed);
        all.addAll(denied);
        List<Decision> decisions = IamSimulator.evaluate(principal(tenant), ROLE_POLICY, sessionPolicy, all);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            boolean ok = i < allowed.size() ? d.allowed() : d.denied();
            if (!ok) {
                wrong.add((i < allowed.size() ? "expected Allowed: " : "expected denied: ") + d);
            }
        }
        assertEquals(List.of(), wrong, "tenant " + tenant + ", " + wrong.size() + " of " + all.size() + " wrong");
        assertTrue(decisions.size() > 0);
    }

    private static String principal(TenantId tenant) {
        return "arn:aws:sts::" + IamSimulator.ACCOUNT + ":assumed-role/saas-pooled-tenant-access/"
                + TenantCredentials.sessionName(tenant);
    }
}
