package stages;

import app.CatalogClients;
import app.CatalogException;
import app.DynamoDbCatalogSource;
import app.FleetCatalog;
import app.FleetConfig;
import app.JsonFileCatalogSource;
import app.MailSettings;
import app.OffboarderMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * Entry point: synthesizes the fleet's pipelines (whose stages hold every fleet stack) from the tenant catalog,
 * and writes the wave plan to {@code fleet-plan.json} beside the assembly; it prints the plan's summary (waves, then one
 * line on how the user pools send mail). A bad catalog, an unreadable catalog
 * table, a plan over the limits or a missing functions jar stops the app before anything is synthesized, so
 * no partial assembly is ever written.
 *
 * <p>It lives here, not in {@code app}, because it builds the stages: the catalog in {@code app} loads without
 * building any stack, so {@code app} never depends on this package.
 */
public final class FleetApp {

    /** The review output written beside the cloud assembly. */
    public static final String PLAN_FILE = FleetPlan.FILE_NAME;

    private FleetApp() {
    }

    public static void main(String[] args) {
        // Stack traces in metadata carry the jsii kernel's temp dir, which differs per run.
        var app = new App(AppProps.builder().stackTraces(false).build());
        FleetPipelines fleet;
        FleetCatalog catalog;
        try {
            var config = FleetConfig.from(app.getNode());
            var onlyTenant = config.onlyTenant();
            if (onlyTenant.isPresent()) {
                buildOneTenant(app, onlyTenant.get());
                app.synth();
                System.err.println("synthesized only silo tenant " + onlyTenant.get() + "'s stack (onlyTenant)");
                return;
            }
            var jar = config.requireFunctionJars().toString();
            catalog = load(config);
            fleet = build(app, config, jar, catalog);
        } catch (CatalogException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        var assembly = app.synth();
        try {
            Files.writeString(Path.of(assembly.getDirectory(), PLAN_FILE), fleet.plan().toJson());
        } catch (IOException e) {
            System.err.println("Cannot write " + PLAN_FILE + ": " + e.getMessage());
            System.exit(2);
        }
        System.err.print(fleet.plan().toTable());
        System.err.println(MailSettings.summaryLine(catalog.mail()));
    }

    /** Loads the catalog named by the app's context and adds the fleet's pipelines to {@code app}. */
    public static FleetPipelines build(App app) {
        var config = FleetConfig.from(app.getNode());
        var jar = config.requireFunctionJars().toString();
        return build(app, config, jar, load(config));
    }

    private static FleetPipelines build(App app, FleetConfig config, String jar, FleetCatalog catalog) {
        if (config.tenantSource() == FleetConfig.TenantSource.FILE) {
            return FleetPipelines.addTo(app, catalog, jar);
        }
        // In the cloud the offboarders' grants also name the accounts they remember (their tables live beside the
        // pipelines, in the pipeline env the synth runs in).
        try (var client = CatalogClients.dynamoDb(catalog.pipeline().env().region(), Optional.empty())) {
            return FleetPipelines.addTo(app, catalog, jar, OffboarderMemory.dynamoDb(client,
                    StackNames::offboarderEnvironmentsTableName));
        }
    }

    /**
     * The onboarding fast lane: only {@code tenantId}'s stack, as its pipeline deploys it ({@link OneTenantSynth});
     * fails naming the id when the catalog has no such silo tenant.
     */
    public static TenantStage buildOneTenant(App app, String tenantId) {
        var config = FleetConfig.from(app.getNode());
        var jar = config.requireFunctionJars().toString();
        return OneTenantSynth.addTo(app, load(config), jar, tenantId);
    }

    static FleetCatalog load(FleetConfig config) {
        var file = new JsonFileCatalogSource(config.tenantsFile());
        if (config.tenantSource() == FleetConfig.TenantSource.FILE) {
            return file.load();
        }
        // The table lives in the baseline env, which the file's fleet settings name.
        var fleet = file.load();
        try (var client = CatalogClients.dynamoDb(fleet.baseline().region(), Optional.empty())) {
            var source = new DynamoDbCatalogSource(file, client,
                    StackNames.tenantStackMappingTableName(fleet.fleetName()));
            return (config.allowEmptyFleet() ? source.withEmptyFleetAllowed() : source).load();
        }
    }
}
