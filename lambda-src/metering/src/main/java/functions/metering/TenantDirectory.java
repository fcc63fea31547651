package functions.metering;

import functions.provisioning.AccountRegion;
import functions.provisioning.StackLocation;
import contract.Tier;
import functions.shared.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The tenants to meter, read from TenantDetails (functions.tenants.Tenant's item): those with an API key and a
 * stack, except OFFBOARDED and FAILED ones (their keys are gone). Reads only the attributes metering needs, never
 * the admin's email or other contact data.
 */
final class TenantDirectory {

    private static final Set<String> NOT_METERED = Set.of("OFFBOARDED", "FAILED");

    private final DynamoDbClient dynamo;
    private final String tableName;

    TenantDirectory(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    List<MeteredTenant> meteredTenants() {
        List<MeteredTenant> tenants = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(r -> r.tableName(tableName).exclusiveStartKey(from)
                    .projectionExpression("tenantId, tier, #s, apiKeyId, stackName, stackAccount, stackRegion")
                    .expressionAttributeNames(Map.of("#s", "status")));
            for (Map<String, AttributeValue> item : page.items()) {
                toTenant(item).ifPresent(tenants::add);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return tenants;
    }

    private static java.util.Optional<MeteredTenant> toTenant(Map<String, AttributeValue> item) {
        String tenantId = s(item, "tenantId");
        String status = s(item, "status");
        String apiKeyId = s(item, "apiKeyId");
        String stackName = s(item, "stackName");
        String account = s(item, "stackAccount");
        String region = s(item, "stackRegion");
        if (tenantId == null || NOT_METERED.contains(status) || apiKeyId == null || stackName == null
                || !AccountRegion.validAccount(account) || !AccountRegion.validRegion(region)) {
            return java.util.Optional.empty();
        }
        Tier tier;
        try {
            tier = Tier.valueOf(s(item, "tier"));
        } catch (IllegalArgumentException | NullPointerException e) {
            Telemetry.warn("tenant_not_metered", "tenantId", tenantId, "reason", "no valid tier");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new MeteredTenant(tenantId, tier,
                new StackLocation(stackName, new AccountRegion(account, region)), apiKeyId));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
