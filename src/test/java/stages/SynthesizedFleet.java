package stages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import app.FleetApp;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * A fleet synthesized from a catalog by the real entry point, with templates cached: synthesizing the shipped
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
            var stacks = FleetApp.build(app);
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
