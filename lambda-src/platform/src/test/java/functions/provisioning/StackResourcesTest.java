package functions.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TenantTables output: the tenant tables the usage collector counts items in, by logical name. */
class StackResourcesTest {

    private static final StackLocation STACK = new StackLocation("saas-pooled-basic",
            new AccountRegion("123456789012", "us-east-1"));

    private static Map<String, String> outputs(String tenantTables) {
        Map<String, String> outputs = new HashMap<>(Map.of("UserPoolId", "us-east-1_Basic", "AppClientId", "client",
                "UsagePlanId", "plan", "TenantApiKeysTable", "keys", "ShardCount", "4"));
        if (tenantTables != null) {
            outputs.put(StackResources.TENANT_TABLES, tenantTables);
        }
        return outputs;
    }

    @Test
    void tenantTablesOutputGivesEachTableNameByLogicalNameInOrder() {
        var tables = StackResources.fromOutputs(STACK,
                outputs("ProductTable=saas-pooled-basic-ProductTable1A2B-XYZ,OrderTable=saas-OrderTable.9_z"))
                .tenantTables();

        assertEquals(Map.of("ProductTable", "saas-pooled-basic-ProductTable1A2B-XYZ",
                "OrderTable", "saas-OrderTable.9_z"), tables);
        assertEquals(List.of("ProductTable", "OrderTable"), List.copyOf(tables.keySet()));
    }

    @Test
    void aStackDeployedBeforeTheOutputExistedStillGivesItsOtherResources() {
        var resources = StackResources.fromOutputs(STACK, outputs(null));

        assertEquals(Map.of(), resources.tenantTables());
        assertEquals("plan", resources.usagePlanId());
    }

    @Test
    void aMalformedOrRepeatedTenantTablesOutputIsADeploymentFaultNamingTheOutput() {
        for (String bad : List.of("ProductTable", "ProductTable=", "=t-1", "ProductTable=a b c",
                "ProductTable=abc,ProductTable=def", "ProductTable=abc,")) {
            var e = assertThrows(IllegalStateException.class, () -> StackResources.fromOutputs(STACK, outputs(bad)),
                    bad);
            assertTrue(e.getMessage().contains("TenantTables") && e.getMessage().contains("saas-pooled-basic"),
                    e.getMessage());
        }
    }
}
