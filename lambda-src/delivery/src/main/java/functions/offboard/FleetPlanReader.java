package functions.offboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads {@code fleet-plan.json} as the synth writes it ({@code stages.FleetPlan#toJson}) and refuses anything it
 * cannot fully trust: a stack the reader skipped would look orphaned and be deleted. Fields the offboarder does
 * not use (tier, canary, counts other than {@code stackCount}) are not checked, so the plan may grow.
 */
final class FleetPlanReader {

    static final Set<String> KINDS = Set.of("BASELINE", "POOLED_TIER", "SILO_TENANT");
    static final String SILO_TENANT = "SILO_TENANT";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    // Commercial, China, GovCloud and ISO regions alike: us-east-1, cn-north-1, us-gov-west-1, us-isob-east-1.
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
    // CloudFormation's own rule for stack names.
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");

    private FleetPlanReader() {
    }

    /** What the pipeline asks of the offboarder with a plan: the payload's optional top-level {@code mode}. */
    enum Mode {
        /** After the last wave: delete the stacks of tenants that left ({@link Offboarder}); the default. */
        OFFBOARD,
        /** Before the first wave: delete planned stacks a failed first create left behind ({@link StuckStacks}). */
        CLEAR_STUCK
    }

    /** The payload's {@code mode}: absent or {@code "offboard"}, or {@code "clear-stuck"}; anything else throws. */
    static Mode mode(byte[] json) {
        JsonNode mode;
        try {
            mode = MAPPER.readTree(json).get("mode");
        } catch (IOException e) {
            throw new PlanException("unreadable: " + e.getMessage());
        }
        if (mode == null || mode.isTextual() && mode.asText().equals("offboard")) {
            return Mode.OFFBOARD;
        }
        if (mode.isTextual() && mode.asText().equals("clear-stuck")) {
            return Mode.CLEAR_STUCK;
        }
        throw new PlanException("'mode' must be \"offboard\" or \"clear-stuck\", got " + describe(mode));
    }

    /** Parses the plan or throws {@link PlanException} naming the first problem. */
    static FleetPlan read(byte[] json) {
        JsonNode root;
        try {
            root = json == null || json.length == 0 ? null : MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PlanException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PlanException("unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PlanException("expected a JSON object with 'pipelines', got " + describe(root));
        }
        JsonNode pipelines = root.get("pipelines");
        if (pipelines == null || !pipelines.isArray() || pipelines.isEmpty()) {
            throw new PlanException("'pipelines' must be a non-empty array, got " + describe(pipelines));
        }
        List<String> names = new ArrayList<>();
        List<ExpectedStack> stacks = new ArrayList<>();
        for (int i = 0; i < pipelines.size(); i++) {
            String name = readPipeline(pipelines.get(i), i, stacks);
            if (names.contains(name)) {
                throw new PlanException("pipeline '" + name + "' (pipelines[" + i + "]) is listed twice");
            }
            names.add(name);
        }
        return new FleetPlan(names, stacks);
    }

    private static String readPipeline(JsonNode pipeline, int index, List<ExpectedStack> into) {
        String where = "pipelines[" + index + "]";
        if (!pipeline.isObject()) {
            throw new PlanException(where + " must be an object, got " + describe(pipeline));
        }
        String name = text(pipeline, "name");
        if (name == null) {
            throw new PlanException(where + ": 'name' is required");
        }
        where = "pipeline '" + name + "' (" + where + ")";
        JsonNode waves = pipeline.get("waves");
        if (waves != null && !waves.isArray()) {
            throw new PlanException(where + ": 'waves' must be an array, got " + describe(waves));
        }
        int before = into.size();
        for (int w = 0; waves != null && w < waves.size(); w++) {
            readWave(waves.get(w), where + " waves[" + w + "]", name, into);
        }
        int count = into.size() - before;
        if (count == 0) {
            throw new PlanException(where + " has no stacks; a pipeline always deploys at least one");
        }
        JsonNode stackCount = pipeline.get("stackCount");
        if (stackCount != null && (!stackCount.isInt() || stackCount.intValue() != count)) {
            throw new PlanException(where + ": 'stackCount' is " + stackCount + " but its waves list " + count
                    + " stacks; the plan is incomplete or edited");
        }
        return name;
    }

    private static void readWave(JsonNode wave, String where, String pipeline, List<ExpectedStack> into) {
        if (!wave.isObject()) {
            throw new PlanException(where + " must be an object, got " + describe(wave));
        }
        String name = text(wave, "name");
        String at = name == null ? where : where + " ('" + name + "')";
        JsonNode stacks = wave.get("stacks");
        if (stacks == null || !stacks.isArray()) {
            throw new PlanException(at + ": 'stacks' must be an array, got " + describe(stacks));
        }
        for (int s = 0; s < stacks.size(); s++) {
            into.add(readStack(stacks.get(s), at + " stacks[" + s + "]", pipeline));
        }
    }

    private static ExpectedStack readStack(JsonNode stack, String where, String pipeline) {
        if (!stack.isObject()) {
            throw new PlanException(where + " must be an object, got " + describe(stack));
        }
        String stackName = required(stack, "stackName", where);
        where = where + " ('" + stackName + "')";
        check(STACK_NAME.matcher(stackName).matches(), where, "stackName", "a CloudFormation stack name", stackName);
        String account = required(stack, "account", where);
        check(ACCOUNT.matcher(account).matches(), where, "account", "exactly 12 digits", account);
        String region = required(stack, "region", where);
        check(REGION.matcher(region).matches(), where, "region", "an AWS region like us-east-1", region);
        String kind = required(stack, "kind", where);
        check(KINDS.contains(kind), where, "kind", "one of " + new TreeSet<>(KINDS), kind);
        JsonNode tenantNode = stack.get("tenantId");
        String tenantId = text(stack, "tenantId");
        if (tenantNode != null && !tenantNode.isNull() && tenantId == null) {
            throw new PlanException(where + ": 'tenantId' must be a non-empty string or null, got " + tenantNode);
        }
        if (SILO_TENANT.equals(kind) != (tenantId != null)) {
            throw new PlanException(where + ": 'tenantId' is required for a SILO_TENANT stack and must be null for "
                    + kind + ", got " + describe(tenantNode));
        }
        return new ExpectedStack(pipeline, kind, stackName, tenantId, new Env(account, region));
    }

    private static String required(JsonNode node, String field, String where) {
        String value = text(node, field);
        if (value == null) {
            throw new PlanException(where + ": '" + field + "' is required (a non-empty string), got "
                    + describe(node.get(field)));
        }
        return value;
    }

    private static void check(boolean ok, String where, String field, String rule, String value) {
        if (!ok) {
            throw new PlanException(where + ": '" + field + "' must be " + rule + ", got '" + value + "'");
        }
    }

    /** The field's string value, or null when it is absent, null, not a string or blank. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
