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
    void policyHasNoWildcardAnywhereAndNeverAllowsScan() {
        String json = new TenantSessionPolicy(List.of(PRODUCTS), new Sharding(MAX_TIER_SHARDS))
                .forTenant(new TenantId("acme-two"));

        assertFalse(json.contains("*"), json);
        assertFalse(json.contains("Scan"), json);
        assertFalse(json.contains("Batch"), json);
        assertTrue(json.contains("[\"acme-two-0\",\"acme-two-1\",\"acme-two-2\",\"acme-two-3\"]"), json);
    }

    @Test
    void worstCasePolicyStaysFarUnderTheStsPlaintextLimit() {
        // Longest tenant id (a UUID, 36; slugs stop at 32), two tables with 255-character names (DynamoDB's
        // maximum) in a long partition and region, the largest tier's shard count.
        String table = "arn:aws-us-gov:dynamodb:ap-southeast-5:123456789012:table/" + "t".repeat(255);
        var policy = new TenantSessionPolicy(List.of(table, table.replace(":table/t", ":table/u")),
                new Sharding(MAX_TIER_SHARDS));

        int worst = policy.forTenant(TenantSessionPolicy.LONGEST_TENANT).length();
        int slug = policy.forTenant(new TenantId("a".repeat(32))).length();

        assertEquals(1110, worst, "pinned so a change to the policy's size is a deliberate one");
        assertTrue(slug < worst);
        assertTrue(worst <= TenantSessionPolicy.STS_PLAINTEXT_LIMIT * 6 / 10,
                worst + " characters; keep 40% of STS's " + TenantSessionPolicy.STS_PLAINTEXT_LIMIT + " free");
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
        new TenantSessionPolicy(List.of("arn:aws-cn:dynamodb:cn-north-1:111122223333:table/a.b_c-1"), sharding);
    }
}
