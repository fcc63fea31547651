package functions.bootstrap;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import functions.shared.DynamoDbClientFactory;
import functions.shared.Environment;
import functions.shared.FunctionConfig;
import functions.shared.Telemetry;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda entry point {@code functions.bootstrap.SettingsSeedHandler::handleRequest}, the service token of the
 * baseline's {@code Custom::SettingsSeed} ({@link SettingsSeed}); environment {@code SETTINGS_TABLE}, {@code AWS_REGION}.
 */
public final class SettingsSeedHandler implements RequestHandler<CloudFormationCustomResourceEvent, Map<String, Object>> {

    public static final String SETTINGS_TABLE = "SETTINGS_TABLE";

    private final CustomResourceProvider provider;

    /** Used by Lambda: the configuration from the environment, the DynamoDB client built once at init. */
    public SettingsSeedHandler() {
        this(new SettingsSeed(DynamoDbClientFactory.create(
                Environment.required(System.getenv(), FunctionConfig.AWS_REGION), Optional.empty()),
                Environment.required(System.getenv(), SETTINGS_TABLE)), CustomResourceProvider.DEFAULT_MARGIN);
    }

    SettingsSeedHandler(SettingsSeed seed, java.time.Duration margin) {
        this.provider = new CustomResourceProvider(SettingsSeed.RESOURCE_TYPE, seed, new ResponseUrl(), margin);
    }

    @Override
    public Map<String, Object> handleRequest(CloudFormationCustomResourceEvent event, Context context) {
        return Telemetry.invoke(context, () -> CustomResourceHandlers.handle(provider, event, context));
    }
}
