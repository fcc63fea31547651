package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bookkeeping attributes provisioning writes on TenantStackMapping items are allowed on table records
 * only: tenants.json stays strict.
 */
class TenantStackMappingRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode record() {
        return JSON.createObjectNode().put("tenantId", "acme").put("tenantName", "Acme").put("tier", "PLATINUM")
                .put("account", "444444444444").put("region", "eu-west-1");
    }

    private static ObjectNode withBookkeeping() {
        return record().put("stackName", "saas-silo-acme").put("createdAt", "2026-11-02T10:15:00Z")
                .put("updatedAt", "2026-11-03T08:00:00Z").put("status", "PROVISIONED");
    }

    @Test
    void tableRecordsMayCarryStackNameTimestampsAndStatus() {
        List<String> problems = new ArrayList<>();
        var tenant = TenantRecordValidator.forTenantStackMapping().validate(withBookkeeping(), "item 1", problems);
        assertTrue(problems.isEmpty(), problems::toString);
        assertEquals("acme", tenant.orElseThrow().tenantId());
    }

    @Test
    void bookkeepingAttributesMustBeStrings() {
        List<String> problems = new ArrayList<>();
        var record = withBookkeeping().put("status", true);
        assertTrue(TenantRecordValidator.forTenantStackMapping().validate(record, "item 1", problems).isEmpty());
        assertEquals(List.of("item 1 (tenantId 'acme'): field 'status' must be a string, got boolean"), problems);
    }

    @Test
    void tableRecordsStillRejectOtherUnknownAttributes() {
        List<String> problems = new ArrayList<>();
        var record = withBookkeeping().put("stackNmae", "x");
        TenantRecordValidator.forTenantStackMapping().validate(record, "item 1", problems);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("item 1 (tenantId 'acme'): unknown field 'stackNmae'"
                + " (did you mean 'stackName'?)"), problems::toString);
    }

    @Test
    void strictValidatorRejectsBookkeepingAttributes() {
        List<String> problems = new ArrayList<>();
        new TenantRecordValidator().validate(record().put("status", "PROVISIONED"), "item 1", problems);
        assertEquals(List.of("item 1 (tenantId 'acme'): unknown field 'status'; allowed: tenantId, tenantName,"
                + " tier, account, region, canary, wave, monthlyBudgetUsd"), problems);
    }

    @Test
    void tenantsJsonStillRejectsBookkeepingAttributes() {
        var e = Catalogs.failure(dir, Catalogs.withOneTenant("""
                "tenantId": "acme", "tenantName": "Acme", "tier": "PLATINUM", "account": "333333333333",
                "region": "eu-west-1", "stackName": "saas-silo-acme\""""));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("tenants[0] (tenantId 'acme'): unknown field 'stackName'"),
                e.getMessage());
    }
}
