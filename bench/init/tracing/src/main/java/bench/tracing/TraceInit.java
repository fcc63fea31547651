package bench.tracing;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.contexts.LambdaSegmentContext;
import com.amazonaws.xray.contexts.SegmentContextResolverChain;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.strategy.IgnoreErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * One cold start's tracing: build the tracer and send one span annotated TenantId and Tier, in a fresh JVM. Prints
 * {@code FIRST_SPAN_MS <ms>} (JVM start to the span sent) on stderr. Modes: {@code xray} (as functions.shared.Traces
 * does it: Lambda segment context, subsegment to the daemon over UDP), {@code otel} (SDK tracer provider, simple
 * processor, OTLP/HTTP exporter to the local collector port as the ADOT layer provides it), {@code none} (the floor).
 */
public final class TraceInit {

    private TraceInit() {
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "xray" -> xray();
            case "otel" -> otel();
            default -> { }
        }
        long done = System.currentTimeMillis();
        System.err.println("FIRST_SPAN_MS " + (done - ManagementFactory.getRuntimeMXBean().getStartTime()));
    }

    private static void xray() {
        System.setProperty("com.amazonaws.xray.traceHeader",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        SegmentContextResolverChain lambda = new SegmentContextResolverChain();
        lambda.addResolver(LambdaSegmentContext::new);
        AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().withSegmentContextResolverChain(lambda)
                .withSamplingStrategy(new AllSamplingStrategy())
                .withContextMissingStrategy(new IgnoreErrorContextMissingStrategy()).build();
        Subsegment subsegment = recorder.beginSubsegment("product");
        subsegment.putAnnotation("TenantId", "acme");
        subsegment.putAnnotation("Tier", "BASIC");
        recorder.endSubsegment();
    }

    private static void otel() {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint("http://127.0.0.1:4318/v1/traces")
                .setTimeout(Duration.ofSeconds(2)).build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        Tracer tracer = OpenTelemetrySdk.builder().setTracerProvider(provider).build().getTracer("product");
        Span span = tracer.spanBuilder("product").startSpan();
        span.setAttribute("TenantId", "acme");
        span.setAttribute("Tier", "BASIC");
        span.end();
        provider.forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
    }
}
