package bench.registration;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts and times every DynamoDB operation of every SDK client in the JVM, registered as an SDK global interceptor
 * (resource {@code software/amazon/awssdk/global/handlers/execution.interceptors}), so the service's client is
 * built by the production factory unchanged. Per operation: calls, HTTP attempts (more attempts than calls means
 * SDK retries), failures and the client-side latency of the whole call.
 */
public final class DynamoCallCounter implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.started");
    private static final Map<String, Operation> OPERATIONS = new ConcurrentHashMap<>();

    /** One operation's counters; latency in microseconds. */
    static final class Operation {
        final LongAdder calls = new LongAdder();
        final LongAdder attempts = new LongAdder();
        final LongAdder failures = new LongAdder();
        final Histogram micros = new ConcurrentHistogram(60_000_000L, 3);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (isDynamo(attributes)) {
            attributes.putAttribute(STARTED, System.nanoTime());
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (isDynamo(attributes)) {
            operation(attributes).attempts.increment();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        finish(attributes, false);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        finish(attributes, true);
    }

    /** Forgets everything counted so far (between phases). */
    static void reset() {
        OPERATIONS.clear();
    }

    /** What was counted since the last reset, by operation name. */
    static Map<String, Operation> snapshot() {
        return new TreeMap<>(OPERATIONS);
    }

    private static void finish(ExecutionAttributes attributes, boolean failed) {
        Long started = attributes.getAttribute(STARTED);
        if (started == null) {
            return;
        }
        Operation operation = operation(attributes);
        operation.calls.increment();
        if (failed) {
            operation.failures.increment();
        }
        operation.micros.recordValue(Math.min((System.nanoTime() - started) / 1_000, 60_000_000L));
    }

    private static Operation operation(ExecutionAttributes attributes) {
        return OPERATIONS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                name -> new Operation());
    }

    private static boolean isDynamo(ExecutionAttributes attributes) {
        // The SDK names the service "DynamoDb" here; the client constant says "dynamodb".
        return "dynamodb".equalsIgnoreCase(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    }
}
