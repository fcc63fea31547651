package contract;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every environment variable a product function reads, by its exact name ({@link #name()} is the variable). The CDK
 * app sets them and the functions read them through these constants only; {@link EnvContract} says which handler
 * needs which. An enum, not String constants, so every read is a reference javac cannot inline.
 */
public enum Env {
    // Set by the Lambda runtime (reserved: a template may not set them).
    AWS_REGION(Kind.RUNTIME),
    AWS_LAMBDA_FUNCTION_NAME(Kind.RUNTIME),
    AWS_LAMBDA_FUNCTION_VERSION(Kind.RUNTIME),
    AWS_XRAY_DAEMON_ADDRESS(Kind.RUNTIME),
    _X_AMZN_TRACE_ID(Kind.RUNTIME),

    // Set on every function by constructs.Telemetry; read by Powertools and functions.shared.Telemetry.
    POWERTOOLS_SERVICE_NAME(Kind.TELEMETRY),
    POWERTOOLS_METRICS_NAMESPACE(Kind.TELEMETRY),
    POWERTOOLS_LOG_LEVEL(Kind.TELEMETRY),
    TIER(Kind.TELEMETRY),
    /** The silo tenant of a silo stack's functions (telemetry, and the tenant a silo function serves). */
    TENANT_ID(Kind.TELEMETRY),

    // Emulator overrides for tests and a local sandbox: never set on a deployed function.
    DYNAMODB_ENDPOINT(Kind.LOCAL),
    STS_ENDPOINT(Kind.LOCAL),
    SECRETSMANAGER_ENDPOINT(Kind.LOCAL),
    LOCAL_JWKS_ENDPOINT(Kind.LOCAL),

    // The fleet.
    FLEET_NAME(Kind.DEPLOYED),
    POOLED_TIER_STACKS(Kind.DEPLOYED),
    BOOTSTRAP_QUALIFIER(Kind.DEPLOYED),

    // Tenant API: authorizer, product, order.
    TRUSTED_POOLS(Kind.DEPLOYED),
    API_KIND(Kind.DEPLOYED),
    TENANT_API_KEYS_TABLE(Kind.DEPLOYED),
    TABLE_NAME(Kind.DEPLOYED),
    SHARD_COUNT(Kind.DEPLOYED),
    PAGE_TOKEN_SECRET_ARN(Kind.DEPLOYED),
    TENANT_ACCESS_ROLE_ARN(Kind.DEPLOYED),
    TENANT_TABLE_ARNS(Kind.DEPLOYED),
    TENANT_TABLE_KEY_ARNS(Kind.DEPLOYED),

    // Control plane tables and settings.
    TENANT_DETAILS_TABLE(Kind.DEPLOYED),
    TENANT_USER_MAPPING_TABLE(Kind.DEPLOYED),
    TENANT_STACK_MAPPING_TABLE(Kind.DEPLOYED),
    SETTINGS_TABLE(Kind.DEPLOYED),
    REGISTRATIONS_TABLE(Kind.DEPLOYED),
    REGISTRANT_POOL_ID(Kind.DEPLOYED),
    SIGN_UP_MAILS_PER_DAY(Kind.DEPLOYED),
    OPERATIONS_USER_POOL_ID(Kind.DEPLOYED),
    TENANT_ACCESS_QUEUE_URL(Kind.DEPLOYED),
    INTERNAL_CALLER_ROLES(Kind.DEPLOYED),

    // Delivery.
    PIPELINE_NAMES(Kind.DEPLOYED),
    ONBOARD_PROJECT(Kind.DEPLOYED),
    MAX_DELETIONS(Kind.DEPLOYED),
    ENVIRONMENTS_TABLE(Kind.DEPLOYED),
    CATALOG_TABLE(Kind.DEPLOYED),

    // Metering.
    TENANT_USAGE_TABLE(Kind.DEPLOYED),
    TENANT_COST_TABLE(Kind.DEPLOYED),
    STUCK_AFTER_MINUTES(Kind.DEPLOYED),
    COST_TAG_KEY(Kind.DEPLOYED),
    TIER_TAG_KEY(Kind.DEPLOYED),
    COST_EXPLORER_ROLE_ARN(Kind.DEPLOYED);

    /** Who sets a variable. */
    public enum Kind {
        /** The Lambda runtime; reserved, a template never sets it. */
        RUNTIME,
        /** constructs.Telemetry, on every function. */
        TELEMETRY,
        /** Only a test or a local sandbox (an emulator override); a deployed function never has it. */
        LOCAL,
        /** The CDK app, on the functions whose {@link EnvContract} lists it. */
        DEPLOYED
    }

    private final Kind kind;

    Env(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The variable's name, as the function's environment holds it (same as {@link #name()}). */
    public String variable() {
        return name();
    }

    /** The variables of {@code kind}. */
    public static Set<Env> ofKind(Kind kind) {
        return Arrays.stream(values()).filter(e -> e.kind == kind).collect(Collectors.toUnmodifiableSet());
    }
}
