package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contract.Env;
import contract.EnvContract;
import contract.Handler;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/**
 * The CDK side of contract.EnvContract, on the shipped fleet's templates (synthesized once per test JVM): every
 * function whose handler is a contract.Handler sets each deployed variable its variant requires, and nothing that is
 * neither required, optional nor telemetry. lambda-src's HandlerEnvContractTest holds the code to the same
 * declaration, so a variable set here is one the code reads, and one the code requires is set here.
 */
class FunctionEnvContractTest {

    @Test
    void everyProductFunctionSetsItsRequiredVariablesAndNothingOutsideItsContract() {
        var fleet = SynthesizedFleet.shipped();
        List<Stack> stacks = new ArrayList<>();
        stacks.add(fleet.stacks.baseline());
        stacks.addAll(fleet.stacks.pooledTiers());
        stacks.addAll(fleet.stacks.siloTenants());
        stacks.addAll(PipelineFleet.shipped().pipelines);

        Set<Handler> seen = EnumSet.noneOf(Handler.class);
        Set<String> variantsSeen = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Stack stack : stacks) {
            for (var entry : fleet.template(stack).findResources("AWS::Lambda::Function").entrySet()) {
                var properties = properties(entry.getValue());
                Optional<Handler> handler = handler(String.valueOf(properties.get("Handler")));
                if (handler.isEmpty()) {
                    continue;
                }
                seen.add(handler.get());
                String function = stack.getStackName() + "/" + entry.getKey() + " (" + handler.get() + ")";
                problems.addAll(check(function, handler.get(), variables(properties), variantsSeen));
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(EnumSet.allOf(Handler.class), seen, "the shipped fleet deploys every handler");
        assertTrue(variantsSeen.containsAll(List.of("AUTHORIZER/tenant API", "AUTHORIZER/admin API", "PRODUCT/pooled",
                "PRODUCT/silo")), "the check saw each variant: " + variantsSeen);
    }

    /** One line per missing or undeclared variable, naming the function and the variable. */
    static List<String> check(String function, Handler handler, Map<String, Object> variables, Set<String> seen) {
        var variants = EnvContract.of(handler).stream().filter(v -> v.selects(variables)).toList();
        if (variants.size() != 1) {
            return List.of(function + ": matches " + variants.size() + " variants of its EnvContract, not one "
                    + "(variables " + new TreeSet<>(variables.keySet()) + ")");
        }
        var variant = variants.get(0);
        seen.add(handler + "/" + variant.name());
        List<String> problems = new ArrayList<>();
        for (Env required : variant.deployedRequired()) {
            if (!variables.containsKey(required.variable())) {
                problems.add(function + ": does not set " + required + ", which its code requires ("
                        + variant.name() + ")");
            }
        }
        for (String name : new TreeSet<>(variables.keySet())) {
            boolean allowed = known(name).map(variant::maySet).orElse(false);
            if (!allowed) {
                problems.add(function + ": sets " + name + ", which is not in its EnvContract (" + variant.name()
                        + "): its code never reads it");
            }
        }
        return problems;
    }

    private static Optional<Handler> handler(String handlerProperty) {
        for (Handler handler : Handler.values()) {
            if (handler.handler().equals(handlerProperty)) {
                return Optional.of(handler);
            }
        }
        return Optional.empty();
    }

    private static Optional<Env> known(String name) {
        try {
            return Optional.of(Env.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Object resource) {
        var properties = (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
        return properties == null ? Map.of() : properties;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Map<String, Object> properties) {
        var environment = (Map<String, Object>) properties.get("Environment");
        var variables = environment == null ? null : (Map<String, Object>) environment.get("Variables");
        return variables == null ? Map.of() : variables;
    }
}
