package contract;

/**
 * Names derived from the fleet's name that the catalog validation (the CDK app's {@code app} package) needs before
 * any stack is built, and that the stacks ({@code stages.StackNames}) and the functions
 * ({@code functions.provisioning.StackAccess}) use as well: a changed name is a new stack, role or table.
 */
public final class FleetNames {

    private FleetNames() {
    }

    /** The catalog table the pipeline's synth reads: one per fleet, found by name in the baseline env. */
    public static String tenantStackMappingTableName(String fleet) {
        return fleet + "-fleet-TenantStackMapping";
    }

    /** A silo tenant's stack: {@code <fleet>-silo-<tenantId>}. */
    public static String siloTenantStackName(String fleet, String tenantId) {
        return fleet + "-silo-" + tenantId;
    }

    /**
     * The role in a pooled tier or silo stack that the control plane assumes to provision tenants there:
     * {@code <stackName>-cp-<region>} (role names are per account, and a tier may be pooled in several regions of
     * one account).
     */
    public static String controlPlaneAccessRoleName(String stackName, String region) {
        return stackName + "-cp-" + region;
    }
}
