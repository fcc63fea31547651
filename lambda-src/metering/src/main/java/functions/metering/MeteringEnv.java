package functions.metering;

import contract.Env;
import functions.shared.Environment;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The environment variables of the metering functions (names shared with the CDK app, contract-17). */
final class MeteringEnv {

    static final String TENANT_USAGE_TABLE = Env.TENANT_USAGE_TABLE.variable();
    static final String TENANT_COST_TABLE = Env.TENANT_COST_TABLE.variable();
    static final String TENANT_DETAILS_TABLE = Env.TENANT_DETAILS_TABLE.variable();
    static final String REGISTRATIONS_TABLE = Env.REGISTRATIONS_TABLE.variable();
    static final String STUCK_AFTER_MINUTES = Env.STUCK_AFTER_MINUTES.variable();
    static final String COST_TAG_KEY = Env.COST_TAG_KEY.variable();
    static final String TIER_TAG_KEY = Env.TIER_TAG_KEY.variable();
    /** Optional: a role in the organization's management account, where Cost Explorer sees every member account. */
    static final String COST_EXPLORER_ROLE_ARN = Env.COST_EXPLORER_ROLE_ARN.variable();
    static final String AWS_REGION = Env.AWS_REGION.variable();
    static final String DYNAMODB_ENDPOINT = Env.DYNAMODB_ENDPOINT.variable();
    static final String AWS_LAMBDA_FUNCTION_NAME = Env.AWS_LAMBDA_FUNCTION_NAME.variable();

    static final String DEFAULT_COST_TAG_KEY = "TenantId";
    static final String DEFAULT_TIER_TAG_KEY = "Tier";
    static final int DEFAULT_STUCK_AFTER_MINUTES = 30;

    private MeteringEnv() {
    }

    static String region(Map<String, String> env) {
        return Environment.required(env, AWS_REGION);
    }

    static Optional<URI> dynamoDbEndpoint(Map<String, String> env) {
        return Environment.optional(env, DYNAMODB_ENDPOINT)
                .map(raw -> Environment.endpoint(DYNAMODB_ENDPOINT, raw, "http://127.0.0.1:8000"));
    }

    static int stuckAfterMinutes(Map<String, String> env) {
        String raw = Environment.optional(env, STUCK_AFTER_MINUTES).orElse(null);
        if (raw == null) {
            return DEFAULT_STUCK_AFTER_MINUTES;
        }
        try {
            int minutes = Integer.parseInt(raw);
            if (minutes >= 1) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // Reported below with the variable's name.
        }
        throw new IllegalStateException(STUCK_AFTER_MINUTES + " must be an integer >= 1, got '" + raw + "'");
    }
}
