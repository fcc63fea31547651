package contract;

/**
 * A deployable function family: one lambda-src module that builds one shaded jar, deployed by every function whose
 * {@link Handler} belongs to it (and by no other).
 */
public enum Family {
    /** The tenant API: the Lambda authorizer (tenant and admin APIs), the product and order services. */
    TENANT_API("tenant-api"),
    /** The control plane: registration, tenant management, tenant users, operators. */
    CONTROL_PLANE("control-plane"),
    /** Delivery: the pipeline trigger and the offboarder. */
    DELIVERY("delivery"),
    /** Metering: usage collector, cost allocator, the usage and cost API, the onboarding watch. */
    METERING("metering"),
    /** Bootstrap: the baseline's CloudFormation custom resources (Settings seed, first operators). */
    BOOTSTRAP("bootstrap");

    private final String module;

    Family(String module) {
        this.module = module;
    }

    /** The lambda-src module (directory and artifactId) that builds this family's jar. */
    public String module() {
        return module;
    }

    /** The family's jar, relative to lambda-src. */
    public String jar() {
        return module + "/target/" + module + ".jar";
    }
}
