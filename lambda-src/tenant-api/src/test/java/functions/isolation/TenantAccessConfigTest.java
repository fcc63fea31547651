package functions.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.FunctionConfig;
import functions.shared.Sharding;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TenantAccessConfigTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/saas/saas-pooled-tenant-access";
    private static final String PRODUCTS = "arn:aws:dynamodb:eu-west-1:111122223333:table/products";
    private static final String ORDERS = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders";
    private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static Map<String, String> env() {
        var env = new HashMap<String, String>();
        env.put("TENANT_ACCESS_ROLE_ARN", ROLE);
        env.put("TENANT_TABLE_ARNS", " " + PRODUCTS + " , " + ORDERS + " ");
        return env;
    }

    @Test
    void readsTheRoleTheTablesAndTheOptionalStsEndpoint() {
        assertEquals(new TenantAccessConfig(ROLE, List.of(PRODUCTS, ORDERS), List.of(), Optional.empty()),
                TenantAccessConfig.fromEnvironment(env(), "products"));

        var env = env();
        env.put("TENANT_TABLE_KEY_ARNS", KEY);
        env.put("STS_ENDPOINT", "http://127.0.0.1:4566");
        assertEquals(new TenantAccessConfig(ROLE, List.of(PRODUCTS, ORDERS), List.of(KEY),
                Optional.of(URI.create("http://127.0.0.1:4566"))), TenantAccessConfig.fromEnvironment(env, "orders"));
    }

    @Test
    void everyErrorNamesItsVariable() {
        assertError("TENANT_ACCESS_ROLE_ARN", env -> env.remove("TENANT_ACCESS_ROLE_ARN"));
        assertError("TENANT_ACCESS_ROLE_ARN", env -> env.put("TENANT_ACCESS_ROLE_ARN", "saas-pooled-tenant-access"));
        assertError("TENANT_TABLE_ARNS", env -> env.remove("TENANT_TABLE_ARNS"));
        assertError("TENANT_TABLE_ARNS", env -> env.put("TENANT_TABLE_ARNS", PRODUCTS + ",orders"));
        assertError("TENANT_TABLE_ARNS", env -> env.put("TENANT_TABLE_ARNS", ORDERS));
        assertError("TENANT_TABLE_KEY_ARNS", env -> env.put("TENANT_TABLE_KEY_ARNS", "alias/aws/dynamodb"));
        assertError("STS_ENDPOINT", env -> env.put("STS_ENDPOINT", "localhost"));
    }

    @Test
    void aShardCountTheSessionPolicyCannotHoldFailsAtInitNamingBothVariables() {
        var config = new FunctionConfig("products", 60, Optional.empty(), "eu-west-1", Optional.empty());
        var access = new TenantAccessConfig(ROLE, List.of(PRODUCTS, ORDERS), List.of(KEY), Optional.empty());

        var e = assertThrows(IllegalStateException.class,
                () -> TenantTables.pooled(config, access, new Sharding(60)));

        assertTrue(e.getMessage().startsWith("SHARD_COUNT, TENANT_TABLE_ARNS and TENANT_TABLE_KEY_ARNS do not fit"),
                e.getMessage());
    }

    private static void assertError(String variable, Consumer<Map<String, String>> change) {
        var env = env();
        change.accept(env);
        var e = assertThrows(IllegalStateException.class, () -> TenantAccessConfig.fromEnvironment(env, "products"));
        assertTrue(e.getMessage().contains(variable), e.getMessage());
    }
}
