package constructs;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.codedeploy.ILambdaApplication;
import software.amazon.awscdk.services.codedeploy.ILambdaDeploymentConfig;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A Java function fed one message at a time by an encrypted SQS FIFO queue: messages of one group (one tenant)
 * are handled in order and one at a time, failures are reported per message, and a message that still fails after
 * {@link #MAX_RECEIVES} deliveries moves to an encrypted FIFO dead-letter queue. The function's own queue URL is in
 * its environment ({@code queueUrlVariable}), so it may enqueue follow-up messages (it can send to that queue only).
 */
public final class QueueWorker extends Construct {

    static final int MAX_RECEIVES = 5;
    static final Duration RETENTION = Duration.days(14);
    /**
     * Lambda's guidance for SQS event sources: a visibility timeout of at least six times the function's timeout
     * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).
     */
    static final int VISIBILITY_FACTOR = 6;

    /**
     * @param code             the family jar and its runtime layer (required)
     * @param handler          fully qualified handler (required)
     * @param description      what the function does (required)
     * @param environment      environment variables (@default none)
     * @param queueUrlVariable the variable that gets the queue's URL (required)
     * @param timeout          longest run of one message (required)
     * @param maxConcurrency   most function instances the queue drives at once, 2..1000 (required)
     * @param deployments      CodeDeploy application that rolls the function's versions (required)
     * @param rollout          how each new version takes traffic (required)
     * @param service          the function's service name, {@code POWERTOOLS_SERVICE_NAME} (required)
     */
    public record Props(FamilyCode code, String handler, String description, SortedMap<String, String> environment,
                        String queueUrlVariable, Duration timeout, int maxConcurrency, ILambdaApplication deployments,
                        ILambdaDeploymentConfig rollout, String service) {
        public Props {
            Objects.requireNonNull(service, "QueueWorker: service is required");
            Objects.requireNonNull(queueUrlVariable, "QueueWorker: queueUrlVariable is required");
            Objects.requireNonNull(timeout, "QueueWorker: timeout is required");
            if (maxConcurrency < 2 || maxConcurrency > 1000) {
                throw new IllegalArgumentException("QueueWorker: maxConcurrency must be 2..1000 (Lambda's range for "
                        + "SQS event sources), got " + maxConcurrency);
            }
            environment = environment == null ? new TreeMap<>() : new TreeMap<>(environment);
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
            private String queueUrlVariable;
            private Duration timeout;
            private Integer maxConcurrency;
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
            public Builder queueUrlVariable(String queueUrlVariable) {
                this.queueUrlVariable = queueUrlVariable;
                return this;
            }
            public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
            public Builder maxConcurrency(int maxConcurrency) { this.maxConcurrency = maxConcurrency; return this; }
            public Builder deployments(ILambdaApplication deployments) { this.deployments = deployments; return this; }
            public Builder rollout(ILambdaDeploymentConfig rollout) { this.rollout = rollout; return this; }
            public Builder service(String service) { this.service = service; return this; }

            public Props build() {
                return new Props(code, handler, description, environment, queueUrlVariable, timeout,
                        Objects.requireNonNull(maxConcurrency, "QueueWorker: maxConcurrency is required"), deployments,
                        rollout, service);
            }
        }
    }

    private final Queue queue;
    private final Queue deadLetters;
    private final ServiceFunction function;

    public QueueWorker(Construct scope, String id, Props props) {
        super(scope, id);
        this.deadLetters = Queue.Builder.create(this, "DeadLetters")
                .fifo(true)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(RETENTION)
                .build();
        this.queue = Queue.Builder.create(this, "Queue")
                .fifo(true)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(RETENTION)
                .visibilityTimeout(Duration.seconds(props.timeout().toSeconds().intValue() * VISIBILITY_FACTOR))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVES).build())
                .build();
        var environment = new TreeMap<>(props.environment());
        environment.put(props.queueUrlVariable(), queue.getQueueUrl());
        this.function = new ServiceFunction(this, "Function", ServiceFunction.Props.builder()
                .code(props.code()).handler(props.handler()).description(props.description()).environment(environment)
                .deployments(props.deployments()).rollout(props.rollout()).timeout(props.timeout())
                .service(props.service()).build());
        function.alias().addEventSource(new SqsEventSource(queue, SqsEventSourceProps.builder()
                .batchSize(1)
                .reportBatchItemFailures(true)
                .maxConcurrency(props.maxConcurrency())
                .build()));
        queue.grantSendMessages(function.role());
        var isTheDeadLetterQueue = "This queue is the dead-letter queue of the worker's queue itself";
        NagSuppressions.addResourceSuppressions(deadLetters, List.of(
                NagPackSuppression.builder().id("AwsSolutions-SQS3").reason(isTheDeadLetterQueue).build(),
                NagPackSuppression.builder().id("Serverless-SQSRedrivePolicy").reason(isTheDeadLetterQueue).build()));
        NagSuppressions.addResourceSuppressions(function.alias(), List.of(NagPackSuppression.builder()
                .id("Serverless-LambdaEventSourceMappingDestination")
                .reason("An SQS event source takes no on-failure destination: a message that keeps failing moves to "
                        + "the queue's dead-letter queue by its redrive policy (maxReceiveCount " + MAX_RECEIVES + ")")
                .build()), true);
    }

    /** The queue, to grant producers {@code grantSendMessages}. */
    public Queue queue() {
        return queue;
    }

    public Queue deadLetters() {
        return deadLetters;
    }

    public ServiceFunction function() {
        return function;
    }
}
