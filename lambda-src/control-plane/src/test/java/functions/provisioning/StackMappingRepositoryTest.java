package functions.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contract.Tier;
import functions.shared.ConflictException;
import functions.tenants.ControlPlaneFixture;
import functions.tenants.Tenant;
import functions.tenants.TenantStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The guarded write of a silo tenant's catalog record, on moto's DynamoDB. */
class StackMappingRepositoryTest {

    private static final SiloPlacement PLACEMENT = new SiloPlacement("333333333333", "eu-west-1", Optional.empty());

    private final ControlPlaneFixture fixture = new ControlPlaneFixture();
    private final StackMappingRepository stacks = fixture.plane().stackMappings();

    private String tenantIn(TenantStatus status) {
        String tenantId = "t" + status.name().toLowerCase(java.util.Locale.ROOT).substring(0, 4) + "-"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        return fixture.seedTenant(tenantId, Tier.PLATINUM, status).tenantId();
    }

    private software.amazon.awssdk.services.dynamodb.model.TransactWriteItem stillProvisioning(String tenantId) {
        return fixture.plane().tenants().updateInTransaction(tenantId, List.of(TenantStatus.PROVISIONING),
                Map.of("updatedAt", AttributeValue.fromS("2026-03-01T10:00:01Z")));
    }

    @Test
    void aProvisioningTenantGetsItsRecordOnceEvenWhenTheWriteIsRepeated() {
        String tenantId = tenantIn(TenantStatus.PROVISIONING);

        stacks.add(tenantId, "Acme", PLACEMENT, "2026-03-01T10:00:00Z", stillProvisioning(tenantId));
        stacks.add(tenantId, "Acme", PLACEMENT, "2026-03-01T10:00:05Z", stillProvisioning(tenantId));

        var item = stacks.find(tenantId).orElseThrow();
        assertEquals("saas-silo-" + tenantId, item.get("stackName").s());
        assertEquals("2026-03-01T10:00:00Z", item.get("createdAt").s(), "the first write stays");
        assertEquals(1, fixture.items(fixture.config.tenantStackMappingTable()).stream()
                .filter(i -> i.get("tenantId").s().equals(tenantId)).count());
    }

    @Test
    void aTenantOffboardedMeanwhileGetsNoRecordSoNoStackIsDeployedForIt() {
        String tenantId = tenantIn(TenantStatus.OFFBOARDED);

        var e = assertThrows(ConflictException.class,
                () -> stacks.add(tenantId, "Acme", PLACEMENT, "2026-03-01T10:00:00Z", stillProvisioning(tenantId)));

        assertTrue(e.getMessage().startsWith("status: tenant " + tenantId), e.getMessage());
        assertEquals(Optional.empty(), stacks.find(tenantId));
        assertEquals(TenantStatus.OFFBOARDED, fixture.plane().tenants().find(tenantId).map(Tenant::status)
                .orElseThrow());
    }
}
