package functions.offboard;

import java.util.HashMap;
import java.util.Map;

/** The fleet's stacks as the CDK app tags them, for both fleets the offboarding tests run on. */
final class FleetStacks {

    /** A DeleteStack as it was asked for. */
    record Deletion(Env env, String stackName) {
    }

    private FleetStacks() {
    }

    static Env env(String account, String region) {
        return new Env(account, region);
    }

    /** A fleet stack as the CDK app tags it: ManagedBy always, TenantId (and Tier) unless {@code tenantId} is null. */
    static DeployedStack fleetStack(String name, String tenantId, String status) {
        Map<String, String> tags = new HashMap<>(Map.of("ManagedBy", "saas-fleet"));
        if (tenantId != null) {
            tags.put("TenantId", tenantId);
            tags.put("Tier", "PLATINUM");
        }
        return new DeployedStack(name, status, tags, false, false);
    }

    static DeployedStack siloStack(String tenantId) {
        return fleetStack("saas-silo-" + tenantId, tenantId, "CREATE_COMPLETE");
    }
}
