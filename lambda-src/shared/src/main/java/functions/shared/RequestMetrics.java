package functions.shared;

import com.amazonaws.services.lambda.runtime.Context;
import contract.Env;
import java.util.Map;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * What the rollout alarms watch (beside the per-tier metrics of {@link Telemetry}): one CloudWatch embedded-metric-format line on stdout per request, with
 * {@value #SERVER_ERRORS} (1 when the caller got a 5xx, else 0) and {@value #LATENCY} (ms), dimensioned by
 * {@value #FUNCTION_NAME} and the {@value #VERSION} that answered. Lambda's own {@code Errors} cannot be that
 * signal: an API handler answers a failure with a 500 <em>response</em> (no invocation error), and the authorizer
 * rejects a token by <em>throwing</em> (an invocation error that is no fault of the version).
 *
 * <p>Lambda sends whatever a function writes to stdout to CloudWatch Logs, which extracts metrics from every line in
 * the embedded metric format
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Lambda.html).
 * Powertools' functional API, no AspectJ (https://docs.powertools.aws.dev/lambda/java/core/metrics/); each
 * request flushes its own metrics context, so nothing leaks between requests. The names are the contract with the
 * CDK app's {@code constructs.CanaryRollout}, which alarms on them for the version being rolled out.
 */
public final class RequestMetrics {

    /** The namespace, set by the CDK app per fleet (Powertools' own variable). */
    public static final String NAMESPACE = Env.POWERTOOLS_METRICS_NAMESPACE.variable();
    /** Used when {@value #NAMESPACE} is unset (tests, benches). */
    static final String DEFAULT_NAMESPACE = "saas/functions";
    public static final String SERVER_ERRORS = "ServerErrors";
    public static final String LATENCY = "Latency";
    public static final String FUNCTION_NAME = "FunctionName";
    public static final String VERSION = "Version";

    private static final Metrics METRICS = metrics();

    private final String namespace;

    private RequestMetrics(String namespace) {
        this.namespace = namespace;
    }

    /** The function's metrics, namespaced from its environment. */
    public static RequestMetrics fromEnvironment(Map<String, String> env) {
        return new RequestMetrics(Environment.optional(env, NAMESPACE).orElse(DEFAULT_NAMESPACE));
    }

    /**
     * Writes the request's metrics. Never throws: losing one data point must not turn an answered request into a
     * failed invocation (which would count against the rollout as an {@code Error}).
     */
    public void record(Context context, boolean serverError, long latencyMs) {
        try {
            METRICS.flushMetrics(m -> {
                m.setNamespace(namespace);
                // Replaces the default dimensions (and Powertools' Service): the alarm matches this exact set.
                m.setDefaultDimensions(DimensionSet.of(FUNCTION_NAME, functionName(context), VERSION,
                        version(context)));
                m.addMetric(SERVER_ERRORS, serverError ? 1 : 0, MetricUnit.COUNT);
                m.addMetric(LATENCY, latencyMs, MetricUnit.MILLISECONDS);
            });
        } catch (RuntimeException | LinkageError e) {
            Telemetry.warn("metrics_not_written", "exception", e.getClass().getName(), "reason", e.getMessage());
        }
    }

    // Invoked through the alias, the context names the function and the version number that ran (not the alias):
    // https://docs.aws.amazon.com/lambda/latest/dg/java-context.html
    private static String functionName(Context context) {
        String name = context == null ? null : context.getFunctionName();
        return name != null ? name : System.getenv().getOrDefault(Env.AWS_LAMBDA_FUNCTION_NAME.variable(), "unknown");
    }

    private static String version(Context context) {
        String version = context == null ? null : context.getFunctionVersion();
        return version != null ? version
                : System.getenv().getOrDefault(Env.AWS_LAMBDA_FUNCTION_VERSION.variable(), "$LATEST");
    }

    // Always the Lambda environment (stdout), as EmfDocuments explains.
    private static Metrics metrics() {
        MetricsFactory.setMetricsProvider(() -> new EmfMetricsLogger(EmfDocuments.LAMBDA_ONLY, new MetricsContext()));
        return MetricsFactory.getMetricsInstance();
    }
}
