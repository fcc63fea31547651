package functions.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * CodePipeline's {@code StartPipelineExecution} on loopback, recording each call. A double, because moto 5.2.1 does
 * not implement it (its CodePipeline backend answers {@code NotImplementedError} for StartPipelineExecution and
 * ListPipelineExecutions; it only stores pipeline definitions). It speaks the real wire protocol (JSON 1.1,
 * {@code X-Amz-Target: CodePipeline_20150709.StartPipelineExecution}), so the function's own SDK client is what the
 * test exercises; every other operation is refused as unknown.
 */
final class CodePipelineRecorder implements AutoCloseable {

    record Start(String pipelineName, String clientRequestToken) {
    }

    private static final String TARGET = "CodePipeline_20150709.StartPipelineExecution";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Start> starts = new ArrayList<>();

    CodePipelineRecorder() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized List<Start> starts() {
        return List.copyOf(starts);
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!TARGET.equals(target) || !body.hasNonNull("name")) {
            respond(exchange, 400, "{\"__type\":\"UnknownOperationException\",\"message\":\"" + target + "\"}");
            return;
        }
        synchronized (this) {
            starts.add(new Start(body.get("name").asText(),
                    body.hasNonNull("clientRequestToken") ? body.get("clientRequestToken").asText() : null));
        }
        respond(exchange, 200, "{\"pipelineExecutionId\":\"" + UUID.randomUUID() + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
