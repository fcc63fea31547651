package stages;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.codedeploy.ILambdaDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentConfig;

/**
 * How new function versions take traffic, in one place. Every config holds each traffic step at least as long as
 * the rollout alarms need to see it ({@link #ALARM_DATA_DELAY} plus period × evaluation periods,
 * constructs.CanaryRollout: one one-minute period, so three minutes): CodeDeploy only rolls back on an alarm that is
 * in ALARM while the deployment still runs, so a step shorter than that, or all-at-once (which CodeDeploy finishes
 * at once), is never judged. RolloutWindowTest checks this for every deployment group of the fleet. Predefined
 * Lambda configs: https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html
 */
public final class RolloutPolicy {

    /**
     * How late a one-minute datapoint of the rollout alarms' metrics may arrive. The functions' own metrics are
     * embedded-metric-format log lines, which CloudWatch Logs must process first ("metric generation depends on your
     * log publishing flow", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Alarms.html);
     * Lambda's own metrics are published per minute as well. Two minutes is our budget, not an AWS bound.
     */
    public static final Duration ALARM_DATA_DELAY = Duration.minutes(2);

    /** A silo serves one tenant: 10% for five minutes catches a bad version before the rest of its traffic. */
    public static final ILambdaDeploymentConfig SILO = LambdaDeploymentConfig.CANARY_10_PERCENT_5_MINUTES;
    /**
     * A pooled tier serves many tenants at once, so it shifts linearly and every step is judged by the alarms before
     * the next: 10% every three minutes (the alarms' window; every minute would outrun them), 30 minutes in all.
     */
    public static final ILambdaDeploymentConfig POOLED = LambdaDeploymentConfig.LINEAR_10_PERCENT_EVERY_3_MINUTES;
    /**
     * Control-plane functions (and the pipeline's offboarder): a 10% canary held five minutes. They run rarely, so
     * the canary may see no traffic and pass, but a version that fails the calls it does get rolls back
     * (all-at-once, before, finished before any alarm was read).
     */
    public static final ILambdaDeploymentConfig CONTROL_PLANE = LambdaDeploymentConfig.CANARY_10_PERCENT_5_MINUTES;

    private RolloutPolicy() {
    }
}
