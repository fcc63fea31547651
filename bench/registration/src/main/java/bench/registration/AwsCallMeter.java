package bench.registration;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Meters every AWS call of every SDK client in the JVM, registered as an SDK global interceptor (resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}), so the service's clients are built by the
 * production code unchanged. Per service and operation: calls, HTTP attempts (more attempts than calls means SDK
 * retries), the HTTP statuses other than 2xx, failures, client-side latency, request body bytes and the calling thread's CPU time inside the SDK
 * (marshalling, signing, HTTP, unmarshalling: the clients are synchronous, so the call runs on the caller's thread).
 * Counts go to the {@link Meter} set with {@link #meterInto}.
 *
 * <p>It also records, on a thread that asked for it ({@link #startRecording}), each call's request and its
 * response or failure, in order: what the floor replays.
 */
public final class AwsCallMeter implements ExecutionInterceptor {

    /** One call as it went: the request object, and its response or the exception it ended in. */
    record Call(SdkRequest request, SdkResponse response, Throwable failure) {
    }

    /** Counters of one operation; latency in microseconds. */
    static final class Operation {
        final LongAdder calls = new LongAdder();
        final LongAdder attempts = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder cpuNanos = new LongAdder();
        final LongAdder requestBytes = new LongAdder();
        final Histogram micros = new ConcurrentHistogram(60_000_000L, 3);
        /** HTTP answers other than 2xx, by status: a 5xx or 429 the SDK retried shows up here. */
        final Map<Integer, LongAdder> errorStatuses = new ConcurrentHashMap<>();
    }

    /** The operations of one side of the bench, by {@code "<service> <operation>"}. */
    static final class Meter {
        private final Map<String, Operation> operations = new ConcurrentHashMap<>();

        Map<String, Operation> operations() {
            return new TreeMap<>(operations);
        }

        Operation operation(String name) {
            return operations.computeIfAbsent(name, n -> new Operation());
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.started");
    private static final ExecutionAttribute<Long> CPU_STARTED = new ExecutionAttribute<>("bench.cpuStarted");
    private static final ThreadLocal<List<Call>> RECORDING = new ThreadLocal<>();
    private static volatile Meter meter = new Meter();

    /** Counts from now on go to {@code into}. */
    static void meterInto(Meter into) {
        meter = into;
    }

    /** Records this thread's calls until {@link #stopRecording}. */
    static void startRecording() {
        RECORDING.set(new ArrayList<>());
    }

    /** This thread's calls since {@link #startRecording}, in order. */
    static List<Call> stopRecording() {
        List<Call> calls = RECORDING.get();
        RECORDING.remove();
        return calls == null ? List.of() : calls;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(CPU_STARTED, THREADS.getCurrentThreadCpuTime());
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Operation operation = meter.operation(name(attributes));
        operation.attempts.increment();
        context.requestBody().flatMap(body -> body.optionalContentLength()).ifPresent(operation.requestBytes::add);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        int status = context.httpResponse().statusCode();
        if (status >= 300) {
            meter.operation(name(attributes)).errorStatuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        finish(attributes, context.request(), context.response(), null);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        finish(attributes, context.request(), null, context.exception());
    }

    private static void finish(ExecutionAttributes attributes, SdkRequest request, SdkResponse response,
                               Throwable failure) {
        Long started = attributes.getAttribute(STARTED);
        if (started == null) {
            return;
        }
        long micros = (System.nanoTime() - started) / 1_000;
        Operation operation = meter.operation(name(attributes));
        operation.calls.increment();
        if (failure != null) {
            operation.failures.increment();
        }
        operation.micros.recordValue(Math.min(micros, 60_000_000L));
        List<Call> recording = RECORDING.get();
        if (recording != null) {
            recording.add(new Call(request, response, failure));
        }
        operation.cpuNanos.add(THREADS.getCurrentThreadCpuTime() - attributes.getAttribute(CPU_STARTED));
    }

    private static String name(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }
}
