package contract;

/**
 * Every Lambda entry point of the product: its class, and the family whose jar holds it. The CDK app deploys each
 * function with {@link #handler()} from {@link #family()}'s jar; lambda-src's tests check that each class exists
 * there and handles requests.
 */
public enum Handler {
    AUTHORIZER(Family.TENANT_API, "functions.authorizer.AuthorizerHandler"),
    PRODUCT(Family.TENANT_API, "functions.product.ProductHandler"),
    ORDER(Family.TENANT_API, "functions.order.OrderHandler"),

    REGISTRATION(Family.CONTROL_PLANE, "functions.registration.RegistrationHandler"),
    TENANT_ADMIN(Family.CONTROL_PLANE, "functions.registration.TenantAdminFunction"),
    TENANT_USER(Family.CONTROL_PLANE, "functions.tenants.TenantUserHandler"),
    TENANT_ACCESS(Family.CONTROL_PLANE, "functions.tenants.TenantAccessHandler"),
    OPERATOR(Family.CONTROL_PLANE, "functions.operators.OperatorHandler"),

    PIPELINE_TRIGGER(Family.DELIVERY, "functions.pipeline.PipelineTriggerHandler"),
    OFFBOARD(Family.DELIVERY, "functions.offboard.OffboardHandler"),

    USAGE_COLLECTOR(Family.METERING, "functions.metering.UsageCollectorHandler"),
    COST_ALLOCATOR(Family.METERING, "functions.metering.CostAllocatorHandler"),
    METERING_API(Family.METERING, "functions.metering.MeteringHandler"),
    ONBOARDING_WATCH(Family.METERING, "functions.metering.OnboardingWatchHandler"),

    SETTINGS_SEED(Family.BOOTSTRAP, "functions.bootstrap.SettingsSeedHandler"),
    OPERATORS_SEED(Family.BOOTSTRAP, "functions.bootstrap.OperatorsSeedHandler");

    /** The method every handler class implements (RequestHandler / RequestStreamHandler). */
    public static final String METHOD = "handleRequest";

    private final Family family;
    private final String className;

    Handler(Family family, String className) {
        this.family = family;
        this.className = className;
    }

    public Family family() {
        return family;
    }

    public String className() {
        return className;
    }

    /** The Lambda handler string, {@code class::method}. */
    public String handler() {
        return className + "::" + METHOD;
    }
}
