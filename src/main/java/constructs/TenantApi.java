package constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.ApiKeySourceType;
import software.amazon.awscdk.services.apigateway.TokenAuthorizer;
import software.amazon.awscdk.services.apigateway.IAuthorizer;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CfnStage;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.MockIntegration;
import software.amazon.awscdk.services.apigateway.PassthroughBehavior;
import software.amazon.awscdk.services.apigateway.Period;
import software.amazon.awscdk.services.apigateway.QuotaSettings;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.ThrottleSettings;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
import software.amazon.awscdk.services.apigateway.UsagePlanProps;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A regional REST API of the fleet: JSON access logs, execution logs, X-Ray and a throttle shared by all callers
 * on the {@code prod} stage, request validation, a WAF web ACL, routes authorized by the fleet's Lambda TOKEN
 * authorizer, and (for tenant APIs) a usage plan whose throttle and quota apply to each API key in it.
 */
public final class TenantApi extends Construct {

    public static final String STAGE = "prod";

    /**
     * @param description what the API serves (required)
     * @param limits      the usage plan's per-key limits and the stage's tier-wide throttle; {@code null} for an
     *                    API with no usage plan, whose routes then need no API key (@default no usage plan, the
     *                    stage throttled at {@link #ADMIN_STAGE_THROTTLE})
     * @param authorizer  the Lambda TOKEN authorizer that verifies the pools' ID tokens itself and returns the
     *                    caller's route policy, tenant context and API key ({@code usageIdentifierKey}: the usage
     *                    plan then meters each tenant by its own key) (required)
     */
    public record Props(String description, UsageLimits limits, IFunction authorizer) {
        public Props {
            Objects.requireNonNull(description, "TenantApi: description is required");
            Objects.requireNonNull(authorizer, "TenantApi: authorizer is required");
        }
    }

    /**
     * The access log line, one JSON object per request (fields from
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html):
     * the tenant and tier from the authorizer's context (functions.authorizer.Authorizer puts {@code tenantId},
     * {@code tier} and {@code userRole}), the usage-plan key id, and the error type API Gateway answered with
     * ({@code THROTTLED}, {@code QUOTA_EXCEEDED}: usage-plan 429s, which no function sees). {@code status} and
     * {@code responseLatency} are numbers, so Contributor Insights and metric filters can compare and sum them.
     */
    public static final String ACCESS_LOG_FORMAT = "{"
            + "\"requestId\":\"$context.requestId\","
            + "\"requestTime\":\"$context.requestTime\","
            + "\"apiId\":\"$context.apiId\","
            + "\"stage\":\"$context.stage\","
            + "\"httpMethod\":\"$context.httpMethod\","
            + "\"resourcePath\":\"$context.resourcePath\","
            + "\"status\":$context.status,"
            + "\"responseLatency\":$context.responseLatency,"
            + "\"integrationLatency\":\"$context.integrationLatency\","
            + "\"responseLength\":\"$context.responseLength\","
            + "\"tenantId\":\"$context.authorizer.tenantId\","
            + "\"tier\":\"$context.authorizer.tier\","
            + "\"role\":\"$context.authorizer.userRole\","
            + "\"apiKeyId\":\"$context.identity.apiKeyId\","
            + "\"sourceIp\":\"$context.identity.sourceIp\","
            + "\"protocol\":\"$context.protocol\","
            + "\"errorType\":\"$context.error.responseType\","
            + "\"xrayTraceId\":\"$context.xrayTraceId\""
            + "}";

    /** How long API Gateway reuses a token's authorizer result (policy, context, key) before asking again. */
    static final Duration AUTHORIZER_CACHE = Duration.minutes(5);

    /** Stage throttling for APIs without a usage plan (the admin API). */
    static final UsageLimits.Throttle ADMIN_STAGE_THROTTLE = new UsageLimits.Throttle(50, 100);

    /**
     * WAF's per-IP limit (per 5 minutes) for APIs without a usage plan: the admin API serves public sign-up and
     * operators, never a tenant's server traffic.
     */
    static final long ADMIN_REQUESTS_PER_IP = 3_000;

    private final RestApi api;
    private final LogGroup accessLogs;
    private IAuthorizer authorizer;
    private final IFunction authorizerFunction;
    private final RequestValidator validator;
    private final UsagePlan usagePlan;
    private int routeThrottles;

