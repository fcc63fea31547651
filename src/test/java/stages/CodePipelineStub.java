package stages;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import testsupport.PythonTools;

/**
 * CodePipeline's JSON 1.1 API on loopback for the script tests (moto 5.2.1 implements neither ListPipelineExecutions
 * nor ListActionExecutions): the operation from X-Amz-Target, answers in the shapes of
 * https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ListPipelineExecutions.html and
 * https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ListActionExecutions.html, set by the test.
 */
record CodePipelineStub(HttpServer server, List<String> requests, List<String> executions,
                                Map<String, List<String>> actions) implements AutoCloseable {
    static CodePipelineStub start() throws IOException {
        var stub = new CodePipelineStub(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                0), 0), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), new ConcurrentHashMap<>());
        stub.server.createContext("/", exchange -> {
            var operation = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                    .replaceFirst("^CodePipeline_20150709\\.", "");
            var request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("\":\"", "\": \"").replaceAll("\":\\{", "\": {");
            stub.requests.add(operation + " " + request);
            var body = switch (operation) {
                case "ListPipelineExecutions" ->
                        "{\"pipelineExecutionSummaries\": [" + String.join(", ", stub.executions) + "]}";
                case "ListActionExecutions" -> "{\"actionExecutionDetails\": [" + String.join(", ",
                        stub.actions.getOrDefault(request.replaceAll(".*\"pipelineExecutionId\": \"([^\"]+)\".*",
                                "$1"), List.of())) + "]}";
                default -> null;
            };
            var bytes = (body == null ? "{\"__type\": \"UnknownOperationException\"}" : body)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(body == null ? 400 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stub.server.start();
        return stub;
    }

    /** A script's outcome: exit status, stdout, stderr. */
    record ScriptRun(int exit, String out, String err) {
    }

    /**
     * Starts {@code scripts/<script>} with bash and the real AWS CLI pointed at this stub (static test credentials,
     * us-east-1, no other AWS_ variable of the test's environment), its output to files in {@code dir}.
     */
    Process startScript(java.nio.file.Path dir, String script, Map<String, String> env) throws IOException {
        var builder = new ProcessBuilder(app.LowPriority.command("bash", "scripts/" + script))
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().putAll(Map.of("AWS_ENDPOINT_URL", url(), "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing", "AWS_DEFAULT_REGION", "us-east-1"));
        builder.environment().put("PATH", PythonTools.path());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Waits (at most 120 s) for a script {@link #startScript started} with output in {@code dir}. */
    static ScriptRun finish(Process process, java.nio.file.Path dir) throws Exception {
        if (!process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the script did not finish within 120 s");
        }
        return new ScriptRun(process.exitValue(), java.nio.file.Files.readString(dir.resolve("out")),
                java.nio.file.Files.readString(dir.resolve("err")));
    }

    void executions(String... summaries) {
        executions.addAll(List.of(summaries));
    }

    /** What ListPipelineExecutions answers from now on, instead of the summaries set before. */
    void replaceExecutions(String... summaries) {
        executions.clear();
        executions.addAll(List.of(summaries));
    }

    void actions(String execution, String... details) {
        actions.put(execution, List.of(details));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
