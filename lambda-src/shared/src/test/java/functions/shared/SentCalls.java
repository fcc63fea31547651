package functions.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every call an SDK client sends, as it leaves the client (signed), and the answer it got: the typed
 * request and response, and the {@link WireRequest}. Not a double: the calls still go to moto; this only keeps
 * what was sent, for the assertions about it (which role, which session policy, which credentials signed).
 */
public final class SentCalls implements ExecutionInterceptor {

    private static final ExecutionAttribute<Call> CALL = new ExecutionAttribute<>("SentCalls.call");

    /** One attempt of one call. {@code response} is null until (and unless) an answer was unmarshalled. */
    public static final class Call {
        private final String operation;
        private final SdkRequest request;
        private final WireRequest wire;
        private volatile SdkResponse response;

        Call(String operation, SdkRequest request, WireRequest wire) {
            this.operation = operation;
            this.request = request;
            this.wire = wire;
        }

        public String operation() {
            return operation;
        }

        public WireRequest wire() {
            return wire;
        }

        public <T extends SdkRequest> T request(Class<T> type) {
            return type.cast(request);
        }

        public <T extends SdkResponse> T response(Class<T> type) {
            return type.cast(response);
        }

        @Override
        public String toString() {
            return operation + " " + request;
        }
    }

    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String operation) {
        return calls().stream().filter(c -> c.operation().equals(operation)).toList();
    }

    public List<String> operations() {
        return calls().stream().map(Call::operation).toList();
    }

    public void clear() {
        calls.clear();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        // The query protocol's form is moved into the request itself, not the context's body.
        Optional<ContentStreamProvider> content = context.requestBody().map(RequestBody::contentStreamProvider)
                .or(() -> context.httpRequest() instanceof SdkHttpFullRequest full
                        ? full.contentStreamProvider() : Optional.empty());
        String body = content.map(provider -> {
            try (InputStream in = provider.newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(null);
        var call = new Call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request(),
                new WireRequest(context.httpRequest(), body));
        attributes.putAttribute(CALL, call);
        calls.add(call);
    }

    @Override
    public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
        Call call = attributes.getAttribute(CALL);
        if (call != null) {
            call.response = context.response();
        }
    }
}
