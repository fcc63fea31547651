package functions.operators;

import static functions.shared.Environment.required;

import contract.Env;
import functions.shared.FunctionConfig;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The operator function's environment, read and checked once at init so a misconfigured deployment fails on its
 * first cold start with a message naming the variable.
 *
 * @param operationsUserPoolId the operations user pool ({@code OPERATIONS_USER_POOL_ID}, {@code <region>_<id>}, in
 *                             the function's own region: the Cognito client is built for that region)
 * @param region               the function's region ({@code AWS_REGION})
 */
public record OperatorConfig(String operationsUserPoolId, String region) {

    public static final String OPERATIONS_USER_POOL_ID = Env.OPERATIONS_USER_POOL_ID.variable();

    // Cognito's pool id: the pool's region, an underscore, then letters and digits.
    private static final Pattern USER_POOL_ID = Pattern.compile("([a-z]{2}(-[a-z]+)+-[0-9]{1,2})_[0-9a-zA-Z]+");

    public OperatorConfig {
        Objects.requireNonNull(operationsUserPoolId, OPERATIONS_USER_POOL_ID);
        Objects.requireNonNull(region, FunctionConfig.AWS_REGION);
        var matcher = USER_POOL_ID.matcher(operationsUserPoolId);
        if (!matcher.matches()) {
            throw new IllegalStateException(OPERATIONS_USER_POOL_ID + " must be a user pool id like us-east-1_AbC123, got '"
                    + operationsUserPoolId + "'");
        }
        if (!matcher.group(1).equals(region)) {
            throw new IllegalStateException(OPERATIONS_USER_POOL_ID + " names a pool in " + matcher.group(1)
                    + " but the function runs in " + region + " (" + FunctionConfig.AWS_REGION + ")");
        }
    }

    /** Reads the configuration; throws {@link IllegalStateException} naming the first bad variable. */
    public static OperatorConfig fromEnvironment(Map<String, String> env) {
        return new OperatorConfig(required(env, OPERATIONS_USER_POOL_ID), required(env, FunctionConfig.AWS_REGION));
    }
}
