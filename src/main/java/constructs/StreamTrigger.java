package constructs;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.codedeploy.ILambdaApplication;
import software.amazon.awscdk.services.codedeploy.ILambdaDeploymentConfig;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A Java function on a DynamoDB table's stream: records in order from the oldest kept, failures reported per
 * item (the batch is retried from the first failed record, split in halves when it keeps failing), and what
 * still fails after the retries lands in an encrypted dead-letter queue instead of blocking the stream.
 */
public final class StreamTrigger extends Construct {

    static final int BATCH_SIZE = 100;
    static final int RETRY_ATTEMPTS = 5;
    static final Duration MAX_RECORD_AGE = Duration.days(1);
    static final Duration DLQ_RETENTION = Duration.days(14);

    /**
     * @param code          the family jar and its runtime layer (required)
     * @param handler       fully qualified handler (required)
     * @param description   what the function does (required)
     * @param environment   environment variables (@default none)
     * @param table         the table whose stream triggers the function; its stream must be enabled (required)
     * @param permissions   what the function may do besides reading the stream (@default nothing)
     * @param deployments   CodeDeploy application that rolls the function's versions (required)
     * @param rollout       how each new version takes traffic (required)
     * @param service       the function's service name, {@code POWERTOOLS_SERVICE_NAME} (required)
     */
    public record Props(FamilyCode code, String handler, String description, SortedMap<String, String> environment,
                        ITable table, List<PolicyStatement> permissions, ILambdaApplication deployments,
                        ILambdaDeploymentConfig rollout, String service) {
        public Props {
            Objects.requireNonNull(service, "StreamTrigger: service is required");
            Objects.requireNonNull(table, "StreamTrigger: table is required");
            permissions = permissions == null ? List.of() : List.copyOf(permissions);
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
            private ITable table;
            private List<PolicyStatement> permissions;
            private ILambdaApplication deployments;
            private ILambdaDeploymentConfig rollout;
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
            public Builder table(ITable table) { this.table = table; return this; }
            public Builder permissions(List<PolicyStatement> permissions) {
                this.permissions = permissions;
                return this;
            }
            public Builder deployments(ILambdaApplication deployments) { this.deployments = deployments; return this; }
            public Builder rollout(ILambdaDeploymentConfig rollout) { this.rollout = rollout; return this; }
            public Builder service(String service) { this.service = service; return this; }

            public Props build() {
                return new Props(code, handler, description, environment, table, permissions, deployments, rollout,
                        service);
            }
        }
    }

    private final ServiceFunction function;
    private final Queue deadLetters;

    public StreamTrigger(Construct scope, String id, Props props) {
        super(scope, id);
        this.function = new ServiceFunction(this, "Function", ServiceFunction.Props.builder()
                .code(props.code()).handler(props.handler()).description(props.description())
                .environment(props.environment()).deployments(props.deployments()).rollout(props.rollout())
                .service(props.service()).build());
        props.permissions().forEach(function.role()::addToPrincipalPolicy);
        this.deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DLQ_RETENTION)
                .build();
        function.alias().addEventSource(new DynamoEventSource(props.table(), DynamoEventSourceProps.builder()
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(BATCH_SIZE)
                .bisectBatchOnError(true)
                .reportBatchItemFailures(true)
                .retryAttempts(RETRY_ATTEMPTS)
                .maxRecordAge(MAX_RECORD_AGE)
                .onFailure(new SqsDlq(deadLetters))
                .build()));
        var isTheDeadLetterQueue = "This queue is the dead-letter destination of the stream trigger itself";
        NagSuppressions.addResourceSuppressions(deadLetters, List.of(
                NagPackSuppression.builder().id("AwsSolutions-SQS3").reason(isTheDeadLetterQueue).build(),
                NagPackSuppression.builder().id("Serverless-SQSRedrivePolicy").reason(isTheDeadLetterQueue).build()));
    }

    public ServiceFunction function() {
        return function;
    }

    public Queue deadLetters() {
        return deadLetters;
    }
}
