package stages;

import software.amazon.awscdk.services.codedeploy.ILambdaDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentConfig;

/**
 * How new function versions take traffic, in one place. A silo serves one tenant, so a 10% canary held for five
 * minutes catches a bad version before the rest of its traffic; a pooled tier serves many tenants at once, so
 * it shifts linearly and every step is judged by the alarms before the next.
 */
public final class RolloutPolicy {

    public static final ILambdaDeploymentConfig SILO = LambdaDeploymentConfig.CANARY_10_PERCENT_5_MINUTES;
    public static final ILambdaDeploymentConfig POOLED = LambdaDeploymentConfig.LINEAR_10_PERCENT_EVERY_1_MINUTE;
    /** Control-plane functions run rarely, so a canary would see no traffic; the alarms still roll back. */
    public static final ILambdaDeploymentConfig CONTROL_PLANE = LambdaDeploymentConfig.ALL_AT_ONCE;

    private RolloutPolicy() {
    }
}
