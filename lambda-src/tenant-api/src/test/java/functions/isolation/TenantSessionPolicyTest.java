package functions.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.Sharding;
import functions.shared.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantSessionPolicyTest {

    private static final String PRODUCTS = "arn:aws:dynamodb:eu-west-1:111122223333:table/products";
    private static final String ORDERS = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders";
    private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /** The largest shard count of any tier (stages.TierProfile: PREMIUM and PLATINUM have 4). */
    private static final int MAX_TIER_SHARDS = 4;

    @Test
    void policyOfATenantAllowsTheUsedActionsOnThePooledTablesForItsExactShardKeysOnly() {
        var policy = new TenantSessionPolicy(List.of(PRODUCTS, ORDERS), new Sharding(2));

        assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"OwnShardKeysOnly\",\"Effect\":\"Allow\","
                + "\"Action\":[\"dynamodb:GetItem\",\"dynamodb:PutItem\",\"dynamodb:UpdateItem\","
                + "\"dynamodb:DeleteItem\",\"dynamodb:Query\"],"
                + "\"Resource\":[\"" + PRODUCTS + "\",\"" + ORDERS + "\"],"
                + "\"Condition\":{\"ForAllValues:StringEquals\":{\"dynamodb:LeadingKeys\":[\"acme-0\",\"acme-1\"]},"
                + "\"Null\":{\"dynamodb:LeadingKeys\":\"false\"}}}]}", policy.forTenant(new TenantId("acme")));
    }

    @Test
    void tablesWithACustomerManagedKeyGetItsUseThroughDynamoDbOnly() {
        var policy = new TenantSessionPolicy(List.of(PRODUCTS), List.of(KEY), new Sharding(1));
        String json = policy.forTenant(new TenantId("acme"));

        assertTrue(json.endsWith(",{\"Sid\":\"TableKeysViaDynamoDbOnly\",\"Effect\":\"Allow\","
                + "\"Action\":[\"kms:Decrypt\",\"kms:Encrypt\",\"kms:GenerateDataKey\"],\"Resource\":[\"" + KEY
                + "\"],\"Condition\":{\"StringLike\":{\"kms:ViaService\":\"dynamodb.*\"}}}]}"), json);
    }

    @Test
    void policyHasNoWildcardOutsideTheViaServiceConditionAndNeverAllowsScan() {
        String json = new TenantSessionPolicy(List.of(PRODUCTS), List.of(KEY), new Sharding(MAX_TIER_SHARDS))
                .forTenant(new TenantId("acme-two"));

        assertFalse(json.replace("\"dynamodb.*\"", "").contains("*"), json);
        assertFalse(json.contains("Scan"), json);
        assertFalse(json.contains("Batch"), json);
        assertTrue(json.contains("[\"acme-two-0\",\"acme-two-1\",\"acme-two-2\",\"acme-two-3\"]"), json);
    }

    @Test
    void worstCasePolicyStaysFarUnderTheStsPlaintextLimit() {
        // Longest tenant id (a UUID, 36; slugs stop at 32), two tables with 255-character names (DynamoDB's
        // maximum) in a long partition and region, each with its own multi-Region key, the largest tier's shards.
        String table = "arn:aws-us-gov:dynamodb:ap-southeast-5:123456789012:table/" + "t".repeat(255);
        String key = "arn:aws-us-gov:kms:ap-southeast-5:123456789012:key/mrk-" + "0".repeat(32);
        var policy = new TenantSessionPolicy(List.of(table, table.replace(":table/t", ":table/u")),
                List.of(key, key.replace("mrk-0", "mrk-1")), new Sharding(MAX_TIER_SHARDS));

        int worst = policy.forTenant(TenantSessionPolicy.LONGEST_TENANT).length();
        int slug = policy.forTenant(new TenantId("a".repeat(32))).length();

        int withoutKeys = new TenantSessionPolicy(policy.tableArns(), new Sharding(MAX_TIER_SHARDS))
                .forTenant(TenantSessionPolicy.LONGEST_TENANT).length();
        assertEquals(1475, worst, "pinned so a change to the policy's size is a deliberate one");
        assertEquals(1110, withoutKeys);
        assertTrue(slug < worst);
        assertTrue(worst <= TenantSessionPolicy.STS_PLAINTEXT_LIMIT * 8 / 10,
                worst + " characters; keep 20% of STS's " + TenantSessionPolicy.STS_PLAINTEXT_LIMIT + " free");
    }

    @Test
    void aShardCountTooLargeForTheLimitIsRefusedAtConstructionNotOnARequest() {
        String table = "arn:aws:dynamodb:eu-west-1:123456789012:table/" + "t".repeat(255);

        var e = assertThrows(IllegalArgumentException.class,
                () -> new TenantSessionPolicy(List.of(table, table.replace(":table/t", ":table/u")),
                        new Sharding(40)));

        assertTrue(e.getMessage().contains("over STS's 2048"), e.getMessage());
    }

    @Test
    void onlyTableArnsAreAccepted() {
        var sharding = new Sharding(1);
        for (String bad : List.of("", "products", "arn:aws:dynamodb:eu-west-1:111122223333:table/products/index/x",
                "arn:aws:dynamodb:eu-west-1:111122223333:table/*", "arn:aws:s3:::products",
                "arn:aws:dynamodb:eu-west-1:1111:table/products")) {
            assertThrows(IllegalArgumentException.class, () -> new TenantSessionPolicy(List.of(bad), sharding), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new TenantSessionPolicy(List.of(), sharding));
        assertThrows(IllegalArgumentException.class, () -> new TenantSessionPolicy(List.of(PRODUCTS),
                List.of("arn:aws:kms:eu-west-1:111122223333:alias/aws/dynamodb"), sharding));
        new TenantSessionPolicy(List.of("arn:aws-cn:dynamodb:cn-north-1:111122223333:table/a.b_c-1"), sharding);
    }
}
