package functions.authorizer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the authorizer returns to API Gateway: one statement that allows every route of the caller, or denies
 * the whole stage.
 *
 * @param principalId        the caller's {@code sub}
 * @param allow              Allow or Deny
 * @param resources          execute-api ARNs, {@code *} as IAM reads it (any characters, {@code /} included)
 * @param context            handed to the backend as {@code requestContext.authorizer.<key>}
 * @param usageIdentifierKey the tenant's API key value, metering the call in the usage plan (tenant APIs)
 */
record Policy(String principalId, boolean allow, List<String> resources, Map<String, String> context,
              Optional<String> usageIdentifierKey) {

    Policy {
        resources = List.copyOf(resources);
        context = Map.copyOf(context);
    }

    static Policy allow(String principalId, MethodArn arn, List<String> grants, Map<String, String> context,
                        Optional<String> usageIdentifierKey) {
        List<String> resources = grants.stream().map(grant -> arn.stagePrefix() + "/" + grant).toList();
        return new Policy(principalId, true, resources, context, usageIdentifierKey);
    }

    static Policy denyAll(String principalId, MethodArn arn, Map<String, String> context) {
        return new Policy(principalId, false, List.of(arn.stagePrefix() + "/*"), context, Optional.empty());
    }

    /** Whether API Gateway, evaluating this policy, lets a request with {@code methodArn} through. */
    boolean allows(String methodArn) {
        return allow && resources.stream().anyMatch(resource -> glob(resource).matcher(methodArn).matches());
    }

    /** The authorizer's response document, in the shape API Gateway reads. */
    Map<String, Object> toResponse() {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Action", "execute-api:Invoke");
        statement.put("Effect", allow ? "Allow" : "Deny");
        statement.put("Resource", resources);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", List.of(statement));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("principalId", principalId);
        response.put("policyDocument", document);
        response.put("context", new TreeMap<>(context));
        usageIdentifierKey.ifPresent(key -> response.put("usageIdentifierKey", key));
        return response;
    }

    private static Pattern glob(String resource) {
        return Pattern.compile(Arrays.stream(resource.split("\\*", -1))
                .map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    }
}
