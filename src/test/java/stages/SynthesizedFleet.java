package stages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import app.JsonFileCatalogSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The fleet's stacks synthesized flat from a catalog (as the pipeline's stages hold them), with templates cached: synthesizing the shipped
 * fleet once per test JVM keeps the suite fast, and every test reads the same assembly a reviewer would.
 */
final class SynthesizedFleet {

    private static SynthesizedFleet shipped;

    final App app;
    final FleetStacks stacks;
    final Path outdir;
    private final Map<Stack, Template> templates = new HashMap<>();

    private SynthesizedFleet(App app, FleetStacks stacks, Path outdir) {
        this.app = app;
        this.stacks = stacks;
        this.outdir = outdir;
    }

    /** The fleet of the shipped {@code tenants.json}, synthesized once. */
    static synchronized SynthesizedFleet shipped() {
        if (shipped == null) {
            shipped = synthesize(Path.of("tenants.json"));
        }
        return shipped;
    }

    static SynthesizedFleet synthesize(Path tenantsFile) {
        try {
            var outdir = Files.createTempDirectory("fleet-synth");
            var app = new App(AppProps.builder()
                    .outdir(outdir.toString())
                    .context(Map.of("tenantsFile", tenantsFile.toString()))
                    .build());
            var catalog = new JsonFileCatalogSource(tenantsFile).load();
            var stacks = FleetStacks.addTo(app, catalog, PipelineFleet.JAR);
            app.synth();
            return new SynthesizedFleet(app, stacks, outdir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    synchronized Template template(Stack stack) {
        return templates.computeIfAbsent(stack, Template::fromStack);
    }
}
