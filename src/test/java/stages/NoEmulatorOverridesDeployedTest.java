package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The functions read endpoint overrides ({@code DYNAMODB_ENDPOINT}, {@code STS_ENDPOINT}) and a local JWKS location
 * ({@code LOCAL_JWKS_ENDPOINT}) so that tests and a local sandbox can reach the moto emulator. A deployed function
 * with any of them would send tenant data, or take signing keys, from somewhere other than AWS: no function of the
 * shipped fleet, nor of its pipelines, may set one.
 */
class NoEmulatorOverridesDeployedTest {

    @Test
    void noSynthesizedFunctionSetsAnEndpointOverrideOrALocalJwksLocation() {
        var fleet = SynthesizedFleet.shipped();
        List<Stack> stacks = new ArrayList<>();
        stacks.add(fleet.stacks.baseline());
        stacks.addAll(fleet.stacks.pooledTiers());
        stacks.addAll(fleet.stacks.siloTenants());
        stacks.addAll(PipelineFleet.shipped().pipelines);

        int functions = 0;
        List<String> seen = new ArrayList<>();
        List<String> offenders = new ArrayList<>();
        for (Stack stack : stacks) {
            Template template = stack instanceof FleetPipelineStack ? Template.fromStack(stack) : fleet.template(stack);
            for (var entry : template.findResources("AWS::Lambda::Function").entrySet()) {
                functions++;
                variables(entry.getValue()).forEach(seen::add);
                variables(entry.getValue()).filter(name -> name.endsWith("_ENDPOINT") || name.contains("JWKS"))
                        .forEach(name -> offenders.add(stack.getStackName() + "/" + entry.getKey() + ": " + name));
            }
        }
        assertTrue(functions >= 10, "the check saw the fleet's functions: " + functions);
        assertTrue(seen.contains("TRUSTED_POOLS") && seen.contains("TABLE_NAME"), "the check read their variables");
        assertEquals(List.of(), offenders);
    }

    @SuppressWarnings("unchecked")
    private static Stream<String> variables(Object resource) {
        var properties = (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
        var environment = properties == null ? null : (Map<String, Object>) properties.get("Environment");
        var variables = environment == null ? null : (Map<String, Object>) environment.get("Variables");
        return variables == null ? Stream.empty() : variables.keySet().stream();
    }
}
