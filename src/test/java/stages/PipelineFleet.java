package stages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import app.FleetCatalog;
import app.JsonFileCatalogSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/** The fleet's pipelines built from a catalog, with helpers to read their CodePipeline stages. */
final class PipelineFleet {

    static final String JAR = "lambda-src/target/saas-functions.jar";

    final FleetPlan plan;
    final List<FleetPipelineStack> pipelines;

    private PipelineFleet(FleetCatalog catalog) {
        var app = new App(AppProps.builder().outdir(tempDir().toString()).stackTraces(false).build());
        var fleet = FleetPipelines.addTo(app, catalog, JAR);
        this.plan = fleet.plan();
        this.pipelines = fleet.pipelines();
    }

    private static PipelineFleet shipped;

    /** The pipeline app of the shipped catalog, built once per test JVM. */
    static synchronized PipelineFleet shipped() {
        if (shipped == null) {
            shipped = of(shippedCatalog());
        }
        return shipped;
    }

    static PipelineFleet of(FleetCatalog catalog) {
        return new PipelineFleet(catalog);
    }

    static FleetCatalog shippedCatalog() {
        return new JsonFileCatalogSource(Path.of("tenants.json")).load();
    }

    /** The CodePipeline stages of one pipeline stack, as the template declares them. */
    static JsonNode stages(FleetPipelineStack stack) {
        var template = new ObjectMapper().valueToTree(Template.fromStack(stack).toJSON());
        for (var resource : template.get("Resources")) {
            if (resource.get("Type").asText().equals("AWS::CodePipeline::Pipeline")) {
                return resource.get("Properties").get("Stages");
            }
        }
        throw new AssertionError("no AWS::CodePipeline::Pipeline in " + stack.getStackName());
    }

    static List<String> stageNames(JsonNode stages) {
        var names = new ArrayList<String>();
        stages.forEach(stage -> names.add(stage.get("Name").asText()));
        return names;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("fleet-pipeline");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
