package functions.metering;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import functions.provisioning.PooledTierStacks;
import functions.provisioning.StackCredentials;
import functions.shared.DynamoDbClientFactory;
import functions.shared.Environment;
import functions.shared.Telemetry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Lambda entry point {@code functions.metering.CostAllocatorHandler::handleRequest}: EventBridge's daily schedule
 * (06:00 UTC) costs the day before yesterday (Cost Explorer's data lags up to a day); {@code {"day": "YYYY-MM-DD"}}
 * costs (again) that day. Any failure is thrown, so Lambda counts an Error and nothing of the day is published.
 */
public final class CostAllocatorHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Cost Explorer's one endpoint is in us-east-1 (aws partition). */
    static final Region COST_EXPLORER_REGION = Region.US_EAST_1;

    private final CostAllocator allocator;
    private final Clock clock;

    /** Used by Lambda: reads the environment and builds the clients during init. */
    public CostAllocatorHandler() {
        this(fromEnvironment(System.getenv()), Clock.systemUTC());
    }

    CostAllocatorHandler(CostAllocator allocator, Clock clock) {
        this.allocator = allocator;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Telemetry.invoke(context, () -> {
            var outcome = allocator.allocate(ScheduledDay.of(event, clock, 2));
            return Map.<String, Object>of("day", outcome.day().toString(), "runId", outcome.runId(),
                    "costRecordsWritten", outcome.records().size());
        });
    }

    static CostAllocator fromEnvironment(Map<String, String> env) {
        String region = MeteringEnv.region(env);
        DynamoDbClient dynamo = DynamoDbClientFactory.create(region, MeteringEnv.dynamoDbEndpoint(env));
        Clock clock = Clock.systemUTC();
        CostExplorerClientBuilder ce = CostExplorerCostSource.retrying(CostExplorerClient.builder(),
                CostExplorerCostSource.THROTTLE_BACKOFF).httpClient(UrlConnectionHttpClient.create())
                .region(COST_EXPLORER_REGION);
        Optional<String> role = Environment.optional(env, MeteringEnv.COST_EXPLORER_ROLE_ARN);
        if (role.isPresent()) {
            StsClient sts = StsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(region))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
            ce.credentialsProvider(new StackCredentials(sts, Environment.optional(env,
                    MeteringEnv.AWS_LAMBDA_FUNCTION_NAME).orElse("cost-allocator")).providerFor(role.get()));
        } else {
            ce.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        String tenantTag = Environment.optional(env, MeteringEnv.COST_TAG_KEY).orElse(MeteringEnv.DEFAULT_COST_TAG_KEY);
        String tierTag = Environment.optional(env, MeteringEnv.TIER_TAG_KEY).orElse(MeteringEnv.DEFAULT_TIER_TAG_KEY);
        PooledTierStacks pooled = Environment.optional(env, PooledTierStacks.VARIABLE).map(PooledTierStacks::parse)
                .orElseGet(() -> new PooledTierStacks(Map.of()));
        return new CostAllocator(
                new TenantDirectory(dynamo, Environment.required(env, MeteringEnv.TENANT_DETAILS_TABLE)),
                new TenantUsageTable(dynamo, Environment.required(env, MeteringEnv.TENANT_USAGE_TABLE)),
                new CostExplorerCostSource(ce.build(), tenantTag, tierTag), pooled,
                new TenantCostTable(dynamo, Environment.required(env, MeteringEnv.TENANT_COST_TABLE)),
                MeteringMetrics.TELEMETRY, clock, tenantTag);
    }
}
