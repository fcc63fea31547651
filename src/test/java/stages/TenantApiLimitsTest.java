package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The tenant APIs' limits as API Gateway and WAF apply them: the stage throttle is shared by every caller of the
 * stage (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html), WAF
 * counts per source IP over the rule's window, and WAF's size rule compares the body's bytes with its limit. Values
 * are read from the synthesized templates, so a test fails when what is deployed disagrees with the rule.
 */
class TenantApiLimitsTest {

    private static final SynthesizedFleet FLEET = SynthesizedFleet.shipped();

    /** A tier's ceiling must admit many tenants at their full key rate at once. */
    private static final int TENANTS_AT_FULL_RATE = 10;

    // The order function's validation, loaded from the jar and layer the stacks deploy (functions.order.OrderInput).
    private static URLClassLoader functions;
    private static Method readBody;
    private static Method toOrder;
    private static Class<?> orderInput;

    @BeforeAll
    static void loadOrderValidation() throws Exception {
        functions = DeployedCode.loader(contract.Family.TENANT_API, ClassLoader.getPlatformClassLoader());
        orderInput = functions.loadClass("functions.order.OrderInput");
        readBody = functions.loadClass("functions.shared.Json").getMethod("readBody", String.class, Class.class);
        toOrder = orderInput.getDeclaredMethod("toOrder", String.class);
        toOrder.setAccessible(true);
    }

    @AfterAll
    static void close() throws Exception {
        functions.close();
    }

    @Test
    void pooledStageThrottleIsTheTiersCeilingWellAboveOneKeysRateAndTheUsagePlanKeepsTheKeysRate() {
        for (var stack : FLEET.stacks.pooledTiers()) {
            var limits = TierProfile.of(contract.Tier.valueOf(
                    stack.getStackName().substring("saas-pooled-".length()).toUpperCase())).limits();
            var template = FLEET.template(stack);
            var stage = stageThrottle(template);
            var perKey = usagePlanThrottle(template);
            assertTrue(stage.get(0) >= TENANTS_AT_FULL_RATE * perKey.get(0), stack.getStackName()
                    + ": stage rate " + stage.get(0) + " admits " + TENANTS_AT_FULL_RATE + " keys at " + perKey.get(0));
            assertTrue(stage.get(1) >= TENANTS_AT_FULL_RATE * perKey.get(1), stack.getStackName()
                    + ": stage burst " + stage.get(1) + " admits " + TENANTS_AT_FULL_RATE + " keys' bursts");
            assertEquals(List.of(limits.stage().ratePerSecond(), (double) limits.stage().burst()), stage,
                    stack.getStackName() + ": the stage throttle is the tier's ceiling");
            assertEquals(List.of(limits.perKey().ratePerSecond(), (double) limits.perKey().burst()), perKey,
                    stack.getStackName() + ": the usage plan keeps each key's rate");
        }
    }

    @Test
    void siloStageThrottleIsAboveItsTenantsKeyRate() {
        for (var stack : FLEET.stacks.siloTenants()) {
            var template = FLEET.template(stack);
            var stage = stageThrottle(template);
            var perKey = usagePlanThrottle(template);
            assertTrue(stage.get(0) > perKey.get(0) && stage.get(1) > perKey.get(1),
                    stack.getStackName() + ": stage " + stage + " above the key's " + perKey);
        }
    }

    @Test
    void stagesSharingAnAccountAndRegionStayWithinTheAccountDefaultThrottle() {
        // API Gateway's default account limit per region: 10,000 rps, 5,000 burst
        // (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
        var sums = new HashMap<String, double[]>();
        for (var stack : allStacks()) {
            var stage = stageThrottle(FLEET.template(stack));
            var sum = sums.computeIfAbsent(stack.getAccount() + "/" + stack.getRegion(), k -> new double[2]);
            sum[0] += stage.get(0);
            sum[1] += stage.get(1);
        }
        sums.forEach((env, sum) -> assertTrue(sum[0] <= 10_000 && sum[1] <= 5_000,
                env + ": stage throttles sum to " + sum[0] + " rps / " + sum[1] + " burst"));
    }

    @Test
    void rateRuleLetsOneClientSustainItsTiersKeyRateForTheWholeWindow() {
        for (var stack : tenantStacks()) {
            var template = FLEET.template(stack);
            var perKey = usagePlanThrottle(template);
            var rate = (Map<?, ?>) statement(rule(template, "RatePerSourceIp")).get("RateBasedStatement");
            // WAF's default window is 300 s when the template names none.
            var window = rate.containsKey("EvaluationWindowSec")
                    ? ((Number) rate.get("EvaluationWindowSec")).doubleValue() : 300;
            var limit = ((Number) rate.get("Limit")).doubleValue();
            assertEquals("IP", rate.get("AggregateKeyType"), stack.getStackName());
            assertTrue(limit >= perKey.get(0) * window, stack.getStackName() + ": " + limit + " requests per "
                    + window + " s let one client sustain " + perKey.get(0) + " req/s");
            assertTrue(limit >= perKey.get(1) * window, stack.getStackName() + ": and its burst");
        }
    }

