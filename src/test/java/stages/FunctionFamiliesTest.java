package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contract.Family;
import contract.Handler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * Each function of the shipped fleet deploys its own family's jar, and only that: every function whose handler is
 * a {@link Handler} has the code asset of that handler's {@link Family}, one asset per family, so the product and
 * order functions never carry the control plane's SDK modules (CDK names a file asset by its fingerprint:
 * {@code <hash>.jar} in the function's {@code Code.S3Key}).
 */
class FunctionFamiliesTest {

    @Test
    void everyFunctionDeploysTheJarOfItsHandlersFamily() {
        var fleet = SynthesizedFleet.shipped();
        var stacks = new ArrayList<Stack>();
        stacks.add(fleet.stacks.baseline());
        stacks.addAll(fleet.stacks.pooledTiers());
        stacks.addAll(fleet.stacks.siloTenants());
        stacks.addAll(PipelineFleet.shipped().pipelines);
        Map<Family, Set<String>> deployed = new TreeMap<>();
        var seen = new TreeSet<Handler>();
        for (var stack : stacks) {
            Template template = stack instanceof FleetPipelineStack ? Template.fromStack(stack) : fleet.template(stack);
            for (var entry : template.findResources("AWS::Lambda::Function").entrySet()) {
                @SuppressWarnings("unchecked")
                var properties = (Map<String, Object>) ((Map<String, Object>) entry.getValue()).get("Properties");
                var handler = Arrays.stream(Handler.values())
                        .filter(h -> h.handler().equals(properties.get("Handler"))).findFirst();
                if (handler.isEmpty()) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                var code = (Map<String, Object>) properties.get("Code");
                var key = String.valueOf(code.get("S3Key"));
                var family = handler.get().family();
                assertTrue(key.endsWith(".jar"), stack.getStackName() + " " + entry.getKey() + ": " + key);
                deployed.computeIfAbsent(family, f -> new TreeSet<>()).add(key);
                seen.add(handler.get());
            }
        }
        assertEquals(Set.of(Handler.values()), seen, "every handler of the contract is deployed somewhere");
        assertEquals(Set.of(Family.values()), deployed.keySet());
        var distinct = deployed.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertTrue(distinct.size() >= 3, "at least 3 distinct jar assets, got " + distinct);
        deployed.forEach((family, keys) -> assertEquals(1, keys.size(),
                "every function of family " + family.module() + " deploys the same jar: " + keys));
        assertEquals(Family.values().length, distinct.size(), "no two families share a jar: " + deployed);
    }
}
