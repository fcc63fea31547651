package functions.shared;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.xray.entities.Subsegment;
import contract.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * The one place every function logs, counts and traces through. Each entry point runs its invocation inside
 * {@link #invoke} (or {@link #invokeStream}); inside it:
 *
 * <ul>
 *   <li><b>Logs</b>: {@link #info}, {@link #warn}, {@link #error} write one JSON line to stdout through SLF4J, log4j2
 *       and Powertools logging (functional API, no AspectJ; {@code log4j2.xml}). Top-level fields: {@code level},
 *       {@code message}, {@code timestamp}, {@code service}, {@code functionName}, {@code functionVersion},
 *       {@code requestId}, {@code coldStart}, {@code xrayTraceId} (traced), and once known {@code tenantId},
 *       {@code tier}, {@code role} ({@link #tenant}, {@link #tier}, {@link #role}), then the line's own key/value
 *       pairs. Level from {@code POWERTOOLS_LOG_LEVEL} (default INFO). Every message and value passes
 *       {@link Redaction}: never a token, API key, password, verification code or email address.</li>
 *   <li><b>Metrics</b>: {@link #count}, {@link #milliseconds} and {@link #emit} write CloudWatch embedded-metric-format
 *       documents to stdout in namespace {@code POWERTOOLS_METRICS_NAMESPACE} with the function's dimension set
 *       {@code {Service, Tier}}, or {@code {Service, Tier, TenantId}} in a silo stack (where {@code TenantId} is one
 *       value); in a pooled stack the tenant is the property {@code tenantId}, never a dimension. A caller may add
 *       dimensions or override {@code Tier} (the onboarding funnel dimensions by the registering tenant's tier).</li>
 *   <li><b>Traces</b>: one X-Ray subsegment per invocation annotated {@code TenantId} and {@code Tier} ({@link Traces}).</li>
 *   <li><b>DynamoDB capacity</b>: clients built with {@link #dynamoDbInterceptor()} add the capacity each call consumed
 *       to the invocation; API handlers report it as {@code ConsumedReadCapacity} / {@code ConsumedWriteCapacity}.</li>
 * </ul>
 *
 * Example (a scheduled function):
 * <pre>{@code
 * public Void handleRequest(ScheduledEvent event, Context context) {
 *     return Telemetry.invoke(context, () -> {
 *         int metered = collector.collect(day);
 *         Telemetry.info("usage_collected", "day", day.toString(), "tenants", metered);
 *         Telemetry.count(Telemetry.TENANTS_METERED, metered);
 *         return null;
 *     });
 * }
 * }</pre>
 * Logging and metrics never throw: losing a line or a data point must not fail an invocation.
 */
public final class Telemetry {

    /** The function's service name (contract: one of the fleet's service names). */
    public static final String SERVICE_ENV = Env.POWERTOOLS_SERVICE_NAME.variable();
    /** The fleet's metrics namespace, {@code SaaSFleet/<fleetName>}. */
    public static final String NAMESPACE_ENV = Env.POWERTOOLS_METRICS_NAMESPACE.variable();
    /** The stack's tier: BASIC, STANDARD, PREMIUM, PLATINUM or CONTROL_PLANE. */
    public static final String TIER_ENV = Env.TIER.variable();
    /** The silo tenant of a silo stack; absent elsewhere. */
    public static final String TENANT_ID_ENV = Env.TENANT_ID.variable();

    // Dimensions and properties.
    public static final String SERVICE = "Service";
    public static final String TIER = "Tier";
    public static final String TENANT_ID = "TenantId";
    public static final String STEP = "Step";

    // Metric names (the contract with the CDK app's alarms and dashboards).
    public static final String REQUESTS = "Requests";
    public static final String CLIENT_ERRORS = "ClientErrors";
    public static final String SERVER_ERRORS = "ServerErrors";
    public static final String LATENCY = "Latency";
    public static final String CONSUMED_READ_CAPACITY = "ConsumedReadCapacity";
    public static final String CONSUMED_WRITE_CAPACITY = "ConsumedWriteCapacity";
    public static final String DENIED = "Denied";
    public static final String REGISTRATION_STARTED = "RegistrationStarted";
    public static final String REGISTRATION_VERIFIED = "RegistrationVerified";
    public static final String REGISTRATION_COMPLETED = "RegistrationCompleted";
    public static final String REGISTRATION_FAILED = "RegistrationFailed";
    public static final String PROVISIONING_TIME = "ProvisioningTime";
    public static final String SILO_TIME_TO_ACTIVE = "SiloTimeToActive";
    public static final String PIPELINE_STARTS = "PipelineStarts";
    public static final String OFFBOARDED_STACKS = "OffboardedStacks";
    public static final String OFFBOARD_FAILURES = "OffboardFailures";
    public static final String TENANTS_METERED = "TenantsMetered";
    public static final String COST_RECORDS_WRITTEN = "CostRecordsWritten";
    public static final String REGISTRATIONS_STUCK = "RegistrationsStuck";

    static final String DEFAULT_NAMESPACE = "saas/functions";
    /** Powertools' own name for an unset service, so logs and metrics agree. */
    static final String UNDEFINED_SERVICE = "service_undefined";
    static final String UNKNOWN_TIER = "UNKNOWN";

    private static final Set<String> CONTEXT_KEYS = Set.of("tenantId", "tier", "role");
    private static final Set<String> RESERVED_KEYS = Set.of("message", "level", "timestamp", "error", "service",
            "function_name", "function_version", "function_arn", "function_memory_size", "function_request_id",
            "cold_start", "xray_trace_id", "sampling_rate", "correlation_id");
    private static final Logger LOG = LoggerFactory.getLogger("functions");
    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();
    private static final Map<String, String> ENV = System.getenv();

    /** A metric data point: name, value and unit. */
    public record Metric(String name, double value, Unit unit) {
        public static Metric count(String name, double value) {
            return new Metric(name, value, Unit.COUNT);
        }

        public static Metric milliseconds(String name, double value) {
            return new Metric(name, value, Unit.MILLISECONDS);
        }
    }

    /** The units the contract uses. */
    public enum Unit { COUNT, MILLISECONDS }

    /** A stream handler's body. */
    @FunctionalInterface
    public interface StreamBody {
        void run() throws IOException;
    }

    /** What one invocation knows so far; thread-confined. */
    static final class Invocation {
        final Optional<String> siloTenant;
        String tenantId;
        String tier;
        String requestId;
        int status;
        double readUnits;
        double writeUnits;
        Optional<Subsegment> trace = Optional.empty();

        Invocation(Optional<String> siloTenant) {
            this.siloTenant = siloTenant;
        }
    }

    static {
        // Init work done during the function's init (and so inside a SnapStart snapshot) rather than on the first
        // request: the log level and log4j2 (Powertools applies POWERTOOLS_LOG_LEVEL when PowertoolsLogging loads),
        // and, when Lambda runs the function with active tracing (it then sets the daemon address), the X-Ray recorder.
        try {
            PowertoolsLogging.clearState(false);
            if (Environment.optional(ENV, Env.AWS_XRAY_DAEMON_ADDRESS.variable()).isPresent()) {
                Traces.prime();
            }
        } catch (RuntimeException | LinkageError e) {
            // Done lazily on the first invocation instead.
        }
    }

    private Telemetry() {
    }

    /** Loads the telemetry classes; handlers without a DynamoDB client call it from their constructor (init). */
    public static void prime() {
        // The static initializer above does the work.
    }

    /**
     * Runs one invocation: Lambda context fields on every log line, the stack's tier (and a silo stack's tenant) as
     * known context, a trace subsegment; all cleared afterwards. {@code siloTenant}: the silo tenant the function
     * serves as its configuration read it (else {@code TENANT_ID} from the environment).
     */
    public static <T> T invoke(Context context, Optional<String> siloTenant, Supplier<T> body) {
        Invocation invocation = new Invocation(siloTenant.or(() -> Environment.optional(ENV, TENANT_ID_ENV)));
        Invocation outer = CURRENT.get();
        CURRENT.set(invocation);
        boolean fault = false;
        try {
            start(context, invocation);
            return body.get();
        } catch (RuntimeException | Error e) {
            fault = true;
            throw e;
        } finally {
            Traces.end(invocation.trace, fault, invocation.status);
            PowertoolsLogging.clearState(true);
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** {@link #invoke} for a function that is not bound to a silo tenant by configuration. */
    public static <T> T invoke(Context context, Supplier<T> body) {
        return invoke(context, Optional.empty(), body);
    }

    /** {@link #invoke} for a stream handler. */
    public static void invokeStream(Context context, Optional<String> siloTenant, StreamBody body) throws IOException {
        try {
            invoke(context, siloTenant, () -> {
                try {
                    body.run();
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void start(Context context, Invocation invocation) {
        try {
            PowertoolsLogging.initializeLogging(context);
            invocation.requestId = context == null ? null : context.getAwsRequestId();
            invocation.trace = Traces.begin(service());
            Environment.optional(ENV, TIER_ENV).ifPresent(Telemetry::tier);
            invocation.siloTenant.ifPresent(Telemetry::tenant);
        } catch (RuntimeException | LinkageError e) {
            // Telemetry must never fail an invocation.
        }
    }

    /** The tenant the invocation serves (log field {@code tenantId}, trace annotation {@code TenantId}). */
    public static void tenant(String tenantId) {
        Invocation invocation = CURRENT.get();
        if (tenantId == null || invocation == null) {
            return;
        }
        invocation.tenantId = tenantId;
        MDC.put("tenantId", tenantId);
        Traces.annotate(invocation.trace, TENANT_ID, tenantId);
    }

    /** The tenant's tier (log field {@code tier}, trace annotation {@code Tier}). */
    public static void tier(String tier) {
        Invocation invocation = CURRENT.get();
        if (tier == null || invocation == null) {
            return;
        }
        invocation.tier = tier;
        MDC.put("tier", tier);
        Traces.annotate(invocation.trace, TIER, tier);
    }

    /** The HTTP status an API invocation answered: its trace is a fault for 5xx, an error for 4xx. */
    static void answered(int status) {
        Invocation invocation = CURRENT.get();
        if (invocation != null) {
            invocation.status = status;
        }
    }

    /** The caller's role (log field {@code role}). */
    public static void role(String role) {
        if (role != null && CURRENT.get() != null) {
            MDC.put("role", role);
        }
    }

    public static void info(String message, Object... keyValues) {
        log(Level.INFO, message, keyValues);
    }

    public static void warn(String message, Object... keyValues) {
        log(Level.WARN, message, keyValues);
    }

    public static void error(String message, Object... keyValues) {
        log(Level.ERROR, message, keyValues);
    }

    /** Whether a line of this level would be written (to skip building costly fields). */
    public static boolean enabled(Level level) {
        return LOG.isEnabledForLevel(level);
    }

    /**
     * Writes {@code message} with the key/value pairs as top-level fields (values may be null, maps, lists). A pair
     * keyed {@code tenantId}, {@code tier} or {@code role} sets that context field for this line only. An odd
     * trailing key has no value and is dropped. Never throws, not even a LinkageError: a line that cannot be written
     * is lost, not a failed invocation.
     */
    private static void log(Level level, String message, Object... keyValues) {
        Map<String, String> restore = new HashMap<>();
        try {
            if (!LOG.isEnabledForLevel(level)) {
                return;
            }
            LoggingEventBuilder line = LOG.atLevel(level);
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                String key = String.valueOf(keyValues[i]);
                if (RESERVED_KEYS.contains(key)) {
                    // Powertools drops a field named like one of its own; keep it under another name.
                    key = key + "Detail";
                }
                Object value = Redaction.field(key, keyValues[i + 1]);
                if (CONTEXT_KEYS.contains(key)) {
                    restore.put(key, MDC.get(key));
                    if (value == null) {
                        MDC.remove(key);
                    } else {
                        MDC.put(key, String.valueOf(value));
                    }
                } else {
                    line = line.addArgument(StructuredArguments.entry(key, value));
                }
            }
            line.log(Redaction.text(message));
        } catch (RuntimeException | LinkageError e) {
            // A line that cannot be written is lost, not a failed invocation.
        } finally {
            restore.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }

    /** A count of 1 with the function's dimension set. */
    public static void count(String metric) {
        count(metric, 1);
    }

    public static void count(String metric, double value) {
        emit(List.of(Metric.count(metric, value)), Map.of());
    }

    /** A count with extra dimensions (or an overriding {@code Tier}) on top of the function's set. */
    public static void count(String metric, double value, Map<String, String> dimensions) {
        emit(List.of(Metric.count(metric, value)), dimensions);
    }

    public static void milliseconds(String metric, long millis, Map<String, String> dimensions) {
        emit(List.of(Metric.milliseconds(metric, millis)), dimensions);
    }

    /**
     * One EMF document holding {@code metrics}, dimensioned by the function's set plus {@code dimensions}; never
     * throws.
     */
    public static void emit(List<Metric> metrics, Map<String, String> dimensions) {
        try {
            Invocation invocation = CURRENT.get();
            Map<String, String> set = new LinkedHashMap<>();
            set.put(SERVICE, service());
            set.put(TIER, metricTier(invocation));
            Optional<String> silo = invocation != null ? invocation.siloTenant
                    : Environment.optional(ENV, TENANT_ID_ENV);
            silo.ifPresent(tenant -> set.put(TENANT_ID, tenant));
            set.putAll(dimensions);
            Map<String, Object> properties = new LinkedHashMap<>();
            if (invocation != null && invocation.tenantId != null && silo.isEmpty()) {
                properties.put("tenantId", invocation.tenantId);
            }
            if (invocation != null && invocation.requestId != null) {
                properties.put("requestId", invocation.requestId);
            }
            EmfDocuments.write(namespace(), set, metrics, properties);
        } catch (RuntimeException | LinkageError e) {
            // A lost data point must not fail the invocation.
        }
    }

    /** The DynamoDB capacity the invocation consumed so far: {read, write} units. */
    public static double[] consumedCapacity() {
        Invocation invocation = CURRENT.get();
        return invocation == null ? new double[] {0, 0} : new double[] {invocation.readUnits, invocation.writeUnits};
    }

    static void consumed(double readUnits, double writeUnits) {
        Invocation invocation = CURRENT.get();
        if (invocation != null) {
            invocation.readUnits += readUnits;
            invocation.writeUnits += writeUnits;
        }
    }

    /** For every DynamoDB client a function builds: counts the capacity its calls consume. */
    public static ExecutionInterceptor dynamoDbInterceptor() {
        return new ConsumedCapacityInterceptor();
    }

    static String service() {
        return Environment.optional(ENV, SERVICE_ENV).orElse(UNDEFINED_SERVICE);
    }

    static String namespace() {
        return Environment.optional(ENV, NAMESPACE_ENV).orElse(DEFAULT_NAMESPACE);
    }

    // The stack's tier when the CDK app set it; else what the request said (the tenant's tier), else UNKNOWN.
    private static String metricTier(Invocation invocation) {
        return Environment.optional(ENV, TIER_ENV)
                .orElseGet(() -> invocation != null && invocation.tier != null ? invocation.tier : UNKNOWN_TIER);
    }
}
