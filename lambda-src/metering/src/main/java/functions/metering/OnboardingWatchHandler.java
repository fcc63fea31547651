package functions.metering;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import functions.shared.DynamoDbClientFactory;
import functions.shared.Environment;
import functions.shared.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Lambda entry point {@code functions.metering.OnboardingWatchHandler::handleRequest}, every 15 minutes:
 * registrations in PROVISIONING longer than {@code STUCK_AFTER_MINUTES} (default 30) as the metric
 * {@code RegistrationsStuck} and one log line each.
 */
public final class OnboardingWatchHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final OnboardingWatch watch;

    /** Used by Lambda: reads the environment and builds the DynamoDB client during init. */
    public OnboardingWatchHandler() {
        this(System.getenv());
    }

    OnboardingWatchHandler(Map<String, String> env) {
        this(fromEnvironment(env));
    }

    OnboardingWatchHandler(OnboardingWatch watch) {
        this.watch = watch;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Telemetry.invoke(context, () -> Map.<String, Object>of("registrationsStuck", watch.check().size()));
    }

    static OnboardingWatch fromEnvironment(Map<String, String> env) {
        return new OnboardingWatch(
                DynamoDbClientFactory.create(MeteringEnv.region(env), MeteringEnv.dynamoDbEndpoint(env)),
                Environment.required(env, MeteringEnv.REGISTRATIONS_TABLE),
                Duration.ofMinutes(MeteringEnv.stuckAfterMinutes(env)),
                MeteringMetrics.TELEMETRY, Clock.systemUTC());
    }
}
