package functions.bootstrap;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every custom resource entry point does inside {@code Telemetry.invoke}. */
final class CustomResourceHandlers {

    // Lambda's test console and unit tests may pass no context: then a generous fixed budget.
    private static final long NO_CONTEXT_MILLIS = 60_000;

    private CustomResourceHandlers() {
    }

    /** Answers the request; returns the answer's Status, Reason and PhysicalResourceId (the invocation's result). */
    static Map<String, Object> handle(CustomResourceProvider provider, CloudFormationCustomResourceEvent event,
                                      Context context) {
        long remaining = context == null ? NO_CONTEXT_MILLIS : context.getRemainingTimeInMillis();
        CustomResourceResponse response = provider.handle(event, remaining);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Status", response.status());
        result.put("Reason", response.reason());
        result.put("PhysicalResourceId", response.physicalResourceId());
        return result;
    }
}
