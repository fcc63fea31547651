package constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.codedeploy.AutoRollbackConfig;
import software.amazon.awscdk.services.codedeploy.ILambdaApplication;
import software.amazon.awscdk.services.codedeploy.ILambdaDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentGroup;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * Shifts a function's alias to each new version through CodeDeploy (canary or linear), watched by alarms on what
 * callers of the new version alone see, and rolls back automatically when an alarm fires or the deployment fails
 * or is stopped. Which alarms depends on how the function reports failure ({@link Signal}); docs/OPERATIONS.md
 * says what each one means.
 *
 * <p>Every alarm names the version being rolled out: the Lambda metrics through {@code ExecutedVersion} (the version
 * an alias invocation ran, https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics.html), the functions' own
 * through {@code Version}, which they take from their Lambda context. Both are the number of the version the alias
 * is shifted to ({@code Fn::GetAtt <Version>.Version}), so the old version's traffic never judges the new one.
 */
public final class CanaryRollout extends Construct {

    /** Thresholds of the rollout alarms, in one place (each per one-minute period). */
    static final double MAX_SERVER_ERRORS_PER_MINUTE = 1;
    static final double MAX_ERRORS_PER_MINUTE = 1;
    static final double MAX_THROTTLES_PER_MINUTE = 1;
    static final double MAX_P99_LATENCY_MS = 5_000;

    /**
     * The variable the API functions read the namespace of the metrics they write per request from
     * (functions.shared.RequestMetrics in lambda-src): the fleet's, {@code SaaSFleet/<fleet>} ({@link Telemetry}).
     * Series are per function name and version, so stacks sharing an account never share a series.
     */
    public static final String NAMESPACE_VARIABLE = Telemetry.NAMESPACE_VARIABLE;
    /** Metric and dimension names functions.shared.RequestMetrics (lambda-src) writes; RolloutAlarmsTest compares. */
    public static final String SERVER_ERRORS = "ServerErrors";
    public static final String LATENCY = "Latency";
    public static final String FUNCTION_NAME = "FunctionName";
    public static final String VERSION = "Version";

    /** How a function reports failure, and so what its rollout is judged by. */
    public enum Signal {
        /**
         * Answers API Gateway requests and writes {@code ServerErrors}/{@code Latency}: a failed request is a 500
         * response, which Lambda never counts as an error, so the function's own metrics judge it, plus Lambda's
         * {@code Errors} (crashes, timeouts) and {@code Throttles}.
         */
        API,
        /**
         * A TOKEN authorizer: answers 401 by throwing {@code Unauthorized}, which Lambda counts in {@code Errors},
         * so only its own {@code ServerErrors} (a dependency failure: API Gateway answers 500) and {@code Latency},
         * plus {@code Throttles}.
         */
        AUTHORIZER,
        /** Anything else (stream consumers, pipeline steps): a failure is a thrown error, so Lambda's own metrics. */
        INVOCATION
    }

    /**
     * @param function    the function (required)
     * @param alias       the alias callers invoke, shifted by CodeDeploy (required)
     * @param application the CodeDeploy application the group belongs to (required)
     * @param config      how traffic shifts, e.g. canary 10% for 5 minutes (required)
     * @param signal      what judges a new version (@default {@link Signal#INVOCATION})
     * @param namespace   the namespace of the function's own metrics, the fleet's (required)
     */
    public record Props(Function function, Alias alias, ILambdaApplication application,
                        ILambdaDeploymentConfig config, Signal signal, String namespace) {
        public Props {
            Objects.requireNonNull(namespace, "CanaryRollout: namespace is required");
            Objects.requireNonNull(function, "CanaryRollout: function is required");
            Objects.requireNonNull(alias, "CanaryRollout: alias is required");
            Objects.requireNonNull(application, "CanaryRollout: application is required");
            Objects.requireNonNull(config, "CanaryRollout: config is required");
            signal = signal == null ? Signal.INVOCATION : signal;
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private Function function;
            private Alias alias;
            private ILambdaApplication application;
            private ILambdaDeploymentConfig config;
            private Signal signal;
            private String namespace;

            private Builder() {
            }

            public Builder function(Function function) { this.function = function; return this; }
            public Builder alias(Alias alias) { this.alias = alias; return this; }
            public Builder application(ILambdaApplication application) { this.application = application; return this; }
            public Builder config(ILambdaDeploymentConfig config) { this.config = config; return this; }
            public Builder signal(Signal signal) { this.signal = signal; return this; }
            public Builder namespace(String namespace) { this.namespace = namespace; return this; }

            public Props build() {
                return new Props(function, alias, application, config, signal, namespace);
            }
        }
    }

