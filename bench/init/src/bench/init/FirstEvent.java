package bench.init;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.sun.management.OperatingSystemMXBean;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, as Lambda's Java runtime does it: load the handler class, construct it (the function's init),
 * read the event with the runtime's own event serializers, handle it once. Prints the milliseconds from the JVM's
 * start to the handled event (RuntimeMXBean start time; read after the clock, so JMX's own loading is not counted)
 * on stderr, with the process's CPU time up to then: {@code FIRST_EVENT_MS <ms> <cpu ms> <outcome>}.
 *
 * <p>Usage: {@code FirstEvent <handler class | floor> <event file>}. {@code floor} is {@link Floor}: an empty
 * handler of an API Gateway event, read through the same serializer.
 */
public final class FirstEvent {

    /** The floor: nothing but the runtime's own work of reading an event and calling a handler. */
    public static final class Floor implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
        @Override
        public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
            return new APIGatewayProxyResponseEvent().withStatusCode(200);
        }
    }

    private FirstEvent() {
    }

    public static void main(String[] args) throws Exception {
        String name = "floor".equals(args[0]) ? Floor.class.getName() : args[0];
        byte[] payload = Files.readAllBytes(Path.of(args[1]));
        Object handler = Class.forName(name).getDeclaredConstructor().newInstance();
        String outcome = "returned";
        try {
            if (handler instanceof RequestStreamHandler stream) {
                stream.handleRequest(new ByteArrayInputStream(payload), new ByteArrayOutputStream(), new BenchContext());
            } else {
                Method method = handleRequest(handler.getClass());
                Class<?> type = method.getParameterTypes()[0];
                Object input = LambdaEventSerializers.serializerFor(type, FirstEvent.class.getClassLoader())
                        .fromJson(new ByteArrayInputStream(payload));
                method.invoke(handler, input, new BenchContext());
            }
        } catch (InvocationTargetException e) {
            outcome = "threw:" + e.getCause().getClass().getSimpleName();
        } catch (RuntimeException e) {
            outcome = "threw:" + e.getClass().getSimpleName();
        }
        long handled = System.currentTimeMillis();
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        // All threads' CPU (JIT compiler and GC included) since the JVM's start: on a loaded machine the wall time
        // is mostly waiting for a core; the CPU time is the work, which a function at 1024 MB (a fraction of a
        // vCPU) pays in wall time. Read after the clock, so it also counts loading JMX: the same for every row.
        long cpuNanos = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.err.println("FIRST_EVENT_MS " + (handled - started) + " " + cpuNanos / 1_000_000 + " " + outcome);
    }

    private static Method handleRequest(Class<?> type) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()
                    && m.getParameterTypes()[1] == Context.class) {
                return m;
            }
        }
        throw new IllegalArgumentException(type + " has no handleRequest(X, Context)");
    }

    private static final class BenchContext implements Context {
        @Override public String getAwsRequestId() { return "00000000-0000-4000-8000-000000000001"; }
        @Override public String getLogGroupName() { return "/aws/lambda/bench"; }
        @Override public String getLogStreamName() { return "bench"; }
        @Override public String getFunctionName() { return "bench-fn"; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:bench-fn"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.println(message); }
                @Override public void log(byte[] message) { System.out.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
