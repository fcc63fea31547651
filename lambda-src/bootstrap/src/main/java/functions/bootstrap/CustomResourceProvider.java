package functions.bootstrap;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import functions.shared.Telemetry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers one CloudFormation custom resource request (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html)
 * with a {@link CustomResource}, in every case: the resource's work runs on a worker thread and is given the
 * function's remaining time minus {@link #DEFAULT_MARGIN}; an exception or running out of that time answers FAILED,
 * so the stack never waits an hour for an answer that a crashed or timed-out function never sent.
 *
 * <p>The PhysicalResourceId is stable: Update and Delete echo the request's, Create derives
 * {@code <stack name>-<LogicalResourceId>} from the request, so a replayed Create answers the same id (a different id
 * on Update would make CloudFormation replace the resource and send a Delete for the old one).
 */
public final class CustomResourceProvider {

    /** Time kept back from the function's deadline for sending the answer (its retries included). */
    public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(20);

    private final String resourceType;
    private final CustomResource resource;
    private final ResponseUrl responseUrl;
    private final Duration margin;

    public CustomResourceProvider(String resourceType, CustomResource resource, ResponseUrl responseUrl,
                                  Duration margin) {
        this.resourceType = Objects.requireNonNull(resourceType, "resourceType");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.responseUrl = Objects.requireNonNull(responseUrl, "responseUrl");
        this.margin = Objects.requireNonNull(margin, "margin");
    }

    /** Does the work, PUTs the answer to the event's ResponseURL and returns it. */
    public CustomResourceResponse handle(CloudFormationCustomResourceEvent event, long remainingMillis) {
        if (event == null || event.getResponseUrl() == null || event.getResponseUrl().isBlank()) {
            // Nowhere to answer: nothing CloudFormation sends, so not worth a FAILED that nobody would read.
            throw new IllegalArgumentException(resourceType + ": the event has no ResponseURL");
        }
        String physicalId = physicalResourceId(event);
        CustomResourceResponse response;
        try {
            Map<String, String> data = run(event, remainingMillis - margin.toMillis());
            response = answer(event, physicalId, CustomResourceResponse.SUCCESS, null, data);
        } catch (Failure e) {
            response = answer(event, physicalId, CustomResourceResponse.FAILED, e.getMessage(), Map.of());
        }
        send(event, response);
        return response;
    }

    /** Update and Delete keep the resource's id; Create (and a request without one) derives it. */
    static String physicalResourceId(CloudFormationCustomResourceEvent event) {
        String given = event.getPhysicalResourceId();
        if (!"Create".equals(event.getRequestType()) && given != null && !given.isBlank()) {
            return given;
        }
        String stackId = String.valueOf(event.getStackId());
        // arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<guid>
        String[] parts = stackId.split("/");
        String stackName = parts.length >= 2 ? parts[1] : stackId;
        String id = stackName + "-" + event.getLogicalResourceId();
        return id.length() > CustomResourceResponse.MAX_PHYSICAL_ID_BYTES
                ? id.substring(0, CustomResourceResponse.MAX_PHYSICAL_ID_BYTES) : id;
    }

    private Map<String, String> run(CloudFormationCustomResourceEvent event, long budgetMillis) throws Failure {
        if (budgetMillis <= 0) {
            throw new Failure("the function had " + (budgetMillis + margin.toMillis()) + " ms left, less than the "
                    + margin.toMillis() + " ms kept for answering: nothing was done");
        }
        // A daemon thread of its own per request: a call that overran its time (and ignores the interrupt) may still
        // run while the answer goes out, and must not hold up the container's next request behind it.
        FutureTask<Map<String, String>> work = new FutureTask<>(() -> act(event));
        Thread thread = new Thread(work, "custom-resource-" + event.getRequestType());
        thread.setDaemon(true);
        thread.start();
        try {
            return work.get(budgetMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            work.cancel(true);
            throw new Failure(resourceType + " did not finish within " + budgetMillis + " ms, before the function's"
                    + " deadline; it may have been partly applied, and a retry applies it again");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            Telemetry.error("custom resource failed", "resourceType", resourceType, "requestType",
                    event.getRequestType(), "exception", cause.getClass().getName(), "exceptionMessage",
                    cause.getMessage());
            throw new Failure(cause instanceof PropertyException ? cause.getMessage()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }

    private Map<String, String> act(CloudFormationCustomResourceEvent event) {
        ResourceProperties properties = ResourceProperties.of(event.getResourceProperties());
        return switch (String.valueOf(event.getRequestType())) {
            case "Create" -> resource.create(properties);
            case "Update" -> resource.update(properties, ResourceProperties.of(event.getOldResourceProperties()));
            case "Delete" -> resource.delete(properties);
            default -> throw new IllegalArgumentException("unknown RequestType '" + event.getRequestType()
                    + "', expected Create, Update or Delete");
        };
    }

    private static CustomResourceResponse answer(CloudFormationCustomResourceEvent event, String physicalId,
                                                 String status, String reason, Map<String, String> data) {
        return new CustomResourceResponse(status, reason, physicalId, event.getStackId(), event.getRequestId(),
                event.getLogicalResourceId(), false, data);
    }

    private void send(CloudFormationCustomResourceEvent event, CustomResourceResponse response) {
        Telemetry.info("custom resource answered", "resourceType", resourceType, "requestType",
                event.getRequestType(), "physicalResourceId", response.physicalResourceId(), "status",
                response.status(), "reason", response.reason(), "data", response.data());
        try {
            responseUrl.put(event.getResponseUrl(), response.body());
        } catch (IOException e) {
            Telemetry.error("custom resource answer not delivered", "resourceType", resourceType, "requestType",
                    event.getRequestType(), "exceptionMessage", e.getMessage());
            throw new IllegalStateException(resourceType + ": the answer could not be sent: " + e.getMessage(), e);
        }
    }

    /** Why the request is answered FAILED; the message is the Reason. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String reason) {
            super(reason);
        }
    }
}
