package functions.shared;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * Writes one CloudWatch embedded-metric-format document to stdout: one dimension set, the metrics, and top-level
 * properties (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * Through the EMF library that powertools-metrics is built on, because Powertools' {@code Metrics} interface has no
 * top-level property ({@code addMetadata} writes under {@code _aws}) and the contract needs {@code tenantId} as one.
 * Always the Lambda environment (stdout, which CloudWatch Logs turns into metrics): EMF's own detection would
 * otherwise probe the ECS and EC2 metadata endpoints over the network wherever AWS_LAMBDA_FUNCTION_NAME is unset.
 */
final class EmfDocuments {

    static final EnvironmentProvider LAMBDA_ONLY = new EnvironmentProvider() {
        private final software.amazon.cloudwatchlogs.emf.environment.Environment lambda = new LambdaEnvironment();

        @Override
        public CompletableFuture<software.amazon.cloudwatchlogs.emf.environment.Environment> resolveEnvironment() {
            return CompletableFuture.completedFuture(lambda);
        }
    };

    private EmfDocuments() {
    }

    /** Never throws: a lost data point must not fail the invocation (it is logged instead). */
    static void write(String namespace, Map<String, String> dimensions, List<Telemetry.Metric> metrics,
                      Map<String, Object> properties) {
        try {
            MetricsLogger logger = new MetricsLogger(LAMBDA_ONLY);
            logger.setNamespace(namespace);
            DimensionSet set = new DimensionSet();
            for (Map.Entry<String, String> d : dimensions.entrySet()) {
                set.addDimension(d.getKey(), d.getValue());
            }
            logger.setDimensions(set);
            for (Telemetry.Metric m : metrics) {
                logger.putMetric(m.name(), m.value(), m.unit() == Telemetry.Unit.COUNT ? Unit.COUNT : Unit.MILLISECONDS);
            }
            properties.forEach(logger::putProperty);
            logger.flush();
        } catch (RuntimeException | LinkageError e) {
            Telemetry.warn("metrics_not_written", "exception", e.getClass().getName(), "reason", e.getMessage());
        }
    }
}
