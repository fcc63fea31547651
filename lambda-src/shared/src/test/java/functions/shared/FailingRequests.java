package functions.shared;

import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Fails every SDK request {@code when} matches, before it is sent, as a network or service fault would. */
public final class FailingRequests implements ExecutionInterceptor {

    private final Predicate<SdkRequest> when;
    private int failures;

    public FailingRequests(Predicate<SdkRequest> when) {
        this.when = when;
    }

    public int failures() {
        return failures;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (when.test(context.request())) {
            failures++;
            throw SdkClientException.create("injected failure of " + context.request().getClass().getSimpleName());
        }
    }
}
