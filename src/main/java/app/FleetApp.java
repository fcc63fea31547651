package app;

import java.util.Optional;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import stages.FleetStacks;
import stages.StackNames;

/**
 * Entry point: synthesizes the whole fleet from the tenant catalog. A bad catalog, an unreadable catalog
 * table or a missing functions jar stops the app before anything is synthesized, so no partial assembly is
 * ever written.
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
        var jar = config.requireLambdaJar().toString();
        return FleetStacks.addTo(app, load(config), jar);
    }

    static FleetCatalog load(FleetConfig config) {
        var file = new JsonFileCatalogSource(config.tenantsFile());
        if (config.tenantSource() == FleetConfig.TenantSource.FILE) {
            return file.load();
        }
        // The table lives in the baseline env, which the file's fleet settings name.
        var region = file.load().baseline().region();
        try (var client = CatalogClients.dynamoDb(region, Optional.empty())) {
            var source = new DynamoDbCatalogSource(file, client, StackNames.tenantStackMappingTableName());
            return (config.allowEmptyFleet() ? source.withEmptyFleetAllowed() : source).load();
        }
    }
}
