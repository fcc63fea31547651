package functions.offboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The sample plan under {@code src/test/resources/offboard}: the fleet sharded over two pipelines, 9 stacks in
 * 5 environments (111111111111/us-east-1 baseline; 222222222222/us-east-1 pooled tiers; silo tenants acme and
 * hooli in 333333333333/eu-west-1, globex in 333333333333/us-west-2, initech and umbrella in
 * 444444444444/eu-west-1). Also the broken variants, one per rule of {@link FleetPlanReader}.
 */
final class Plans {

    /** The environments of the sample plan ({@link #SAMPLE}). */
    static final Env BASELINE = new Env("111111111111", "us-east-1");
    static final Env POOLED = new Env("222222222222", "us-east-1");
    static final Env EU_333 = new Env("333333333333", "eu-west-1");
    static final Env US_333 = new Env("333333333333", "us-west-2");
    static final Env EU_444 = new Env("444444444444", "eu-west-1");
    static final String SAMPLE = "offboard/fleet-plan.json";
    /** After every silo tenant left: the baseline and the three pooled tiers only. */
    static final String NO_SILO = "offboard/fleet-plan-no-silo.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Plans() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Plans.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FleetPlan sample() {
        return FleetPlanReader.read(bytes(SAMPLE));
    }

    /** The sample plan with one edit applied. */
    static byte[] edited(Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(bytes(SAMPLE));
            edit.accept(root);
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** pipelines[p].waves[w].stacks[s] of the sample. */
    static ObjectNode stack(ObjectNode root, int p, int w, int s) {
        return (ObjectNode) root.get("pipelines").get(p).get("waves").get(w).get("stacks").get(s);
    }

    private static ObjectNode pipeline(ObjectNode root, int p) {
        return (ObjectNode) root.get("pipelines").get(p);
    }

    private static byte[] text(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** (description, plan bytes, a fragment the error message must contain). */
    static List<Arguments> malformed() {
        String canaryStack0 = "pipeline 'saas-fleet-01' (pipelines[0]) waves[1] ('Canary') stacks[0]";
        String acme = canaryStack0 + " ('saas-silo-acme')";
        return List.of(
                Arguments.of("empty payload", new byte[0], "expected a JSON object"),
                Arguments.of("not JSON", text("{\"pipelines\": ["), "not valid JSON"),
                Arguments.of("trailing garbage", text("{\"pipelines\": []} x"), "not valid JSON"),
                Arguments.of("duplicate key", text("{\"pipelines\": [], \"pipelines\": []}"), "not valid JSON"),
                Arguments.of("array root", text("[]"), "expected a JSON object"),
                Arguments.of("no pipelines", text("{}"), "'pipelines' must be a non-empty array"),
                Arguments.of("empty pipelines", edited(r -> r.putArray("pipelines")),
                        "'pipelines' must be a non-empty array"),
                Arguments.of("pipeline without name", edited(r -> pipeline(r, 1).remove("name")),
                        "pipelines[1]: 'name' is required"),
                Arguments.of("pipeline listed twice", edited(r -> pipeline(r, 1).put("name", "saas-fleet-01")),
                        "pipeline 'saas-fleet-01' (pipelines[1]) is listed twice"),
                Arguments.of("pipeline without waves", edited(r -> pipeline(r, 1).remove("waves")),
                        "pipeline 'saas-fleet-02' (pipelines[1]) has no stacks"),
                Arguments.of("pipeline with empty waves", edited(r -> {
                    for (var wave : pipeline(r, 1).get("waves")) {
                        ((ObjectNode) wave).putArray("stacks");
                    }
                }), "pipeline 'saas-fleet-02' (pipelines[1]) has no stacks"),
                Arguments.of("wave without stacks", edited(r -> ((ObjectNode) pipeline(r, 1).get("waves").get(0))
                        .remove("stacks")), "pipeline 'saas-fleet-02' (pipelines[1]) waves[0] ('Wave-01'): 'stacks'"),
                Arguments.of("stackCount disagrees", edited(r -> pipeline(r, 0).put("stackCount", 5)),
                        "pipeline 'saas-fleet-01' (pipelines[0]): 'stackCount' is 5 but its waves list 6"),
                Arguments.of("stack without stackName", edited(r -> stack(r, 0, 1, 0).remove("stackName")),
                        canaryStack0 + ": 'stackName' is required"),
                Arguments.of("stack with bad stackName", edited(r -> stack(r, 0, 1, 0).put("stackName", "saas silo")),
                        canaryStack0 + " ('saas silo'): 'stackName' must be a CloudFormation stack name"),
                Arguments.of("stack without account", edited(r -> stack(r, 0, 1, 0).remove("account")),
                        acme + ": 'account' is required"),
                Arguments.of("11-digit account", edited(r -> stack(r, 0, 1, 0).put("account", "33333333333")),
                        acme + ": 'account' must be exactly 12 digits, got '33333333333'"),
                Arguments.of("numeric account", edited(r -> stack(r, 0, 1, 0).put("account", 333333333333L)),
                        acme + ": 'account' is required (a non-empty string), got 333333333333"),
                Arguments.of("stack without region", edited(r -> stack(r, 0, 1, 0).putNull("region")),
                        acme + ": 'region' is required"),
                Arguments.of("malformed region", edited(r -> stack(r, 0, 1, 0).put("region", "Europe (Ireland)")),
                        acme + ": 'region' must be an AWS region like us-east-1, got 'Europe (Ireland)'"),
                Arguments.of("unknown kind", edited(r -> stack(r, 0, 1, 0).put("kind", "SILO")),
                        acme + ": 'kind' must be one of [BASELINE, POOLED_TIER, SILO_TENANT], got 'SILO'"),
                Arguments.of("silo stack without tenantId", edited(r -> stack(r, 0, 1, 0).putNull("tenantId")),
                        acme + ": 'tenantId' is required for a SILO_TENANT stack"),
                Arguments.of("pooled stack with tenantId", edited(r -> stack(r, 0, 1, 1).put("tenantId", "acme")),
                        "stacks[1] ('saas-pooled-basic'): 'tenantId' is required for a SILO_TENANT stack and must "
                                + "be null for POOLED_TIER"),
                Arguments.of("stack that is not an object", edited(r -> ((ArrayNode) pipeline(r, 1).get("waves")
                        .get(1).get("stacks")).add("saas-silo-extra")),
                        "pipeline 'saas-fleet-02' (pipelines[1]) waves[1] ('Wave-02') stacks[1] must be an object"));
    }
}
