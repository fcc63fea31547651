package functions.metering;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import functions.shared.ApiInvocation;
import functions.shared.ApiResult;
import functions.shared.CallerContext;
import functions.shared.DynamoDbClientFactory;
import functions.shared.Environment;
import functions.shared.Requests;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point {@code functions.metering.MeteringHandler::handleRequest}: {@code GET /tenants/{tenantId}/usage}
 * and {@code GET /tenants/{tenantId}/cost} on the admin API, {@code ?from=YYYY-MM-DD&to=YYYY-MM-DD}. Routes only;
 * the rules are {@link MeteringQueries}'.
 */
public final class MeteringHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final String USAGE = "/tenants/{tenantId}/usage";
    static final String COST = "/tenants/{tenantId}/cost";
    private static final Set<String> RESOURCES = Set.of(USAGE, COST);

    private final MeteringQueries queries;

    /** Used by Lambda: reads the environment and builds the DynamoDB client during init. */
    public MeteringHandler() {
        this(System.getenv());
    }

    MeteringHandler(Map<String, String> env) {
        this(fromEnvironment(env));
    }

    MeteringHandler(MeteringQueries queries) {
        this.queries = queries;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiInvocation.handleCaller(event, context, this::route);
    }

    private ApiResult route(String route, CallerContext caller, APIGatewayProxyRequestEvent event) {
        String tenantId = Requests.pathParameter(event, "tenantId");
        String from = Requests.queryParameter(event, "from");
        String to = Requests.queryParameter(event, "to");
        return switch (route) {
            case "GET " + USAGE -> ApiResult.ok(queries.usage(caller, tenantId, from, to));
            case "GET " + COST -> ApiResult.ok(queries.cost(caller, tenantId, from, to));
            default -> throw ApiInvocation.unmatched(route, RESOURCES);
        };
    }

    static MeteringQueries fromEnvironment(Map<String, String> env) {
        DynamoDbClient dynamo = DynamoDbClientFactory.create(MeteringEnv.region(env),
                MeteringEnv.dynamoDbEndpoint(env));
        return new MeteringQueries(
                new TenantUsageTable(dynamo, Environment.required(env, MeteringEnv.TENANT_USAGE_TABLE)),
                new TenantCostTable(dynamo, Environment.required(env, MeteringEnv.TENANT_COST_TABLE)));
    }
}