    private final LambdaDeploymentGroup deploymentGroup;
    private final List<Alarm> alarms;

    public CanaryRollout(Construct scope, String id, Props props) {
        super(scope, id);
        this.alarms = switch (props.signal()) {
            case API -> List.of(serverErrors(props), latency(props), errors(props), throttles(props));
            case AUTHORIZER -> List.of(serverErrors(props), latency(props), throttles(props));
            case INVOCATION -> List.of(errors(props), throttles(props),
                    alarm("P99Duration", lambdaMetric(props, "Duration", "p99"), MAX_P99_LATENCY_MS,
                            "p99 duration (ms) of the version being rolled out"));
        };
        this.deploymentGroup = LambdaDeploymentGroup.Builder.create(this, "DeploymentGroup")
                .application(props.application())
                .alias(props.alias())
                .deploymentConfig(props.config())
                .alarms(alarms)
                .autoRollback(AutoRollbackConfig.builder()
                        .failedDeployment(true).stoppedDeployment(true).deploymentInAlarm(true).build())
                .build();
        NagSuppressions.addResourceSuppressions(deploymentGroup, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM4")
                .reason("CodeDeploy's Lambda deployment role uses the AWS-maintained AWSCodeDeployRoleForLambdaLimited, "
                        + "which only shifts aliases and invokes hooks")
                .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                        + "AWSCodeDeployRoleForLambdaLimited"))
                .build()), true);
    }

    private Alarm serverErrors(Props props) {
        return alarm("ServerErrors", ownMetric(props, SERVER_ERRORS, "Sum"), MAX_SERVER_ERRORS_PER_MINUTE,
                "5xx answers of the version being rolled out");
    }

    private Alarm latency(Props props) {
        return alarm("P99Latency", ownMetric(props, LATENCY, "p99"), MAX_P99_LATENCY_MS,
                "p99 latency (ms) of the requests the version being rolled out answered");
    }

    private Alarm errors(Props props) {
        return alarm("Errors", lambdaMetric(props, "Errors", "Sum"), MAX_ERRORS_PER_MINUTE,
                "Invocation errors (crash, timeout, out of memory) of the version being rolled out");
    }

    private Alarm throttles(Props props) {
        return alarm("Throttles", lambdaMetric(props, "Throttles", "Sum"), MAX_THROTTLES_PER_MINUTE,
                "Throttles of the version being rolled out");
    }

    // The version the alias is being shifted to: a new AWS::Lambda::Version per code or configuration change.
    private static String newVersion(Props props) {
        return props.function().getCurrentVersion().getVersion();
    }

    // Invocations through the alias report Resource=<function>:<alias> and the version that ran.
    private static Metric lambdaMetric(Props props, String metricName, String statistic) {
        return Metric.Builder.create()
                .namespace("AWS/Lambda")
                .metricName(metricName)
                .statistic(statistic)
                .period(Duration.minutes(1))
                .dimensionsMap(new TreeMap<>(Map.of(
                        "FunctionName", props.function().getFunctionName(),
                        "Resource", props.function().getFunctionName() + ":" + props.alias().getAliasName(),
                        "ExecutedVersion", newVersion(props))))
                .build();
    }

    // Exactly the dimension set the function writes (FunctionName, Version): CloudWatch matches it as a whole.
    private static Metric ownMetric(Props props, String metricName, String statistic) {
        return Metric.Builder.create()
                .namespace(props.namespace())
                .metricName(metricName)
                .statistic(statistic)
                .period(Duration.minutes(1))
                .dimensionsMap(new TreeMap<>(Map.of(
                        FUNCTION_NAME, props.function().getFunctionName(),
                        VERSION, newVersion(props))))
                .build();
    }

    private Alarm alarm(String id, Metric metric, double threshold, String description) {
        return Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                // No request to the new version yet is not a failure (docs/OPERATIONS.md: an idle canary passes).
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    public LambdaDeploymentGroup deploymentGroup() {
        return deploymentGroup;
    }

    public List<Alarm> alarms() {
        return alarms;
    }
}
