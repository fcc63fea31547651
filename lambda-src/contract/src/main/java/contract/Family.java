package contract;

/**
 * A deployable function family: one lambda-src module that builds one shaded jar, deployed by every function whose
 * {@link Handler} belongs to it (and by no other), on top of its runtime layer: the layer holds what every family
 * runs on (the AWS SDK core and the clients of {@code shared}, Jackson, Powertools, X-Ray), the jar only the family's
 * code and what the family alone adds (its service clients, its libraries).
 */
public enum Family {
    /** The tenant API: the Lambda authorizer (tenant and admin APIs), the product and order services. */
    TENANT_API("tenant-api", Layer.CURRENT_SDK),
    /** The control plane: registration, tenant management, tenant users, operators. */
    CONTROL_PLANE("control-plane", Layer.CURRENT_SDK),
    /** Delivery: the pipeline trigger and the offboarder. */
    DELIVERY("delivery", Layer.SDK_2_40),
    /** Metering: usage collector, cost allocator, the usage and cost API, the onboarding watch. */
    METERING("metering", Layer.SDK_2_40),
    /** Bootstrap: the baseline's CloudFormation custom resources (Settings seed, first operators). */
    BOOTSTRAP("bootstrap", Layer.CURRENT_SDK);

    /**
     * A runtime layer: one lambda-src module that builds {@code <module>/target/<module>.zip} (its shaded jar under
     * {@code java/lib}, on the Java runtimes' class path). One per AWS SDK release, since a function runs on one.
     */
    public enum Layer {
        /** The SDK release of the parent pom (2.59.1). */
        CURRENT_SDK("runtime-layer"),
        /** SDK 2.40.2: the families whose service clients this registry serves only up to that release. */
        SDK_2_40("runtime-layer-sdk240");

        private final String module;

        Layer(String module) {
            this.module = module;
        }

        /** The lambda-src module (directory and artifactId) that builds this layer. */
        public String module() {
            return module;
        }

        /** The layer's zip, relative to lambda-src. */
        public String zip() {
            return module + "/target/" + module + ".zip";
        }
    }

    private final String module;
    private final Layer layer;

    Family(String module, Layer layer) {
        this.module = module;
        this.layer = layer;
    }

    /** The runtime layer every function of this family carries. */
    public Layer layer() {
        return layer;
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