    public TenantApi(Construct scope, String id, Props props) {
        super(scope, id);
        var limits = props.limits();
        // The stage throttle is shared by every caller of the stage; each tenant's own limit is its key's (below).
        var stageThrottle = limits == null ? ADMIN_STAGE_THROTTLE : limits.stage();
        var accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.ONE_YEAR)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        this.accessLogs = accessLogs;
        this.api = RestApi.Builder.create(this, "Api")
                // Unique in the account and region: API Gateway's metrics are per API name, and the pooled tiers
                // (and silo tenants) of a fleet share accounts.
                .restApiName(Stack.of(this).getStackName() + "-" + id)
                .description(props.description())
                .endpointTypes(List.of(EndpointType.REGIONAL))
                // Logging needs the account-level API Gateway role; each API stack declares it (retained), as
                // CloudFormation has no per-API alternative.
                .cloudWatchRole(true)
                .cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN)
                .deployOptions(StageOptions.builder()
                        .stageName(STAGE)
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.custom(ACCESS_LOG_FORMAT))
                        .loggingLevel(MethodLoggingLevel.INFO)
                        .dataTraceEnabled(false)
                        .metricsEnabled(true)
                        .tracingEnabled(true)
                        .throttlingRateLimit(stageThrottle.ratePerSecond())
                        .throttlingBurstLimit(stageThrottle.burst())
                        .build())
                // With a Lambda authorizer each tenant's own key comes from the authorizer, not from a header.
                .apiKeySourceType(limits != null ? ApiKeySourceType.AUTHORIZER : ApiKeySourceType.HEADER)
                .build();
        this.authorizerFunction = props.authorizer();
        this.validator = api.addRequestValidator("Validator", RequestValidatorOptions.builder()
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build());
        this.usagePlan = limits == null ? null : api.addUsagePlan("UsagePlan", UsagePlanProps.builder()
                .description("Per-key limits of " + props.description())
                .throttle(ThrottleSettings.builder()
                        .rateLimit(limits.perKey().ratePerSecond()).burstLimit(limits.perKey().burst()).build())
                .quota(QuotaSettings.builder().limit(limits.quotaPerDay()).period(Period.DAY).build())
                .apiStages(List.of(UsagePlanPerApiStage.builder().api(api).stage(api.getDeploymentStage()).build()))
                .build());
        new ApiFirewall(this, "Firewall", new ApiFirewall.Props(api.getDeploymentStage().getStageArn(),
                limits == null ? ADMIN_REQUESTS_PER_IP : ApiFirewall.requestsPerIpFor(limits.perKey())));
        NagSuppressions.addResourceSuppressions(api, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM4")
                .reason("The account-level API Gateway logging role needs AmazonAPIGatewayPushToCloudWatchLogs, "
                        + "the AWS-maintained policy for exactly this purpose")
                .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                        + "AmazonAPIGatewayPushToCloudWatchLogs"))
                .build()), true);
    }

    /**
     * Routes {@code method path} to a function (through whatever {@link IFunction} is given: pass an alias),
     * authorized by the Lambda authorizer, and metered by the usage plan when there is one.
     */
    public Method addRoute(String method, String path, IFunction target) {
        var route = api.getRoot().resourceForPath(path).addMethod(method, new LambdaIntegration(target),
                MethodOptions.builder()
                        .authorizationType(AuthorizationType.CUSTOM)
                        .authorizer(authorizer())
                        .apiKeyRequired(usagePlan != null)
                        .requestValidator(validator)
                        .build());
        NagSuppressions.addResourceSuppressions(route, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-COG4")
                .reason("Routes use the fleet's Lambda TOKEN authorizer, which verifies the pool's Cognito ID "
                        + "tokens itself (RS256 signature against the pool's JWKS, issuer, audience, expiry, "
                        + "token use) and adds what a Cognito authorizer cannot: per-role route policies, the "
                        + "tenant context and each tenant's own usage-plan key")
                .build()));
        return route;
    }

    /**
     * Routes {@code method path} to a function with no authorization at all: only for a route that must serve
     * callers without an account, such as sign-up. {@code reason} says why it is safe and lands in the cdk-nag
     * suppressions (and so in docs/SECURITY.md).
     */
    public Method addPublicRoute(String method, String path, IFunction target, String reason) {
        Objects.requireNonNull(reason, "TenantApi.addPublicRoute: reason is required");
        var route = addMethod(method, path, target, AuthorizationType.NONE);
        NagSuppressions.addResourceSuppressions(route, List.of(
                NagPackSuppression.builder().id("AwsSolutions-APIG4").reason(reason).build(),
                NagPackSuppression.builder().id("AwsSolutions-COG4").reason(reason).build()));
        return route;
    }

    /**
     * Routes {@code method path} to a function for AWS callers only: the request must be SigV4-signed by an
     * identity whose IAM policy allows {@code execute-api:Invoke} on this route (automation such as the fleet
     * pipeline, never a user token). {@code caller} names who calls it and lands in the cdk-nag suppression.
     */
    public Method addIamRoute(String method, String path, IFunction target, String caller) {
        Objects.requireNonNull(caller, "TenantApi.addIamRoute: caller is required");
        var route = addMethod(method, path, target, AuthorizationType.IAM);
        NagSuppressions.addResourceSuppressions(route, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-COG4")
                .reason(method + " " + path + " is an internal route authorized by AWS IAM (SigV4), not by a user "
                        + "pool: only " + caller + " may invoke it")
                .build()));
        return route;
    }

    /**
     * Gives {@code method path} its own throttle on the stage (a MethodSetting next to the stage-wide {@code /*}{@code /*}
     * one, with the same logging and metrics), apart from the stage throttle every other route shares and from any
     * usage plan. API Gateway applies per-method limits within the account's per-Region limit, best effort
     * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html).
     */
    public void throttleRoute(String method, String path, UsageLimits.Throttle throttle) {
        var stage = (CfnStage) api.getDeploymentStage().getNode().getDefaultChild();
        // Index 0 is the stage-wide setting from deployOptions; CloudFormation encodes a path's slashes as ~1
        // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigateway-stage-methodsetting.html).
        // Sorted: Map.of's order changes from one JVM to the next, and the template must not.
        stage.addPropertyOverride("MethodSettings." + (++routeThrottles), new TreeMap<>(Map.of(
                "HttpMethod", method,
                "ResourcePath", "/" + path.replace("/", "~1"),
                "ThrottlingRateLimit", throttle.ratePerSecond(),
                "ThrottlingBurstLimit", throttle.burst(),
                "LoggingLevel", MethodLoggingLevel.INFO.name(),
                "MetricsEnabled", true,
                "DataTraceEnabled", false)));
    }

    // A route without the API's authorizer or key: validated, integrated with the function, nothing else.
    private Method addMethod(String method, String path, IFunction target, AuthorizationType authorization) {
        return api.getRoot().resourceForPath(path).addMethod(method, new LambdaIntegration(target),
                MethodOptions.builder()
                        .authorizationType(authorization)
                        .requestValidator(validator)
                        .build());
    }

    // Created with the first route: CDK rejects an authorizer that no method uses.
    private IAuthorizer authorizer() {
        if (authorizer == null) {
            authorizer = TokenAuthorizer.Builder.create(this, "TokenAuthorizer")
                    .handler(authorizerFunction)
                    .identitySource("method.request.header.Authorization")
                    .resultsCacheTtl(AUTHORIZER_CACHE)
                    .build();
        }
        return authorizer;
    }

    /** A public {@code GET /health} answered by API Gateway itself: it touches no function and no data. */
    public Method addHealthRoute() {
        var integration = MockIntegration.Builder.create()
                .passthroughBehavior(PassthroughBehavior.NEVER)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}"))
                .integrationResponses(List.of(IntegrationResponse.builder()
                        .statusCode("200")
                        .responseTemplates(Map.of("application/json", "{\"status\": \"ok\"}"))
                        .build()))
                .build();
        var method = api.getRoot().addResource("health").addMethod("GET", integration, MethodOptions.builder()
                .authorizationType(AuthorizationType.NONE)
                .requestValidator(validator)
                .methodResponses(List.of(MethodResponse.builder().statusCode("200").build()))
                .build());
        NagSuppressions.addResourceSuppressions(method, List.of(
                NagPackSuppression.builder().id("AwsSolutions-APIG4")
                        .reason("GET /health is a public liveness probe answered by a mock integration; it "
                                + "reaches no function or data").build(),
                NagPackSuppression.builder().id("AwsSolutions-COG4")
                        .reason("GET /health is a public liveness probe answered by a mock integration; it "
                                + "reaches no function or data").build()));
        return method;
    }

    public RestApi api() {
        return api;
    }

    /** The stage's JSON access log ({@link #ACCESS_LOG_FORMAT}). */
    public LogGroup accessLogs() {
        return accessLogs;
    }

    /** The usage plan that tenant API keys join; {@code null} for an API without one. */
    public UsagePlan usagePlan() {
        return usagePlan;
    }
}
