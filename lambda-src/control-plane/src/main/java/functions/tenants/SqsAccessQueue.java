package functions.tenants;

import contract.Env;
import functions.shared.Json;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * {@link AccessQueue} on an SQS FIFO queue. The message group is the tenant, so one tenant's pages are delivered one
 * at a time and in order (a newer job's first page waits behind an older job's page in flight, and the older job's
 * later pages are dropped by the worker); the deduplication id is the page's
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html).
 */
public final class SqsAccessQueue implements AccessQueue {

    /** The queue's URL, set on the functions that start or continue access jobs. */
    public static final String VARIABLE = Env.TENANT_ACCESS_QUEUE_URL.variable();

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsAccessQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    /** Built once per function instance, during init; {@code endpointOverride} only reaches an emulator. */
    public static SqsAccessQueue create(String region, String queueUrl, Optional<URI> endpointOverride) {
        SqsClientBuilder builder = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region));
        endpointOverride.ifPresent(builder::endpointOverride);
        return new SqsAccessQueue(builder.build(), queueUrl);
    }

    @Override
    public void send(AccessPage page) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl)
                .messageBody(Json.write(page))
                .messageGroupId(page.tenantId())
                .messageDeduplicationId(page.deduplicationId()));
    }

    /** The page a message body holds. */
    public static AccessPage read(String body) {
        return Json.readBody(body, AccessPage.class);
    }
}
