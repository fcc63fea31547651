package constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * What every Java function of the product has, whoever invokes it ({@link ServiceFunction}, {@link
 * CustomResourceFunction}): its own retained log group, its own role that may write only there, and the function on
 * the fleet's runtime with active tracing and JSON logs. Construct ids {@code Logs}, {@code Role}, {@code Function}.
 */
final class JavaFunctionParts {

    final LogGroup logGroup;
    final Role role;

    private JavaFunctionParts(LogGroup logGroup, Role role) {
        this.logGroup = logGroup;
        this.role = role;
    }

    /** The log group and the role of a function described as {@code description}, under {@code scope}. */
    static JavaFunctionParts of(Construct scope, String description) {
        var logGroup = LogGroup.Builder.create(scope, "Logs")
                .retention(ServiceFunction.LOG_RETENTION)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        var role = Role.Builder.create(scope, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description)
                .build();
        logGroup.grantWrite(role);
        return new JavaFunctionParts(logGroup, role);
    }

    /** Once the function's grants are in place: X-Ray's {@code Resource::*} on the role is a documented decision. */
    void suppressTracingWildcard() {
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions, so "
                        + "active tracing needs Resource '*'; the log grant is scoped to this function's log group")
                .appliesTo(List.of("Resource::*"))
                .build()), true);
    }

    /** The function, not yet built: the caller adds what is its own (e.g. SnapStart). */
    Function.Builder function(Construct scope, FamilyCode code, String handler, String description, Duration timeout,
                              Map<String, String> environment) {
        return Function.Builder.create(scope, "Function")
                .runtime(ServiceFunction.RUNTIME)
                .architecture(Architecture.ARM_64)
                .code(code.jar())
                .layers(List.of(code.layer()))
                .handler(handler)
                .description(description)
                .memorySize(ServiceFunction.MEMORY_MB)
                .timeout(timeout)
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .tracing(Tracing.ACTIVE)
                .environment(environment);
    }
}
