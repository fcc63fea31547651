package functions.shared;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.contexts.LambdaSegmentContext;
import com.amazonaws.xray.contexts.SegmentContextResolverChain;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.strategy.IgnoreErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import contract.Env;
import java.util.Optional;

/**
 * One X-Ray subsegment per invocation, annotated {@code TenantId} and {@code Tier}. In Lambda the function cannot
 * annotate the segment Lambda records for it (the SDK holds it as a read-only facade), so the annotations go on a
 * subsegment the SDK sends to the X-Ray daemon (UDP, {@code AWS_XRAY_DAEMON_ADDRESS}) when it ends
 * (https://docs.aws.amazon.com/lambda/latest/dg/java-tracing.html). Nothing is traced without a trace header (tracing
 * off, or outside Lambda): the Java runtime sets the system property {@code com.amazonaws.xray.traceHeader} per
 * invocation when active tracing is on. The recorder is built on the first traced invocation, so an untraced
 * function never loads the SDK; no plugins (they probe EC2/ECS metadata), and the Lambda segment context whatever
 * the environment, so a test can send to a daemon of its own.
 */
final class Traces {

    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String TRACE_HEADER_ENV = Env._X_AMZN_TRACE_ID.variable();

    private static volatile AWSXRayRecorder recorder;

    private Traces() {
    }

    /** The invocation's subsegment, begun; empty when the invocation is not traced. Never throws. */
    static Optional<Subsegment> begin(String name) {
        if (traceHeader() == null) {
            return Optional.empty();
        }
        try {
            AWSXRayRecorder current = recorder();
            // A subsegment left open by an earlier invocation on this thread must not become this one's parent.
            current.clearTraceEntity();
            Subsegment subsegment = current.beginSubsegment(name);
            if (subsegment == null || !subsegment.isRecording()) {
                // Not sampled (Sampled=0, or no Parent): the SDK hands out a no-op; drop it from the thread.
                current.clearTraceEntity();
                return Optional.empty();
            }
            return Optional.of(subsegment);
        } catch (RuntimeException | LinkageError e) {
            // A broken trace (even a class the SDK cannot load) must not fail the invocation.
            return Optional.empty();
        }
    }

    static void annotate(Optional<Subsegment> subsegment, String key, String value) {
        if (value != null) {
            try {
                subsegment.ifPresent(s -> s.putAnnotation(key, value));
            } catch (RuntimeException | LinkageError e) {
                // As in begin.
            }
        }
    }

    /**
     * Ends (and so sends) the subsegment; never throws. {@code thrown}: the invocation failed; {@code status}: the
     * HTTP status an API function answered (0 for other functions): 5xx is a fault, 4xx an error (429 also a
     * throttle), as X-Ray's segment documents define them
     * (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html).
     */
    static void end(Optional<Subsegment> subsegment, boolean thrown, int status) {
        subsegment.ifPresent(s -> {
            try {
                if (thrown || status >= 500) {
                    s.setFault(true);
                } else if (status >= 400) {
                    s.setError(true);
                    if (status == 429) {
                        s.setThrottle(true);
                    }
                }
                recorder().endSubsegment();
            } catch (RuntimeException | LinkageError e) {
                // A lost trace must not fail the invocation.
            }
        });
    }

    /** Drops the recorder, so the next traced invocation builds one from the current settings (tests' daemons). */
    static void rebuild() {
        synchronized (Traces.class) {
            recorder = null;
        }
    }

    /** Builds the recorder now (function init) instead of on the first traced invocation. */
    static void prime() {
        recorder();
    }

    private static String traceHeader() {
        String property = System.getProperty(TRACE_HEADER_PROPERTY);
        return property != null && !property.isBlank() ? property : System.getenv(TRACE_HEADER_ENV);
    }

    private static AWSXRayRecorder recorder() {
        AWSXRayRecorder current = recorder;
        if (current == null) {
            synchronized (Traces.class) {
                if (recorder == null) {
                    SegmentContextResolverChain lambdaOnly = new SegmentContextResolverChain();
                    lambdaOnly.addResolver(LambdaSegmentContext::new);
                    recorder = AWSXRayRecorderBuilder.standard()
                            .withSegmentContextResolverChain(lambdaOnly)
                            .withSamplingStrategy(new AllSamplingStrategy())
                            .withContextMissingStrategy(new IgnoreErrorContextMissingStrategy())
                            .build();
                }
                current = recorder;
            }
        }
        return current;
    }
}
