package functions.bootstrap;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import functions.shared.Environment;
import functions.shared.FunctionConfig;
import functions.shared.Telemetry;
import functions.users.CognitoUserDirectory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda entry point {@code functions.bootstrap.OperatorsSeedHandler::handleRequest}, the service token of the
 * baseline's {@code Custom::Operators} ({@link OperatorsSeed}); environment {@code OPERATIONS_USER_POOL_ID},
 * {@code AWS_REGION}.
 */
public final class OperatorsSeedHandler implements RequestHandler<CloudFormationCustomResourceEvent, Map<String, Object>> {

    public static final String OPERATIONS_USER_POOL_ID = "OPERATIONS_USER_POOL_ID";

    private final CustomResourceProvider provider;

    /** Used by Lambda: the configuration from the environment, the Cognito client built once at init. */
    public OperatorsSeedHandler() {
        this(new OperatorsSeed(CognitoUserDirectory.create(
                Environment.required(System.getenv(), FunctionConfig.AWS_REGION), Optional.empty()),
                Environment.required(System.getenv(), OPERATIONS_USER_POOL_ID)), CustomResourceProvider.DEFAULT_MARGIN);
    }

    OperatorsSeedHandler(OperatorsSeed seed, Duration margin) {
        this.provider = new CustomResourceProvider(OperatorsSeed.RESOURCE_TYPE, seed, new ResponseUrl(), margin);
    }

    @Override
    public Map<String, Object> handleRequest(CloudFormationCustomResourceEvent event, Context context) {
        return Telemetry.invoke(context, () -> CustomResourceHandlers.handle(provider, event, context));
    }
}
