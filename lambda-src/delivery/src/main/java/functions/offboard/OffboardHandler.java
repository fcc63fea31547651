package functions.offboard;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import functions.shared.DynamoDbClientFactory;
import functions.shared.Json;
import functions.shared.Telemetry;
import java.io.IOException;
import java.time.Duration;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Lambda entry point {@code functions.offboard.OffboardHandler::handleRequest}, invoked synchronously by the
 * pipeline with {@code fleet-plan.json} as the payload: reads the plan, lets {@link Offboarder} delete the
 * orphaned silo tenant stacks, logs the summary and returns it as JSON. Any failure (bad plan, blast radius,
 * an environment or a delete that failed) throws, so the invocation returns a {@code FunctionError}.
 */
public final class OffboardHandler implements RequestStreamHandler {

    /**
     * A ROLLBACK_COMPLETE stack holds no resources, so its delete takes seconds; 24 looks 5 s apart stay well inside
     * the function's 5-minute timeout, and a stack still deleting after 2 minutes fails the step (run again).
     */
    static final Duration STUCK_POLL = Duration.ofSeconds(5);
    static final int STUCK_POLLS = 24;

    private final Supplier<FleetStackDirectory> directories;
    private final EnvironmentMemory memory;
    private final CatalogCheck catalog;
    private final int maxDeletions;
    private final String fleetName;
    private final StuckStacks.Sleeper sleeper;

    /** Used by Lambda: reads the environment and builds the STS client during init (inside the snapshot). */
    public OffboardHandler() {
        this(System.getenv());
    }

    OffboardHandler(Map<String, String> env) {
        this(OffboardConfig.fromEnvironment(env));
    }

    OffboardHandler(OffboardConfig config) {
        this(config, DynamoDbClientFactory.create(config.region(), config.dynamoDbEndpoint()));
    }

    private OffboardHandler(OffboardConfig config, DynamoDbClient dynamoDb) {
        this(awsDirectories(config), new DynamoDbEnvironmentMemory(dynamoDb, config.environmentsTable()),
                new DynamoDbCatalogCheck(dynamoDb, config.catalogTable()), config.maxDeletions(), config.fleetName());
    }

    /** The default fleet's handler. */
    OffboardHandler(Supplier<FleetStackDirectory> directories, EnvironmentMemory memory, CatalogCheck catalog,
                    int maxDeletions) {
        this(directories, memory, catalog, maxDeletions, functions.provisioning.StackAccess.DEFAULT_FLEET_NAME);
    }

    OffboardHandler(Supplier<FleetStackDirectory> directories, EnvironmentMemory memory, CatalogCheck catalog,
                    int maxDeletions, String fleetName) {
        this(directories, memory, catalog, maxDeletions, fleetName, wait -> Thread.sleep(wait.toMillis()));
    }

    OffboardHandler(Supplier<FleetStackDirectory> directories, EnvironmentMemory memory, CatalogCheck catalog,
                    int maxDeletions, String fleetName, StuckStacks.Sleeper sleeper) {
        this.sleeper = sleeper;
        this.fleetName = fleetName;
        this.directories = directories;
        this.memory = memory;
        this.catalog = catalog;
        this.maxDeletions = maxDeletions;
    }

    private static Supplier<FleetStackDirectory> awsDirectories(OffboardConfig config) {
        // Same client choice as the other functions: JDK-based, smallest jar, fastest restore.
        SdkHttpClient http = UrlConnectionHttpClient.create();
        StsClient sts = CloudFormationStackDirectory.stsClient(config.region(), http);
        var role = new DeployRole(config.region(), config.bootstrapQualifier());
        var clients = CloudFormationStackDirectory.cloudFormationClients(http);
        return () -> new CloudFormationStackDirectory(sts, role, clients);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Telemetry.invokeStream(context, Optional.empty(), () -> offboard(input, output));
    }

    private void offboard(InputStream input, OutputStream output) throws IOException {
        FleetPlan plan;
        FleetPlanReader.Mode mode;
        try {
            byte[] payload = input.readAllBytes();
            plan = FleetPlanReader.read(payload);
            mode = FleetPlanReader.mode(payload);
        } catch (PlanException e) {
            Telemetry.error("offboard_plan_rejected", "reason", e.getMessage());
            throw e;
        }
        if (mode == FleetPlanReader.Mode.CLEAR_STUCK) {
            clearStuck(plan, output);
            return;
        }
        OffboardSummary summary;
        try (FleetStackDirectory directory = directories.get()) {
            summary = new Offboarder(directory, memory, catalog, maxDeletions, fleetName).offboard(plan);
        }
        for (OffboardSummary.StackRef stack : summary.deleting()) {
            Telemetry.info("offboard_stack_deleting", "tenantId", stack.tenantId(), "stackName", stack.stackName(),
                    "account", stack.env().account(), "region", stack.env().region());
        }
        Telemetry.count(Telemetry.OFFBOARDED_STACKS, summary.deleting().size());
        Telemetry.count(Telemetry.OFFBOARD_FAILURES, summary.failures().size());
        Object[] fields = fields(plan, summary);
        if (!summary.succeeded()) {
            Telemetry.error("offboard", fields);
            throw new OffboardFailedException(summary.shortMessage());
        }
        Telemetry.info("offboard", fields);
        output.write(Json.write(summary.toJson()).getBytes(StandardCharsets.UTF_8));
    }

    // Before the first wave: planned stacks a failed first create left in ROLLBACK_COMPLETE (StuckStacks).
    private void clearStuck(FleetPlan plan, OutputStream output) throws IOException {
        StuckStacks.Summary summary;
        try (FleetStackDirectory directory = directories.get()) {
            summary = new StuckStacks(directory, maxDeletions, fleetName, sleeper, STUCK_POLL, STUCK_POLLS)
                    .clear(plan);
        }
        List<Object> fields = new ArrayList<>(List.of("pipelines", plan.pipelineNames(),
                "succeeded", summary.succeeded()));
        summary.toJson().forEach((key, value) -> {
            fields.add(key);
            fields.add(value);
        });
        if (!summary.succeeded()) {
            Telemetry.error("clear_stuck_stacks", fields.toArray());
            throw new OffboardFailedException(summary.shortMessage());
        }
        if (summary.needsOperator().isEmpty()) {
            Telemetry.info("clear_stuck_stacks", fields.toArray());
        } else {
            // The run goes on (other waves may still deploy), but each such stack's own wave will fail until fixed.
            Telemetry.error("clear_stuck_stacks", fields.toArray());
        }
        output.write(Json.write(summary.toJson()).getBytes(StandardCharsets.UTF_8));
    }

    private Object[] fields(FleetPlan plan, OffboardSummary summary) {
        List<Object> fields = new ArrayList<>(List.of("pipelines", plan.pipelineNames(),
                "maxDeletions", maxDeletions, "succeeded", summary.succeeded()));
        if (summary.blastRadius() != null) {
            fields.addAll(List.of("blastRadius", summary.blastRadius()));
        }
        for (Map.Entry<String, Object> entry : summary.toJson().entrySet()) {
            fields.add(entry.getKey());
            fields.add(entry.getValue());
        }
        return fields.toArray();
    }
}
