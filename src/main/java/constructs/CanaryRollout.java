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
 * Shifts a function's alias to each new version through CodeDeploy (canary or linear), watched by alarms on
 * the errors, throttles and p99 duration of the new version alone, and rolls back automatically when an alarm
 * fires or the deployment fails or is stopped.
 */
public final class CanaryRollout extends Construct {

    /** Thresholds of the rollout alarms, in one place. */
    static final double MAX_ERRORS_PER_MINUTE = 1;
    static final double MAX_THROTTLES_PER_MINUTE = 1;
    static final double MAX_P99_DURATION_MS = 5_000;

    /**
     * @param function    the function (required)
     * @param alias       the alias callers invoke, shifted by CodeDeploy (required)
     * @param application the CodeDeploy application the group belongs to (required)
     * @param config      how traffic shifts, e.g. canary 10% for 5 minutes (required)
     */
    public record Props(Function function, Alias alias, ILambdaApplication application,
                        ILambdaDeploymentConfig config) {
        public Props {
            Objects.requireNonNull(function, "CanaryRollout: function is required");
            Objects.requireNonNull(alias, "CanaryRollout: alias is required");
            Objects.requireNonNull(application, "CanaryRollout: application is required");
            Objects.requireNonNull(config, "CanaryRollout: config is required");
        }
    }

    private final LambdaDeploymentGroup deploymentGroup;
    private final List<Alarm> alarms;

    public CanaryRollout(Construct scope, String id, Props props) {
        super(scope, id);
        this.alarms = List.of(
                alarm("Errors", newVersionMetric(props, "Errors", "Sum"), MAX_ERRORS_PER_MINUTE,
                        "Errors of the version being rolled out"),
                alarm("Throttles", newVersionMetric(props, "Throttles", "Sum"), MAX_THROTTLES_PER_MINUTE,
                        "Throttles of the version being rolled out"),
                alarm("P99Duration", newVersionMetric(props, "Duration", "p99"), MAX_P99_DURATION_MS,
                        "p99 duration (ms) of the version being rolled out"));
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

    // Invocations through the alias report Resource=<function>:<alias> and the version that ran: filtering on
    // the new version judges the canary traffic alone, not the old version's history.
    private static Metric newVersionMetric(Props props, String metricName, String statistic) {
        return Metric.Builder.create()
                .namespace("AWS/Lambda")
                .metricName(metricName)
                .statistic(statistic)
                .period(Duration.minutes(1))
                .dimensionsMap(new TreeMap<>(Map.of(
                        "FunctionName", props.function().getFunctionName(),
                        "Resource", props.function().getFunctionName() + ":" + props.alias().getAliasName(),
                        "ExecutedVersion", props.alias().getVersion().getVersion())))
                .build();
    }

    private Alarm alarm(String id, Metric metric, double threshold, String description) {
        return Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                // No invocations of the new version yet is not a failure.
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
