package functions.metering;

import functions.provisioning.StackLocation;
import contract.Tier;
import java.util.Objects;

/** A tenant whose requests are metered: where it lives and the API key its stack's usage plan counts it by. */
record MeteredTenant(String tenantId, Tier tier, StackLocation location, String apiKeyId) {

    MeteredTenant {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(apiKeyId, "apiKeyId");
    }
}
