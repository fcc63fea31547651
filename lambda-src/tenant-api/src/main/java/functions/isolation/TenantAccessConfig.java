package functions.isolation;

import functions.shared.Environment;
import static functions.shared.Environment.optional;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a pooled API function needs to sign its data calls per tenant, read once at init; errors name the variable.
 * Silo functions do not read it: they use their own role.
 *
 * @param roleArn     the tenant-access role assumed per tenant ({@code TENANT_ACCESS_ROLE_ARN})
 * @param tableArns   the pooled tables a tenant session may reach, comma-separated ({@code TENANT_TABLE_ARNS});
 *                    must include the function's own {@code TABLE_NAME}
 * @param keyArns     the customer-managed KMS keys of those tables, comma-separated ({@code TENANT_TABLE_KEY_ARNS});
 *                    empty (unset) when they use AWS owned or AWS managed keys
 * @param stsEndpoint endpoint override ({@code STS_ENDPOINT}); only set to reach a local STS in tests
 */
public record TenantAccessConfig(String roleArn, List<String> tableArns, List<String> keyArns,
                                 Optional<URI> stsEndpoint) {

    public static final String TENANT_ACCESS_ROLE_ARN = contract.Env.TENANT_ACCESS_ROLE_ARN.variable();
    public static final String TENANT_TABLE_ARNS = contract.Env.TENANT_TABLE_ARNS.variable();
    public static final String TENANT_TABLE_KEY_ARNS = contract.Env.TENANT_TABLE_KEY_ARNS.variable();
    public static final String STS_ENDPOINT = contract.Env.STS_ENDPOINT.variable();

    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,576}");

    public TenantAccessConfig {
        Objects.requireNonNull(roleArn, TENANT_ACCESS_ROLE_ARN);
        tableArns = List.copyOf(Objects.requireNonNull(tableArns, TENANT_TABLE_ARNS));
        keyArns = List.copyOf(Objects.requireNonNull(keyArns, TENANT_TABLE_KEY_ARNS));
        Objects.requireNonNull(stsEndpoint, STS_ENDPOINT);
    }

    /**
     * Reads and checks the variables; {@code tableName} is the function's {@code TABLE_NAME}, which must be one of
     * the tables (or every call would be denied). Throws {@link IllegalStateException} naming the bad variable.
     */
    public static TenantAccessConfig fromEnvironment(Map<String, String> env, String tableName) {
        String roleArn = required(env, TENANT_ACCESS_ROLE_ARN);
        if (!ROLE_ARN.matcher(roleArn).matches()) {
            throw new IllegalStateException(TENANT_ACCESS_ROLE_ARN + " must be an IAM role ARN, got '" + roleArn + "'");
        }
        List<String> tableArns = arns(TENANT_TABLE_ARNS, required(env, TENANT_TABLE_ARNS),
                TenantSessionPolicy.TABLE_ARN, "DynamoDB table");
        List<String> keyArns = arns(TENANT_TABLE_KEY_ARNS, optional(env, TENANT_TABLE_KEY_ARNS).orElse(""),
                TenantSessionPolicy.KEY_ARN, "KMS key");
        if (tableArns.stream().noneMatch(arn -> arn.endsWith(":table/" + tableName))) {
            throw new IllegalStateException(TENANT_TABLE_ARNS + " must include the function's table " + tableName
                    + " (TABLE_NAME), got " + tableArns);
        }
        return new TenantAccessConfig(roleArn, tableArns, keyArns,
                optional(env, STS_ENDPOINT).map(raw -> Environment.endpoint(STS_ENDPOINT, raw,
                        "http://127.0.0.1:4566")));
    }

    private static List<String> arns(String variable, String raw, Pattern pattern, String kind) {
        List<String> arns = Arrays.stream(raw.split(",")).map(String::strip).filter(arn -> !arn.isEmpty()).toList();
        for (String arn : arns) {
            if (!pattern.matcher(arn).matches()) {
                throw new IllegalStateException(variable + " must be comma-separated " + kind + " ARNs, got '" + arn
                        + "'");
            }
        }
        return arns;
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> new IllegalStateException(
                "environment variable " + name + " is required in a pooled function (no TENANT_ID) but not set"));
    }
}
