package functions.metering;

import functions.shared.Environment;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link MeteringMetrics} as CloudWatch embedded-metric-format lines on stdout, through Powertools' functional API
 * (no AspectJ), in the fleet's namespace ({@code POWERTOOLS_METRICS_NAMESPACE}) with the dimension set
 * {@code {Service, Tier}} of the shared contract ({@code POWERTOOLS_SERVICE_NAME}, {@code TIER}).
 */
final class EmfMeteringMetrics implements MeteringMetrics {

    static final String NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    static final String SERVICE = "POWERTOOLS_SERVICE_NAME";
    static final String TIER = "TIER";
    private static final Logger LOG = LoggerFactory.getLogger(EmfMeteringMetrics.class);

    private final Metrics metrics = lambdaOnly();
    private final String namespace;
    private final String service;
    private final String tier;

    EmfMeteringMetrics(String namespace, String service, String tier) {
        this.namespace = namespace;
        this.service = service;
        this.tier = tier;
    }

    static EmfMeteringMetrics fromEnvironment(Map<String, String> env, String defaultService) {
        return new EmfMeteringMetrics(Environment.optional(env, NAMESPACE).orElse("saas/functions"),
                Environment.optional(env, SERVICE).orElse(defaultService),
                Environment.optional(env, TIER).orElse("CONTROL_PLANE"));
    }

    @Override
    public void count(String metric, long value) {
        try {
            metrics.flushMetrics(m -> {
                m.setNamespace(namespace);
                m.setDefaultDimensions(DimensionSet.of("Service", service, "Tier", tier));
                m.addMetric(metric, value, MetricUnit.COUNT);
            });
        } catch (RuntimeException e) {
            LOG.warn("metric {} not written: {}", metric, e.toString());
        }
    }

    // Always the Lambda environment (stdout): EMF's own detection would probe the ECS/EC2 metadata endpoints
    // wherever AWS_LAMBDA_FUNCTION_NAME is unset (tests).
    private static Metrics lambdaOnly() {
        EnvironmentProvider provider = new EnvironmentProvider() {
            private final software.amazon.cloudwatchlogs.emf.environment.Environment lambda = new LambdaEnvironment();

            @Override
            public CompletableFuture<software.amazon.cloudwatchlogs.emf.environment.Environment> resolveEnvironment() {
                return CompletableFuture.completedFuture(lambda);
            }
        };
        return new EmfMetricsLogger(provider, new MetricsContext());
    }
}
