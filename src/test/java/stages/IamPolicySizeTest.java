package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

import app.AwsEnv;
import app.FleetCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The roles that name the fleet's accounts one by one (the control plane's provisioning functions, each pipeline's
 * offboarder) stay within IAM's limit on a role's inline policies, 10,240 characters without whitespace in all
 * ("Role policy size", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html), at the most
 * accounts the synth accepts, measured on the longest fleet name, region and partition; one account more stops the
 * synth naming the limit instead of failing the deployment.
 */
class IamPolicySizeTest {

    private static final int ROLE_POLICY_LIMIT = 10_240;
    /** "Managed policy size" and "Managed policies attached to an IAM role" (default quota) on the same page. */
    private static final int MANAGED_POLICY_LIMIT = 6_144;
    private static final int MANAGED_POLICIES_PER_ROLE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A deployed ARN, table name or key id is at most this long where the template has Ref or Fn::GetAtt. */
    private static final String RESOLVED = "x".repeat(128);
    private static final String LONGEST_FLEET = "a" + "0".repeat(20);

    private static List<String> accounts(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("9%011d", i)).toList();
    }

    private static App newApp() {
        return new App(AppProps.builder().outdir(app.TempDirs.createDeletedOnExit("policy-size").toString())
                .context(app.CdkJson.featureFlags())
                .stackTraces(false).build());
    }

    private static FleetCatalog longestNamedFleet() {
        var shipped = PipelineFleet.shippedCatalog();
        return new FleetCatalog(shipped.pipeline(), new AwsEnv(shipped.baseline().account(), "ap-southeast-2"),
                shipped.pooledTiers(), shipped.tenants(), LONGEST_FLEET);
    }

    @Test
    void theControlPlaneNamingTheMostAccountsStaysWithinIamsRolePolicyLimit() {
        var fleetApp = newApp();
        var catalog = longestNamedFleet();
        var baseline = new BaselineStack(fleetApp, "Baseline", BaselineStack.Props.builder()
                .env(catalog.baseline()).functionsDir(PipelineFleet.FUNCTIONS)
                .pipelineNames(List.of(StackNames.pipelineName(LONGEST_FLEET))).pooledTiers(catalog.pooledTiers())
                .stackAccounts(accounts(FleetPipelines.MAX_ACCOUNTS)).fleet(LONGEST_FLEET).build());
        FleetChecks.applyTo(fleetApp);
        var roles = rolePolicies(fleetApp);
        assertTrue(roles.keySet().stream().anyMatch(r -> r.contains("ControlPlaneRegistration")), roles::toString);
        roles.forEach((role, policies) -> policies.assertWithinIamLimits(role));
        // The managed policies CDK moves the grants into carry the role's cdk-nag suppressions too.
        assertEquals(List.of(), PipelineFleet.nagErrors(baseline));
    }

    @Test
    void anOffboarderRememberingTheMostAccountsStaysWithinIamsRolePolicyLimit() {
        var catalog = longestNamedFleet();
        var catalogAccounts = FleetPipelineStack.offboarderAccounts(catalog, new TreeSet<>()).size();
        var remembered = new TreeSet<>(accounts(FleetPipelines.MAX_ACCOUNTS - catalogAccounts));
        var fleetApp = newApp();
        var fleet = FleetPipelines.addTo(fleetApp, catalog, PipelineFleet.FUNCTIONS, pipeline -> remembered,
                FleetChecks.Coverage.PIPELINE_STACKS);
        var roles = rolePolicies(fleetApp);
        var offboarder = roles.keySet().stream().filter(r -> r.contains("OffboarderFunctionRole")).toList();
        assertEquals(1, offboarder.size(), roles::toString);
        roles.forEach((role, policies) -> policies.assertWithinIamLimits(role));
        assertEquals(List.of(), PipelineFleet.nagErrors(fleet.pipelines().get(0)));
    }

    @Test
    void oneAccountMoreStopsTheSynthNamingTheLimit() {
        var catalog = longestNamedFleet();
        var catalogAccounts = FleetPipelineStack.offboarderAccounts(catalog, new TreeSet<>()).size();
        var remembered = new TreeSet<>(accounts(FleetPipelines.MAX_ACCOUNTS + 1 - catalogAccounts));
        var error = assertThrows(IllegalStateException.class, () -> FleetPipelines.addTo(newApp(), catalog,
                PipelineFleet.FUNCTIONS, pipeline -> remembered, FleetChecks.Coverage.PIPELINE_STACKS));
        assertTrue(error.getMessage().contains((FleetPipelines.MAX_ACCOUNTS + 1) + " accounts"), error.getMessage());
    }

    /**
     * Each role's policies as IAM counts them: its inline policies together (its own Policies and every
     * AWS::IAM::Policy naming it), and each managed policy CDK splits off when they would not fit
     * ({@code OverflowPolicy}, AWS::IAM::ManagedPolicy naming it).
     */
    private static Map<String, RolePolicies> rolePolicies(App app) {
        Map<String, RolePolicies> roles = new TreeMap<>();
        app.getNode().findAll().stream().filter(Stack.class::isInstance).map(Stack.class::cast).forEach(stack -> {
            JsonNode resources = JSON.valueToTree(Template.fromStack(stack).toJSON()).path("Resources");
            resources.fields().forEachRemaining(r -> {
                var type = r.getValue().path("Type").asText();
                var properties = r.getValue().path("Properties");
                if (type.equals("AWS::IAM::Policy") || type.equals("AWS::IAM::ManagedPolicy")) {
                    var size = size(properties.path("PolicyDocument"));
                    properties.path("Roles").forEach(role -> roles.computeIfAbsent(stack.getStackName() + "/"
                            + role.path("Ref").asText(), k -> new RolePolicies()).add(type, size));
                }
                if (type.equals("AWS::IAM::Role")) {
                    var role = roles.computeIfAbsent(stack.getStackName() + "/" + r.getKey(), k -> new RolePolicies());
                    properties.path("Policies").forEach(p -> role.add("AWS::IAM::Policy", size(p.path("PolicyDocument"))));
                    properties.path("ManagedPolicyArns").forEach(p -> role.managed.add(0));
                }
            });
        });
        return roles;
    }

    /** One role's inline characters and the size of each managed policy attached to it. */
    static final class RolePolicies {
        int inline;
        final List<Integer> managed = new java.util.ArrayList<>();

        void add(String type, int size) {
            if (type.equals("AWS::IAM::ManagedPolicy")) {
                managed.add(size);
            } else {
                inline += size;
            }
        }

        void assertWithinIamLimits(String role) {
            assertTrue(inline <= ROLE_POLICY_LIMIT, role + " has " + inline + " characters of inline policy");
            assertTrue(managed.size() <= MANAGED_POLICIES_PER_ROLE, role + " has " + managed.size()
                    + " managed policies");
            managed.forEach(size -> assertTrue(size <= MANAGED_POLICY_LIMIT, role + " has a managed policy of "
                    + size + " characters"));
        }

        @Override
        public String toString() {
            return inline + "+" + managed;
        }
    }

    private static int size(JsonNode document) {
        return resolve(document).toString().replaceAll("\\s", "").length();
    }

    // As deployed: the partition its longest ("aws-us-gov"), every other reference a 128-character value.
    private static JsonNode resolve(JsonNode node) {
        if (node.isObject() && node.has("Fn::Join")) {
            var text = new StringBuilder();
            node.get("Fn::Join").get(1).forEach(part -> text.append(resolve(part).asText()));
            return JsonNodeFactory.instance.textNode(text.toString());
        }
        if (node.isObject() && node.has("Ref")) {
            return JsonNodeFactory.instance.textNode("AWS::Partition".equals(node.get("Ref").asText())
                    ? "aws-us-gov" : RESOLVED);
        }
        if (node.isObject() && node.size() == 1 && node.fieldNames().next().startsWith("Fn::")) {
            return JsonNodeFactory.instance.textNode(RESOLVED);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), resolve(f.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> copy.add(resolve(n)));
            return copy;
        }
        return node;
    }
}
