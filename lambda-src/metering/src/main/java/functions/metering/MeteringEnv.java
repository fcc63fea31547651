package functions.metering;

import functions.shared.Environment;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The environment variables of the metering functions (names shared with the CDK app, contract-17). */
final class MeteringEnv {

    static final String TENANT_USAGE_TABLE = "TENANT_USAGE_TABLE";
    static final String TENANT_COST_TABLE = "TENANT_COST_TABLE";
    static final String TENANT_DETAILS_TABLE = "TENANT_DETAILS_TABLE";
    static final String REGISTRATIONS_TABLE = "REGISTRATIONS_TABLE";
    static final String STUCK_AFTER_MINUTES = "STUCK_AFTER_MINUTES";
    static final String COST_TAG_KEY = "COST_TAG_KEY";
    static final String TIER_TAG_KEY = "TIER_TAG_KEY";
    /** Optional: a role in the organization's management account, where Cost Explorer sees every member account. */
    static final String COST_EXPLORER_ROLE_ARN = "COST_EXPLORER_ROLE_ARN";
    static final String AWS_REGION = "AWS_REGION";
    static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    static final String AWS_LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

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
