package constructs;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Objects;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.codedeploy.ILambdaApplication;
import software.amazon.awscdk.services.codedeploy.ILambdaDeploymentConfig;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A Java Lambda function of a tenant service, served through the {@code live} alias on its current published
 * version (SnapStart restores from published versions only, and the rollout in the pipeline shifts the alias).
 * Each new version is rolled by CodeDeploy ({@link CanaryRollout}). It gets its own role, scoped to its own log group, instead of the managed basic-execution policy, so that
 * every permission it holds is one a caller granted it explicitly.
 */
public final class ServiceFunction extends Construct {

    /** Function defaults, in one place. */
    public static final Runtime RUNTIME = Runtime.JAVA_25;
    static final int MEMORY_MB = 1024;
    static final Duration TIMEOUT = Duration.seconds(15);
    static final RetentionDays LOG_RETENTION = RetentionDays.ONE_YEAR;
    public static final String ALIAS = "live";

    /**
     * @param code        the family jar and its runtime layer, from {@link FunctionCode} (required)
     * @param handler     fully qualified handler, {@code class::method} (required)
     * @param description what the function does (required)
     * @param environment environment variables (@default none)
     * @param deployments CodeDeploy application that rolls the function's versions (required)
     * @param rollout     how each new version takes traffic, e.g. canary 10% for 5 minutes (required)
     * @param timeout     longest run of one invocation (@default 15 seconds, for API calls)
     * @param signal      what judges each new version's rollout (@default {@link CanaryRollout.Signal#INVOCATION});
     * @param service     the function's service name, {@code POWERTOOLS_SERVICE_NAME} (required)
     */
    public record Props(FamilyCode code, String handler, String description, SortedMap<String, String> environment,
                        ILambdaApplication deployments, ILambdaDeploymentConfig rollout, Duration timeout,
                        CanaryRollout.Signal signal, String service) {
        public Props {
            Objects.requireNonNull(code, "ServiceFunction: code is required");
            Objects.requireNonNull(deployments, "ServiceFunction: deployments is required");
            Objects.requireNonNull(rollout, "ServiceFunction: rollout is required");
            Objects.requireNonNull(handler, "ServiceFunction: handler is required");
            Objects.requireNonNull(description, "ServiceFunction: description is required");
            signal = signal == null ? CanaryRollout.Signal.INVOCATION : signal;
            // Sorted, so the template's variable order is the same in every JVM.
            var variables = environment == null ? new TreeMap<String, String>() : new TreeMap<>(environment);
            environment = Collections.unmodifiableSortedMap(variables);
            timeout = timeout == null ? TIMEOUT : timeout;
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private FamilyCode code;
            private String handler;
            private String description;
            private SortedMap<String, String> environment;
            private ILambdaApplication deployments;
            private ILambdaDeploymentConfig rollout;
            private Duration timeout;
            private CanaryRollout.Signal signal;
            private String service;

            private Builder() {
            }

            public Builder code(FamilyCode code) { this.code = code; return this; }
            public Builder handler(String handler) { this.handler = handler; return this; }
            public Builder description(String description) { this.description = description; return this; }
            public Builder environment(SortedMap<String, String> environment) {
                this.environment = environment;
                return this;
            }
            public Builder deployments(ILambdaApplication deployments) { this.deployments = deployments; return this; }
            public Builder rollout(ILambdaDeploymentConfig rollout) { this.rollout = rollout; return this; }
            public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
            public Builder signal(CanaryRollout.Signal signal) { this.signal = signal; return this; }
            public Builder service(String service) { this.service = service; return this; }

            public Props build() {
                return new Props(code, handler, description, environment, deployments, rollout, timeout, signal,
                        service);
            }
        }
    }

    private final Function function;
    private final Alias alias;
    private final Role role;
    private final CanaryRollout canaryRollout;

    public ServiceFunction(Construct scope, String id, Props props) {
        super(scope, id);
        Objects.requireNonNull(props.service(), "ServiceFunction " + getNode().getPath()
                + ": service is required (Props.as)");
        var telemetry = Telemetry.of(this);
        // The contract's variables (service, namespace, level, tier, silo tenant) over the caller's.
        var environment = new TreeMap<>(props.environment());
        environment.putAll(telemetry.environment(props.service()));
        var parts = JavaFunctionParts.of(this, props.description());
        this.role = parts.role;
        this.function = parts.function(this, props.code(), props.handler(), props.description(), props.timeout(),
                        environment)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .build();
        // CDK warns that SnapStart needs published versions; every version is published through the alias.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "The live alias publishes the current version, which SnapStart snapshots");
        this.alias = Alias.Builder.create(this, "LiveAlias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
        this.canaryRollout = new CanaryRollout(this, "Rollout",
                CanaryRollout.Props.builder().function(function).alias(alias).application(props.deployments())
                        .config(props.rollout()).signal(props.signal()).namespace(telemetry.namespace()).build());
        // A rolled-back version is worth a page: the rollout alarms also notify the stack's alarm topic.
        canaryRollout.alarms().forEach(telemetry::notify);
        parts.suppressTracingWildcard();
        NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder()
                .id("Serverless-LambdaDLQ")
                .reason("API calls return every error to the caller, and a stream mapping sends failures to its "
                        + "own on-failure queue; the scheduled (EventBridge, asynchronous) metering functions carry "
                        + "nothing but the time of the run, retried twice by Lambda, and a failed run raises the "
                        + "function's Errors alarm on the stack's alarm topic: a DLQ would only keep a timestamp")
                .build()));
    }

    public Function function() {
        return function;
    }

    /** The alias that callers (API integrations) invoke. */
    public Alias alias() {
        return alias;
    }

    public Role role() {
        return role;
    }

    public CanaryRollout canaryRollout() {
        return canaryRollout;
    }
}
