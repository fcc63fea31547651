package functions.tenants;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import functions.shared.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lambda entry point {@code functions.tenants.TenantAccessHandler::handleRequest}, on the tenant access FIFO queue
 * with {@code ReportBatchItemFailures}: each message is one page of an access job ({@link TenantAccessWorker}). On a
 * failure the message and every later one of the batch are reported failed, as a FIFO queue requires to keep a
 * tenant's pages in order
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html); the queue retries them and, after
 * its receive limit, moves them to its dead-letter queue (the job keeps its {@code lastError}; repeating the
 * deactivation or activation starts a new job).
 */
public final class TenantAccessHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final TenantAccessWorker worker;

    /** Used by Lambda: reads the environment and builds the clients during init (inside the snapshot). */
    public TenantAccessHandler() {
        this(System.getenv());
    }

    TenantAccessHandler(Map<String, String> env) {
        this(ControlPlane.fromEnvironment(env).accessWorker());
    }

    TenantAccessHandler(TenantAccessWorker worker) {
        this.worker = worker;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Telemetry.invoke(context, () -> process(event));
    }

    private SQSBatchResponse process(SQSEvent event) {
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of()
                : event.getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : messages) {
            if (!failures.isEmpty()) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            try {
                AccessPage page = SqsAccessQueue.read(message.getBody());
                TenantAccessWorker.Outcome outcome = worker.process(page);
                Telemetry.info("tenant_access_page", "tenantId", page.tenantId(), "jobId", page.jobId(),
                        "target", page.target().name(), "page", page.page(), "outcome", outcome.name());
            } catch (RuntimeException e) {
                Telemetry.error("tenant_access_page_failed", "messageId", message.getMessageId(),
                        "failure", e.getClass().getSimpleName() + ": " + e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
