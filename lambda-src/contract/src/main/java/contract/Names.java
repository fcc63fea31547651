package contract;

/**
 * The names both sides build from the catalog's fleet name: stack names, and the roles that cross accounts by name
 * (a role in another account can trust only a name it can spell in advance).
 */
public final class Names {

    private Names() {
    }

    /** {@code <fleet>-baseline}. */
    public static String baselineStack(String fleet) {
        return fleet + "-baseline";
    }

    /** {@code <fleet>-pooled-<tier id>}: unique within its account and region. */
    public static String pooledStack(String fleet, Tier tier) {
        return fleet + "-pooled-" + tier.id();
    }

    /** {@code <fleet>-silo-<tenantId>}. */
    public static String siloStack(String fleet, String tenantId) {
        return fleet + "-silo-" + tenantId;
    }

    /**
     * The role in a pooled tier or silo stack that the control plane assumes ({@code <stackName>-cp-<region>}: role
     * names are per account, and a tier may be pooled in several regions of one account).
     */
    public static String controlPlaneAccessRole(String stackName, String region) {
        return stackName + "-cp-" + region;
    }

    /** A baseline control-plane function's fixed role name, {@code <fleet>-baseline-<function>-<region>}. */
    public static String controlPlaneFunctionRole(String fleet, String function, String region) {
        return baselineStack(fleet) + "-" + function + "-" + region;
    }

    /** The catalog table the pipeline's synth reads: one per fleet, found by name in the baseline env. */
    public static String tenantStackMappingTable(String fleet) {
        return fleet + "-fleet-TenantStackMapping";
    }
}
