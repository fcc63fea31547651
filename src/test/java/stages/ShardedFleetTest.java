package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import app.AwsEnv;
import app.FleetCatalog;
import app.SiloTenant;
import app.Tier;
import org.junit.jupiter.api.Test;

/**
 * A catalog too big for one pipeline (700 silo tenants over 3 accounts and 4 regions) is sharded over several
 * self-mutating pipelines, every tenant in exactly one, and every pipeline template, as written to the
 * assembly, stays under CloudFormation's 1 MB limit.
 */
class ShardedFleetTest {

    static final long CLOUDFORMATION_TEMPLATE_LIMIT = 1_000_000;

    @Test
    void sevenHundredTenantsShardOverPipelinesEachUnderTheTemplateLimit() throws IOException {
        var catalog = PipelineFleet.shippedCatalog();
        var accounts = List.of("333333333333", "444444444444", "555555555555");
        var regions = List.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2");
        var tenants = new ArrayList<SiloTenant>();
        for (int i = 0; i < 700; i++) {
            tenants.add(new SiloTenant(String.format("tenant-%04d", i), "Tenant " + i, Tier.PLATINUM,
                    new AwsEnv(accounts.get(i % 3), regions.get((i / 3) % 4)), i < 6, null));
        }
        var fleet = PipelineFleet.of(new FleetCatalog(catalog.pipeline(), catalog.baseline(), catalog.pooledTiers(),
                tenants));
        assertTrue(fleet.pipelines.size() >= 2, "sharded: " + fleet.pipelines.size() + " pipeline(s)");

        var assembly = fleet.pipelines.get(0).getNode().getRoot();
        var outdir = Path.of(((software.amazon.awscdk.App) assembly).synth().getDirectory());
        var pipelineOf = new HashMap<String, String>();
        for (var pipeline : fleet.pipelines) {
            var template = outdir.resolve(pipeline.getArtifactId() + ".template.json");
            long size = Files.size(template);
            assertTrue(size < CLOUDFORMATION_TEMPLATE_LIMIT, pipeline.getStackName() + " template is " + size + " bytes");
            var stages = PipelineFleet.stages(pipeline);
            assertTrue(stages.size() <= 50, pipeline.getStackName() + " has " + stages.size() + " stages");
            var names = PipelineFleet.stageNames(stages);
            assertEquals("Offboard", names.get(names.size() - 1), pipeline.getStackName() + " ends with offboarding");
            for (var stage : stages) {
                assertTrue(stage.get("Actions").size() <= 50, stage.get("Name").asText());
                for (var action : stage.get("Actions")) {
                    var config = action.get("Configuration");
                    if (config != null && config.has("StackName")
                            && config.get("ActionMode").asText().equals("CHANGE_SET_REPLACE")) {
                        var previous = pipelineOf.put(config.get("StackName").asText(), pipeline.getStackName());
                        assertEquals(null, previous, config.get("StackName").asText() + " deployed twice");
                    }
                }
            }
        }
        for (var tenant : tenants) {
            assertTrue(pipelineOf.containsKey("saas-silo-" + tenant.tenantId()), tenant.tenantId() + " deployed");
            assertEquals(fleet.plan.pipelineOf(tenant.tenantId()).orElseThrow(),
                    pipelineOf.get("saas-silo-" + tenant.tenantId()));
        }
    }
}
