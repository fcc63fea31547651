package functions.authorizer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code methodArn} API Gateway sends a TOKEN authorizer,
 * {@code arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path>}. Every part that goes
 * into a policy is checked against a strict pattern, so nothing from the event can widen a policy with a
 * {@code *} of its own.
 */
record MethodArn(String partition, String region, String account, String apiId, String stage, String method,
                 String path) {

    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-z-]*):execute-api:([a-z0-9-]+):(\\d{12}):([a-z0-9]+)/([A-Za-z0-9_-]+)/([A-Z]+)/([^*?]*)");

    /** @throws IllegalArgumentException when {@code raw} is not such an ARN */
    static MethodArn parse(String raw) {
        Matcher m = raw == null ? null : ARN.matcher(raw);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not an execute-api method ARN");
        }
        return new MethodArn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7));
    }

    /** {@code arn:...:<apiId>/<stage>}: every resource of a policy for this API and stage starts with it. */
    String stagePrefix() {
        return "arn:" + partition + ":execute-api:" + region + ":" + account + ":" + apiId + "/" + stage;
    }

    @Override
    public String toString() {
        return stagePrefix() + "/" + method + "/" + path;
    }
}
