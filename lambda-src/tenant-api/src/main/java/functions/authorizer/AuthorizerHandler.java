package functions.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import functions.shared.DynamoDbClientFactory;
import functions.shared.RequestMetrics;
import functions.shared.Telemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point {@code functions.authorizer.AuthorizerHandler::handleRequest}, an API Gateway REST API
 * TOKEN authorizer: reads {@code {"type":"TOKEN","authorizationToken":"Bearer <jwt>","methodArn":"..."}}, lets
 * {@link Authorizer} decide, logs one line, and answers with the policy, or fails with exactly
 * {@code Unauthorized} (API Gateway's 401). A stream handler, so the response is written by this function's
 * own Jackson rather than by whatever the runtime's serializer makes of it.
 */
public final class AuthorizerHandler implements RequestStreamHandler {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    // A REQUEST-shaped event, or fields a later API Gateway adds, still reads: only the TOKEN fields matter here.
    private static final ObjectMapper EVENTS = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Authorizer authorizer;
    private final RequestMetrics metrics;
    private final Optional<String> siloTenant;

    /** Used by Lambda: reads the environment and builds the clients during init (inside the snapshot). */
    public AuthorizerHandler() {
        this(AuthorizerConfig.fromEnvironment(System.getenv()), Clock.systemUTC());
    }

    AuthorizerHandler(AuthorizerConfig config, Clock clock) {
        this(config, clock, TenantPools.COGNITO);
    }

    /** With {@code issuers} spelling tenant pools' issuers, so tests can serve their keys on loopback. */
    AuthorizerHandler(AuthorizerConfig config, Clock clock, TenantPools.Issuers issuers) {
        this(authorizer(config, clock, issuers));
    }

    AuthorizerHandler(Authorizer authorizer) {
        this.authorizer = authorizer;
        this.metrics = RequestMetrics.fromEnvironment(System.getenv());
        this.siloTenant = authorizer.siloTenant().map(Object::toString);
    }

    /**
     * Every request writes its metrics: a dependency failure (API Gateway answers 500) is a server error; a rejected
     * token (401) or a Deny (403) is the authorizer doing its job and never is, though Lambda counts the 401's
     * {@code Unauthorized} as an invocation {@code Errors}.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Telemetry.invokeStream(context, siloTenant, () -> {
            long started = System.nanoTime();
            boolean serverError = true;
            boolean denied = false;
            try {
                denied = decide(input, output) != Decision.Outcome.ALLOW;
                serverError = false;
            } catch (Unauthorized e) {
                serverError = false;
                denied = true;
                throw e;
            } finally {
                long latency = (System.nanoTime() - started) / 1_000_000;
                Telemetry.emit(List.of(Telemetry.Metric.count(Telemetry.REQUESTS, 1),
                        Telemetry.Metric.count(Telemetry.DENIED, denied ? 1 : 0),
                        Telemetry.Metric.milliseconds(Telemetry.LATENCY, latency)), Map.of());
                metrics.record(context, serverError, latency);
            }
        });
    }

    /** Writes the policy; returns the outcome (an unauthorized caller throws {@link Unauthorized} instead). */
    private Decision.Outcome decide(InputStream input, OutputStream output) throws IOException {
        APIGatewayCustomAuthorizerEvent event = read(input);
        String type = event.getType();
        String token = event.getAuthorizationToken();
        String methodArn = event.getMethodArn();
        Decision decision;
        try {
            decision = "TOKEN".equals(type) ? authorizer.decide(token, methodArn)
                    : Decision.unauthorized("not_a_token_event", Optional.empty());
        } catch (AuthorizerUnavailableException e) {
            Telemetry.error("authorizer_decision", "decision", "error", "reason", e.getMessage());
            // Any message but "Unauthorized" makes API Gateway answer 500 and cache nothing.
            throw new IllegalStateException("authorizer dependency unavailable");
        }
        logDecision(decision, methodArn);
        if (decision.policy().isEmpty()) {
            throw new Unauthorized();
        }
        MAPPER.writeValue(output, decision.policy().get().toResponse());
        return decision.outcome();
    }

    /** The one failure API Gateway maps to 401: its message must be exactly {@code Unauthorized}. */
    static final class Unauthorized extends RuntimeException {
        Unauthorized() {
            super("Unauthorized", null, false, false);
        }
    }

    // The library's type for a REST API authorizer event; a TOKEN event fills type, authorizationToken and methodArn.
    private static APIGatewayCustomAuthorizerEvent read(InputStream input) {
        try {
            APIGatewayCustomAuthorizerEvent event = EVENTS.readValue(input, APIGatewayCustomAuthorizerEvent.class);
            return event == null ? new APIGatewayCustomAuthorizerEvent() : event;
        } catch (IOException e) {
            // Deliberately not the parser's message: it may quote the event, token included.
            return new APIGatewayCustomAuthorizerEvent();
        }
    }

    // Tenant, role, decision and reason; the route only as method and path. Never the token or any claim of it
    // beyond those.
    private static void logDecision(Decision decision, String methodArn) {
        Optional<MethodArn> arn = parsedArn(methodArn);
        decision.caller().flatMap(Caller::tenant).map(Object::toString).ifPresent(Telemetry::tenant);
        decision.caller().flatMap(Caller::tier).ifPresent(Telemetry::tier);
        decision.caller().map(c -> c.role().claimValue()).ifPresent(Telemetry::role);
        Object[] fields = {
                "decision", decision.outcome().name().toLowerCase(Locale.ROOT),
                "reason", decision.reason(),
                "method", arn.map(MethodArn::method).orElse(null),
                "path", arn.map(a -> "/" + a.path()).orElse(null),
        };
        if (decision.outcome() == Decision.Outcome.ALLOW) {
            Telemetry.info("authorizer_decision", fields);
        } else {
            Telemetry.warn("authorizer_decision", fields);
        }
    }

    private static Optional<MethodArn> parsedArn(String methodArn) {
        try {
            return Optional.of(MethodArn.parse(methodArn));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Authorizer authorizer(AuthorizerConfig config, Clock clock, TenantPools.Issuers issuers) {
        DynamoDbClient dynamoDb = DynamoDbClientFactory.create(config.region(), config.dynamoDbEndpoint());
        JwksCache keys = JwksCache.overHttp(clock, config.localJwks());
        if (config.apiKind() == ApiKind.ADMIN) {
            TenantDirectory tenants = new CachingTenantDirectory(
                    new DynamoDbTenantDirectory(dynamoDb, config.tenantDetails().orElseThrow()), clock);
            TokenVerifier verifier = new TokenVerifier(config.pools(), keys, clock,
                    Optional.of(new TenantPools(tenants, issuers)));
            ApiKeyResolver unmetered = tenant -> {
                throw new IllegalStateException("the admin API is not metered per tenant");
            };
            return new Authorizer(ApiKind.ADMIN, Optional.empty(), verifier, unmetered, tenants);
        }
        ApiKeyResolver apiKeys = new CachingApiKeyResolver(
                new DynamoDbApiKeyResolver(dynamoDb, config.apiKeysTable().orElseThrow()), clock);
        return new Authorizer(ApiKind.TENANT, config.siloTenant(), new TokenVerifier(config.pools(), keys, clock),
                apiKeys, TenantDirectory.NONE);
    }
}
