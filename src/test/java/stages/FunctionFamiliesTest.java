package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contract.Family;
import contract.Handler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * {@code <hash>.jar} in the function's {@code Code.S3Key}); and each function carries exactly its family's runtime
 * layer, a layer version of its own stack, one layer asset per {@link Family.Layer} ({@code <hash>.zip}), granted to
 * no other account.
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
        Map<Family.Layer, Set<String>> layers = new TreeMap<>();
        var seen = new TreeSet<Handler>();
        for (var stack : stacks) {
            Template template = stack instanceof FleetPipelineStack ? Template.fromStack(stack) : fleet.template(stack);
            // The layers are private to the stack's account: nothing grants another account their use.
            template.resourceCountIs("AWS::Lambda::LayerVersionPermission", 0);
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
                var layerKey = layerKey(template, properties, stack.getStackName() + " " + entry.getKey());
                layers.computeIfAbsent(family.layer(), l -> new TreeSet<>()).add(layerKey);
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
        assertEquals(Set.of(Family.Layer.values()), layers.keySet());
        layers.forEach((layer, keys) -> assertEquals(1, keys.size(),
                "every function on layer " + layer.module() + " carries the same layer asset: " + keys));
        assertEquals(Family.Layer.values().length, layers.values().stream().flatMap(Set::stream).distinct().count(),
                "one asset per layer: " + layers);
    }

    /** The S3 key of the one layer the function carries: a LayerVersion of the function's own stack. */
    @SuppressWarnings("unchecked")
    private static String layerKey(Template template, Map<String, Object> function, String where) {
        var refs = (List<Object>) function.get("Layers");
        assertTrue(refs != null && refs.size() == 1, where + " carries exactly one layer: " + refs);
        var logicalId = String.valueOf(((Map<String, Object>) refs.get(0)).get("Ref"));
        var layer = (Map<String, Object>) template.findResources("AWS::Lambda::LayerVersion").get(logicalId);
        assertTrue(layer != null, where + ": its layer " + refs.get(0) + " is a LayerVersion of its stack");
        var properties = (Map<String, Object>) layer.get("Properties");
        assertEquals(List.of(String.valueOf(function.get("Runtime"))), properties.get("CompatibleRuntimes"), where);
        assertEquals(function.get("Architectures"), properties.get("CompatibleArchitectures"), where);
        var key = String.valueOf(((Map<String, Object>) properties.get("Content")).get("S3Key"));
        assertTrue(key.endsWith(".zip"), where + " layer " + logicalId + ": " + key);
        return key;
    }
}
