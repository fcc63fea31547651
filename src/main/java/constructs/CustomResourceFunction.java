package constructs;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * A CloudFormation custom resource answered by a Java function of lambda-src ({@code functions.bootstrap}): the
 * {@link CustomResource} names the function's ARN as its service token, so CloudFormation invokes the function
 * itself, with no Node.js provider in between. A plain function, not a {@link ServiceFunction}: CloudFormation
 * invokes it by ARN during the very deployment that would shift a CodeDeploy alias, so a canary has nothing to judge,
 * and SnapStart (published versions only) would not be used. Its own role holds only what the caller grants
 * ({@link #role()}) plus its own log group and X-Ray; the resource waits for that role's policies.
 */
public final class CustomResourceFunction extends Construct {

    /** Room for a few Cognito or DynamoDB calls; the provider answers FAILED 20 s before this runs out. */
    static final Duration TIMEOUT = Duration.minutes(2);

    /**
     * @param code         the bootstrap family jar and its runtime layer (required)
     * @param handler      {@code class::method} of a {@code functions.bootstrap} handler (required)
     * @param resourceType the custom resource type, {@code Custom::<Name>} (required)
     * @param description  what the resource does (required)
     * @param service      the function's service name, {@code POWERTOOLS_SERVICE_NAME} (required)
     * @param environment  the function's variables (required, may be empty)
     * @param properties   the resource's properties: deterministic, and changing whenever what it writes changes, so
     *                     that CloudFormation sends an Update exactly then (required)
     */
    public record Props(FamilyCode code, String handler, String resourceType, String description, String service,
                        SortedMap<String, String> environment, SortedMap<String, Object> properties) {
        public Props {
            Objects.requireNonNull(code, "CustomResourceFunction: code is required");
            Objects.requireNonNull(handler, "CustomResourceFunction: handler is required");
            Objects.requireNonNull(resourceType, "CustomResourceFunction: resourceType is required");
            Objects.requireNonNull(description, "CustomResourceFunction: description is required");
            Objects.requireNonNull(service, "CustomResourceFunction: service is required");
            environment = new TreeMap<>(Objects.requireNonNull(environment,
                    "CustomResourceFunction: environment is required"));
            properties = new TreeMap<>(Objects.requireNonNull(properties,
                    "CustomResourceFunction: properties is required"));
            if (!resourceType.startsWith("Custom::")) {
                throw new IllegalArgumentException("CustomResourceFunction: resourceType must start with Custom::, got "
                        + resourceType);
            }
        }
    }

    private final Function function;
    private final Role role;
    private final CustomResource resource;

    public CustomResourceFunction(Construct scope, String id, Props props) {
        super(scope, id);
        var environment = new TreeMap<>(props.environment());
        environment.putAll(Telemetry.of(this).environment(props.service()));
        var parts = JavaFunctionParts.of(this, props.description());
        this.role = parts.role;
        this.function = parts.function(this, props.code(), props.handler(), props.description(), TIMEOUT, environment)
                .build();
        this.resource = CustomResource.Builder.create(this, "Resource")
                .serviceToken(function.getFunctionArn())
                .resourceType(props.resourceType())
                .properties(props.properties())
                .build();
        // Invoked only once the role's policies exist: a grant added after this line is a child of the role too.
        resource.getNode().addDependency(role);
        parts.suppressTracingWildcard();
        NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder()
                .id("Serverless-LambdaDLQ")
                .reason("A custom resource handler answers CloudFormation at the request's pre-signed ResponseURL, "
                        + "FAILED on any error or near its deadline (lambda-src functions.bootstrap); a queued event "
                        + "could not be answered later by anyone, and CloudFormation retries nothing from it")
                .build()));
    }

    public Function function() {
        return function;
    }

    /** The function's role: grant it exactly what the resource writes. */
    public Role role() {
        return role;
    }

    public CustomResource resource() {
        return resource;
    }
}
