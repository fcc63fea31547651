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
import software.amazon.awscdk.services.lambda.Code;
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
     * @param code          the function code (required)
     * @param handler       fully qualified handler (required)
     * @param description   what the function does (required)
     * @param environment   environment variables (@default none)
     * @param table         the table whose stream triggers the function; its stream must be enabled (required)
     * @param permissions   what the function may do besides reading the stream (@default nothing)
     * @param deployments   CodeDeploy application that rolls the function's versions (required)
     * @param rollout       how each new version takes traffic (required)
     * @param service       the function's service name, {@code POWERTOOLS_SERVICE_NAME} (required)
     */
    public record Props(Code code, String handler, String description, SortedMap<String, String> environment,
                        ITable table, List<PolicyStatement> permissions, ILambdaApplication deployments,
                        ILambdaDeploymentConfig rollout, String service) {
        public Props {
            Objects.requireNonNull(service, "StreamTrigger: service is required");
            Objects.requireNonNull(table, "StreamTrigger: table is required");
            permissions = permissions == null ? List.of() : List.copyOf(permissions);
        }
    }

    private final ServiceFunction function;
    private final Queue deadLetters;

    public StreamTrigger(Construct scope, String id, Props props) {
        super(scope, id);
        this.function = new ServiceFunction(this, "Function", new ServiceFunction.Props(props.code(),
                props.handler(), props.description(), props.environment(), props.deployments(), props.rollout())
                .as(props.service()));
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
