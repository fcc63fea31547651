package functions.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The IAM policy evaluator the isolation tests trust instead of their own reading of IAM: {@code @cloud-copilot/
 * iam-simulate} (pinned in test-tools/package.json), driven by test-tools/simulate.mjs under {@code node}. One node
 * process evaluates a whole batch of requests for one principal and its policies.
 */
final class IamSimulator {

    /** Set by surefire (lambda-src/pom.xml) to test-tools/simulate.mjs. */
    static final String SCRIPT_PROPERTY = "iamSimulate.script";
    static final String ACCOUNT = "111122223333";

    /**
     * One request: an IAM action on a resource ARN, {@code dynamodb:LeadingKeys} (absent when null), other context
     * keys, and the resource's policy (JSON, or null for none; a KMS key needs one, or IAM policies count for nothing).
     */
    record Request(String action, String resource, List<String> leadingKeys, Map<String, String> context,
                   String resourcePolicy) {
        Request(String action, String resource, List<String> leadingKeys) {
            this(action, resource, leadingKeys, Map.of(), null);
        }
    }

    /** The evaluator's answer: Allowed, ImplicitlyDenied, ExplicitlyDenied, or Error (it refused the input). */
    record Decision(Request request, String decision, String error) {
        boolean allowed() {
            return "Allowed".equals(decision);
        }

        boolean denied() {
            return "ImplicitlyDenied".equals(decision) || "ExplicitlyDenied".equals(decision);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IamSimulator() {
    }

    /**
     * Evaluates each request as made by {@code principal} (an assumed-role session ARN) whose role has
     * {@code rolePolicy} and whose session has {@code sessionPolicy} (JSON text); no SCPs, no resource policy.
     */
    static List<Decision> evaluate(String principal, String rolePolicy, String sessionPolicy, List<Request> requests) {
        ObjectNode input = MAPPER.createObjectNode().put("principal", principal).put("accountId", ACCOUNT);
        input.putArray("identityPolicies").addObject().put("name", "TenantAccessRolePolicy")
                .set("policy", read(rolePolicy));
        input.set("sessionPolicy", read(sessionPolicy));
        ArrayNode array = input.putArray("requests");
        for (Request request : requests) {
            ObjectNode node = array.addObject().put("action", request.action()).put("resource", request.resource());
            ObjectNode context = node.putObject("context");
            request.context().forEach(context::put);
            if (request.resourcePolicy() != null) {
                node.set("resourcePolicy", read(request.resourcePolicy()));
            }
            if (request.leadingKeys() != null) {
                request.leadingKeys().forEach(context.putArray("dynamodb:LeadingKeys")::add);
            }
        }
        JsonNode output = run(input.toString());
        if (!output.isArray() || output.size() != requests.size()) {
            throw new IllegalStateException("simulate.mjs answered " + output.size() + " decisions for "
                    + requests.size() + " requests: " + output);
        }
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            JsonNode d = output.get(i);
            decisions.add(new Decision(requests.get(i), d.get("decision").asText(),
                    d.has("error") ? d.get("error").asText() : null));
        }
        return decisions;
    }

    private static JsonNode run(String input) {
        Path script = script();
        try {
            Process node = new ProcessBuilder("node", script.toString())
                    .directory(script.getParent().toFile()).start();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(node, false));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(node, true));
            try (OutputStream in = node.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!node.waitFor(120, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new IllegalStateException("simulate.mjs did not finish within 120 s");
            }
            if (node.exitValue() != 0) {
                throw new IllegalStateException("simulate.mjs exited " + node.exitValue() + ": " + stderr.join());
            }
            return MAPPER.readTree(stdout.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulate.mjs ran", e);
        }
    }

    private static String readAll(Process process, boolean error) {
        try {
            return new String((error ? process.getErrorStream() : process.getInputStream()).readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path script() {
        String configured = System.getProperty(SCRIPT_PROPERTY);
        Path script = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.dir"), "test-tools", "simulate.mjs");
        Path library = script.resolveSibling(Path.of("node_modules", "@cloud-copilot", "iam-simulate"));
        if (!Files.isRegularFile(script) || !Files.isDirectory(library)) {
            throw new IllegalStateException("simulate.mjs or @cloud-copilot/iam-simulate is missing next to " + script
                    + ": run 'mvn generate-test-resources' in lambda-src (it runs npm ci in test-tools)");
        }
        return script;
    }
}
