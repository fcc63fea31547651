package app;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import stages.FleetStacks;

/**
 * Entry point: synthesizes the whole fleet from the tenant catalog, offline. A bad catalog or a missing
 * functions jar stops the app before anything is synthesized, so no partial assembly is ever written.
 */
public final class FleetApp {

    private FleetApp() {
    }

    public static void main(String[] args) {
        // Stack traces in metadata carry the jsii kernel's temp dir, which differs per run.
        var app = new App(AppProps.builder().stackTraces(false).build());
        try {
            build(app);
        } catch (CatalogException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        app.synth();
    }

    /** Loads the catalog named by the app's context and adds every fleet stack to {@code app}. */
    public static FleetStacks build(App app) {
        var config = FleetConfig.from(app.getNode());
        var catalog = new JsonFileCatalogSource(config.tenantsFile()).load();
        return FleetStacks.addTo(app, catalog, config.requireLambdaJar().toString());
    }
}
