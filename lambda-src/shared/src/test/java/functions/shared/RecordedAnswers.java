package functions.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of a test's SDK clients: every request goes on to moto through {@code delegate}, except the ones a
 * test says AWS answers differently and moto cannot be made to (an AccessDenied, since moto evaluates no policy; a
 * DeleteStack refused for termination protection, which moto ignores; a usage plan's 409 for a key it already has,
 * which moto overwrites). Those get AWS's documented answer, recorded in a JSON file under
 * {@code src/test/resources/aws/} whose {@code source} names the AWS documentation it follows. Every request,
 * answered either way, is kept as a {@link WireRequest}.
 */
public final class RecordedAnswers implements SdkHttpClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    /** An answer as AWS gives it: status, headers and body, where {@code {{Name}}} is the request's parameter. */
    public record Recorded(String resource, int status, JsonNode headers, String body) {

        String bodyFor(WireRequest request) {
            Matcher placeholder = PLACEHOLDER.matcher(body);
            return placeholder.replaceAll(m -> Matcher.quoteReplacement(String.valueOf(request.param(m.group(1)))));
        }

        public static Recorded load(String resource) {
            try (InputStream in = RecordedAnswers.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no test resource " + resource);
                }
                JsonNode file = JSON.readTree(in);
                if (!file.path("source").asText().startsWith("https://docs.aws.amazon.com/")) {
                    throw new IllegalStateException(resource + " must name the AWS documentation it follows");
                }
                return new Recorded(resource, file.get("status").asInt(), file.get("headers"),
                        file.get("body").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record Rule(Predicate<WireRequest> when, Recorded answer) {
    }

    private final SdkHttpClient delegate;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<WireRequest> sent = Collections.synchronizedList(new ArrayList<>());
    private final List<WireRequest> answered = Collections.synchronizedList(new ArrayList<>());

    public RecordedAnswers(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** From now on, requests matching {@code when} get the answer recorded in {@code resource}. */
    public RecordedAnswers answer(Predicate<WireRequest> when, String resource) {
        rules.add(new Rule(when, Recorded.load(resource)));
        return this;
    }

    /** Matches a query-protocol (or JSON-protocol) action. */
    public static Predicate<WireRequest> action(String action) {
        return request -> action.equals(request.action());
    }

    /** Every request sent, whoever answered it. */
    public List<WireRequest> sent() {
        return List.copyOf(sent);
    }

    /** The requests that got a recorded answer instead of reaching moto. */
    public List<WireRequest> answered() {
        return List.copyOf(answered);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String body = request.contentStreamProvider().map(provider -> {
            try (InputStream in = provider.newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(null);
        var wire = new WireRequest(request.httpRequest(), body);
        sent.add(wire);
        Optional<Rule> rule = rules.stream().filter(r -> r.when().test(wire)).findFirst();
        if (rule.isEmpty()) {
            return delegate.prepareRequest(request);
        }
        answered.add(wire);
        Recorded recorded = rule.get().answer();
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                var response = SdkHttpResponse.builder().statusCode(recorded.status());
                recorded.headers().fields()
                        .forEachRemaining(h -> response.putHeader(h.getKey(), h.getValue().asText()));
                return HttpExecuteResponse.builder().response(response.build())
                        .responseBody(AbortableInputStream.create(
                                new ByteArrayInputStream(recorded.bodyFor(wire).getBytes(StandardCharsets.UTF_8))))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public String clientName() {
        return "RecordedAnswers(" + delegate.clientName() + ")";
    }

    @Override
    public void close() {
        delegate.close();
    }
}