    @Test
    void largestValidOrderPassesTheBodySizeRule() throws Exception {
        var largest = largestOrder(100, 200, 10_000, "999999999999999999999999999999999999.99");
        assertTrue(accepted(largest), "the order service accepts the largest order");
        var bytes = largest.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes > 8 * 1024, "the largest order (" + bytes + " bytes) exceeds the common rule set's 8 KB");
        for (var stack : tenantStacks()) {
            var template = FLEET.template(stack);
            var size = (Map<?, ?>) statement(rule(template, "BodySizeLimit")).get("SizeConstraintStatement");
            assertEquals("GT", size.get("ComparisonOperator"));
            assertEquals(Map.of("Body", Map.of("OversizeHandling", "MATCH")), size.get("FieldToMatch"));
            var limit = ((Number) size.get("Size")).intValue();
            assertFalse(bytes > limit, stack.getStackName() + ": " + bytes + " bytes must not match GT " + limit);
            // WAF sees the whole body up to the limit (else OversizeHandling MATCH would block it).
            assertTrue(inspectionLimitBytes(template) >= limit, stack.getStackName() + ": inspection limit");
            assertTrue(commonRuleSetCountsItsBodySizeRule(template),
                    stack.getStackName() + ": the common rule set's 8 KB body rule only counts");
        }
    }

    @Test
    void largestValidOrderIsTheLargestTheOrderServiceAccepts() throws Exception {
        // One more of anything the generator maximizes is refused, so no valid order (in compact JSON) is larger.
        assertFalse(accepted(largestOrder(101, 200, 10_000, "1.00")), "101 lines");
        assertFalse(accepted(largestOrder(100, 201, 10_000, "1.00")), "201-character name");
        assertFalse(accepted(largestOrder(100, 200, 10_001, "1.00")), "quantity 10001");
        assertFalse(accepted(largestOrder(100, 200, 10_000, "9999999999999999999999999999999999999.99")),
                "39 significant digits");
        assertTrue(accepted(largestOrder(100, 200, 10_000, "1.00")));
    }

    /**
     * The largest order body in compact JSON: {@code lines} lines, a name of {@code nameLength} characters outside the
     * Basic Multilingual Plane, each written as a {@code \\uXXXX\\uXXXX} surrogate escape (12 bytes, the longest form a
     * JSON encoder emits for one character, e.g. Python's default {@code json.dumps}), and every line at its longest.
     */
    private static String largestOrder(int lines, int nameLength, int quantity, String unitPrice) {
        var name = "\\ud83d\\ude00".repeat(nameLength);
        var line = "{\"productId\":\"ffffffff-ffff-ffff-ffff-ffffffffffff\",\"quantity\":" + quantity
                + ",\"unitPrice\":" + unitPrice + "}";
        return "{\"orderName\":\"" + name + "\",\"lines\":[" + String.join(",", java.util.Collections.nCopies(lines, line))
                + "]}";
    }

    private static boolean accepted(String body) throws Exception {
        try {
            toOrder.invoke(readBody.invoke(null, body, orderInput), "00000000-0000-0000-0000-000000000000");
            return true;
        } catch (InvocationTargetException e) {
            if (e.getCause().getClass().getName().equals("functions.shared.ValidationException")) {
                return false;
            }
            throw e;
        }
    }

    private static List<Stack> tenantStacks() {
        return Stream.concat(FLEET.stacks.pooledTiers().stream(), FLEET.stacks.siloTenants().stream())
                .map(Stack.class::cast).toList();
    }

    private static List<Stack> allStacks() {
        var stacks = new ArrayList<Stack>(tenantStacks());
        stacks.add(FLEET.stacks.baseline());
        return stacks;
    }

    private static List<Double> stageThrottle(Template template) {
        var stage = only(template, "AWS::ApiGateway::Stage");
        var settings = (Map<?, ?>) ((List<?>) stage.get("MethodSettings")).stream()
                .map(Map.class::cast).filter(s -> "/*".equals(s.get("ResourcePath"))).findFirst().orElseThrow();
        return List.of(((Number) settings.get("ThrottlingRateLimit")).doubleValue(),
                ((Number) settings.get("ThrottlingBurstLimit")).doubleValue());
    }

    private static List<Double> usagePlanThrottle(Template template) {
        var throttle = (Map<?, ?>) only(template, "AWS::ApiGateway::UsagePlan").get("Throttle");
        return List.of(((Number) throttle.get("RateLimit")).doubleValue(),
                ((Number) throttle.get("BurstLimit")).doubleValue());
    }

    private static Map<?, ?> rule(Template template, String name) {
        return ((List<?>) only(template, "AWS::WAFv2::WebACL").get("Rules")).stream().map(Map.class::cast)
                .filter(r -> name.equals(r.get("Name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no WAF rule " + name));
    }

    private static Map<?, ?> statement(Map<?, ?> rule) {
        return (Map<?, ?>) rule.get("Statement");
    }

    // AWS::WAFv2::WebACL AssociationConfig; 16 KB when absent (WAF's default for API Gateway).
    private static int inspectionLimitBytes(Template template) {
        var config = (Map<?, ?>) only(template, "AWS::WAFv2::WebACL").get("AssociationConfig");
        if (config == null) {
            return 16 * 1024;
        }
        var apiGateway = (Map<?, ?>) ((Map<?, ?>) config.get("RequestBody")).get("API_GATEWAY");
        var setting = (String) apiGateway.get("DefaultSizeInspectionLimit");
        return Integer.parseInt(setting.substring("KB_".length())) * 1024;
    }

    private static boolean commonRuleSetCountsItsBodySizeRule(Template template) {
        var group = (Map<?, ?>) statement(rule(template, "AWSManagedRulesCommonRuleSet"))
                .get("ManagedRuleGroupStatement");
        var overrides = (List<?>) group.get("RuleActionOverrides");
        return overrides != null && overrides.contains(Map.of("Name", "SizeRestrictions_BODY",
                "ActionToUse", Map.of("Count", Map.of())));
    }

    private static Map<?, ?> only(Template template, String type) {
        var resources = template.findResources(type);
        assertEquals(1, resources.size(), type);
        return (Map<?, ?>) resources.values().iterator().next().get("Properties");
    }
}
