package functions.tenants;

import static functions.shared.Environment.optional;

import contract.Env;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM roles whose sessions may call the admin API's internal (AWS_IAM) routes: the fleet pipelines'
 * ActivateSilos steps. API Gateway's IAM authorization only proves that the caller may invoke the route; any
 * principal of the account with a broad {@code execute-api:Invoke} could, so the handler also checks the role.
 *
 * @param roleArns {@code INTERNAL_CALLER_ROLES}: comma-separated role ARNs
 *                 ({@code arn:<partition>:iam::<account>:role/<name>}); none when unset, and then no caller is
 *                 internal
 */
public record InternalCallers(Set<String> roleArns) {

    public static final String VARIABLE = Env.INTERNAL_CALLER_ROLES.variable();
    private static final Pattern ROLE = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):iam::[0-9]{12}:role/[\\w+=,.@-]{1,64}");
    // What API Gateway reports as identity.userArn for a role session (CodeBuild's service role, for one).
    private static final Pattern SESSION = Pattern.compile(
            "arn:(aws|aws-cn|aws-us-gov):sts::([0-9]{12}):assumed-role/([\\w+=,.@-]{1,64})/[\\w+=,.@-]{1,64}");

    public InternalCallers {
        roleArns = Set.copyOf(roleArns);
    }

    public static InternalCallers none() {
        return new InternalCallers(Set.of());
    }

    /** @throws IllegalStateException naming the variable and the first entry that is not a role ARN */
    public static InternalCallers fromEnvironment(Map<String, String> env) {
        var roles = new TreeSet<String>();
        optional(env, VARIABLE).ifPresent(raw -> Arrays.stream(raw.split(",", -1)).map(String::strip).forEach(entry -> {
            if (!ROLE.matcher(entry).matches()) {
                throw new IllegalStateException(VARIABLE + ": '" + entry + "' is not an IAM role ARN "
                        + "(arn:<partition>:iam::<account>:role/<name>)");
            }
            roles.add(entry);
        }));
        return new InternalCallers(roles);
    }

    /** True when {@code userArn} is a session of one of the roles. */
    public boolean allows(String userArn) {
        Matcher session = userArn == null ? null : SESSION.matcher(userArn);
        if (session == null || !session.matches()) {
            return false;
        }
        return roleArns.contains("arn:" + session.group(1) + ":iam::" + session.group(2) + ":role/" + session.group(3));
    }
}
