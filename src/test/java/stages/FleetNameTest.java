package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import app.FleetCatalog;
import app.PipelineSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * A catalog's {@code fleetName} is the fleet's identity: a staging and a production fleet sharing an account must
 * never share a stack, pipeline, role or table name, nor the {@code ManagedBy} tag the offboarder deletes by.
 */
class FleetNameTest {

    private static final String FLEET = "acme-stg";
    // The default fleet's identity as it shows in a template: a name or the ManagedBy value. "saas-fleet:stack"
    // is the API keys' tag key (a key, not an identity: its value is the fleet-prefixed stack name).
    private static final Pattern DEFAULT_IDENTITY = Pattern.compile("saas-(baseline|pooled|silo|fleet(?!:stack))");

    private static PipelineFleet fleet;
    private static List<Stack> stacks;

    @BeforeAll
    static void synthesize() {
        var shipped = PipelineFleet.shippedCatalog();
        var pipeline = shipped.pipeline();
        // The shipped repository is example-org/saas-fleet: renamed so that only names the app makes are checked.
        var catalog = new FleetCatalog(new PipelineSettings(pipeline.env(), pipeline.connectionArn(),
                "example-org/fleet-repo", pipeline.branch()), shipped.baseline(), shipped.pooledTiers(),
                shipped.tenants(), FLEET);
        fleet = PipelineFleet.withChecksOnPipelineStacksOnly(catalog);
        stacks = fleet.app.getNode().findAll().stream().filter(Stack.class::isInstance).map(Stack.class::cast)
                .toList();
    }

    @Test
    void everyStackOfANamedFleetIsNamedAfterIt() {
        assertTrue(stacks.size() >= 6, stacks.toString());
        for (var stack : stacks) {
            assertTrue(stack.getStackName().startsWith(FLEET + "-"), stack.getStackName());
        }
        var names = stacks.stream().map(Stack::getStackName).toList();
        assertTrue(names.contains("acme-stg-baseline"), names.toString());
        assertTrue(names.contains("acme-stg-pooled-basic"), names.toString());
        assertTrue(names.contains("acme-stg-silo-acme"), names.toString());
        assertTrue(names.contains("acme-stg-fleet"), names.toString());
    }

    @Test
    void everyFleetStackIsTaggedManagedByTheNamedFleet() {
        var fleetStacks = stacks.stream().filter(s -> s instanceof FleetPipelineStack || s instanceof BaselineStack
                || s instanceof PooledTierStack || s instanceof SiloTenantStack).toList();
        assertTrue(fleetStacks.size() >= 5, fleetStacks.toString());
        for (var stack : fleetStacks) {
            var tags = stack.getTags().tagValues();
            assertEquals(FLEET + "-fleet", tags.get(FleetTags.MANAGED_BY), stack.getStackName() + ": " + tags);
        }
        // CDK Pipelines' cross-region support stacks carry no fleet tag at all (nor did they before fleet names).
        for (var stack : stacks) {
            assertFalse(FleetTags.MANAGED_BY_VALUE.equals(stack.getTags().tagValues().get(FleetTags.MANAGED_BY)),
                    stack.getStackName());
        }
    }

    @Test
    void noTemplateOrManifestOfANamedFleetCarriesTheDefaultFleetsIdentity() throws IOException {
        var dir = fleet.assemblyDirectory();
        List<java.nio.file.Path> files;
        try (var walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertTrue(files.stream().filter(p -> p.toString().endsWith(".template.json")).count() >= 6, files.toString());
        for (var file : files) {
            var matcher = DEFAULT_IDENTITY.matcher(Files.readString(file));
            assertFalse(matcher.find(), () -> dir.relativize(file) + " names the default fleet: "
                    + matcher.group());
        }
    }

    @Test
    void rolesTableAndFunctionsOfANamedFleetCarryItsName() {
        var baseline = stacks.stream().filter(BaselineStack.class::isInstance).findFirst().orElseThrow();
        var template = Template.fromStack(baseline);
        template.hasResourceProperties("AWS::DynamoDB::Table",
                Map.of("TableName", "acme-stg-fleet-TenantStackMapping"));
        template.hasResourceProperties("AWS::IAM::Role",
                Map.of("RoleName", Match.stringLikeRegexp("^acme-stg-baseline-TenantAdmin-.*")));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("Environment",
                Map.of("Variables", Match.objectLike(Map.of("FLEET_NAME", FLEET))))));
        var pipeline = stacks.stream().filter(FleetPipelineStack.class::isInstance).findFirst().orElseThrow();
        Template.fromStack(pipeline).hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Match.objectLike(Map.of("FLEET_NAME", FLEET,
                        "CATALOG_TABLE", "acme-stg-fleet-TenantStackMapping"))))));
    }
}
