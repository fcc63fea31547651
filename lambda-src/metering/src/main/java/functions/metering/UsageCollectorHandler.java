package functions.metering;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import functions.provisioning.AssumedRoleStacks;
import functions.provisioning.StackClients;
import functions.provisioning.StackCredentials;
import functions.shared.DynamoDbClientFactory;
import functions.shared.Environment;
import functions.shared.Telemetry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Lambda entry point {@code functions.metering.UsageCollectorHandler::handleRequest}: EventBridge's daily schedule
 * (01:00 UTC) meters the previous UTC day; {@code {"day": "YYYY-MM-DD"}} meters (again) that day.
 */
public final class UsageCollectorHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final UsageCollector collector;
    private final Clock clock;

    /** Used by Lambda: reads the environment and builds the clients during init. */
    public UsageCollectorHandler() {
        this(fromEnvironment(System.getenv()), Clock.systemUTC());
    }

    UsageCollectorHandler(UsageCollector collector, Clock clock) {
        this.collector = collector;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Telemetry.invoke(context, () -> {
            var outcome = collector.collect(ScheduledDay.of(event, clock, 1));
            return Map.<String, Object>of("day", outcome.day().toString(), "tenantsMetered", outcome.tenantsMetered());
        });
    }

    static UsageCollector fromEnvironment(Map<String, String> env) {
        String region = MeteringEnv.region(env);
        DynamoDbClient dynamo = DynamoDbClientFactory.create(region, MeteringEnv.dynamoDbEndpoint(env));
        Clock clock = Clock.systemUTC();
        StackClients clients = StackClients.create(Optional.empty());
        StsClient sts = StsClient.builder().httpClient(clients.jdkHttp()).region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        StackCredentials credentials = new StackCredentials(sts,
                Environment.optional(env, MeteringEnv.AWS_LAMBDA_FUNCTION_NAME).orElse("usage-collector"));
        return new UsageCollector(
                new TenantDirectory(dynamo, Environment.required(env, MeteringEnv.TENANT_DETAILS_TABLE)),
                new AssumedRoleStacks(credentials, clients, clock),
                new ApiGatewayPlanUsage(credentials, clients.jdkHttp(), Optional.empty()),
                new TenantUsageTable(dynamo, Environment.required(env, MeteringEnv.TENANT_USAGE_TABLE)),
                List.of(), MeteringMetrics.TELEMETRY, clock);
    }
}
