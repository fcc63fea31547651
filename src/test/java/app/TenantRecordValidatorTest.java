package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contract.Tier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record validator on its own, as a non-file source (TenantStackMapping) will use it. */
class TenantRecordValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode record(String tenantId) {
        return JSON.createObjectNode().put("tenantId", tenantId).put("tenantName", "Name of " + tenantId)
                .put("tier", "PLATINUM").put("account", "444444444444").put("region", "eu-west-1");
    }

    @Test
    void recordFromAnotherSourceIsLabelledByTheCaller() {
        List<String> problems = new ArrayList<>();
        var validator = new TenantRecordValidator();
        assertTrue(validator.validate(record("acme"), "TenantStackMapping item 6", problems).isPresent());
        var duplicate = validator.validate(record("acme").put("account", "x"), "TenantStackMapping item 7",
                problems);
        assertTrue(duplicate.isEmpty());
        assertEquals(List.of(
                "TenantStackMapping item 7 (tenantId 'acme'): field 'tenantId' 'acme' is already used by"
                        + " TenantStackMapping item 6; tenant ids must be unique",
                "TenantStackMapping item 7 (tenantId 'acme'): field 'account' must be exactly 12 digits, got 'x'"),
                problems);
    }

    @Test
    void validRecordBecomesASiloTenant() {
        List<String> problems = new ArrayList<>();
        var tenant = new TenantRecordValidator().validate(record("initech").put("wave", 3), "item 1", problems);
        assertTrue(problems.isEmpty(), problems::toString);
        assertEquals(new SiloTenant("initech", "Name of initech", Tier.PLATINUM,
                new AwsEnv("444444444444", "eu-west-1"), false, 3), tenant.orElseThrow());
    }

    @Test
    void separateValidatorsDoNotShareTenantIds() {
        List<String> problems = new ArrayList<>();
        new TenantRecordValidator().validate(record("acme"), "a", problems);
        new TenantRecordValidator().validate(record("acme"), "b", problems);
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @Test
    void theCanaryProbePrefixIsReservedForThePooledTiersProbeTenants() {
        List<String> problems = new ArrayList<>();
        assertTrue(new TenantRecordValidator().validate(record("canary-probe-basic"), "item 2", problems).isEmpty());
        assertEquals(List.of("item 2 (tenantId 'canary-probe-basic'): field 'tenantId' must not start with"
                + " 'canary-probe-', reserved for the pooled tiers' canary probe tenants, got 'canary-probe-basic'"),
                problems);
    }
}
