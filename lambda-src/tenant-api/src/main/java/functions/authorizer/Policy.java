package functions.authorizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
        return allow && resources.stream().anyMatch(resource -> globMatches(resource, methodArn));
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

    // IAM's resource match with '*' only (which the policies use): any run of characters, '/' included. A plain
    // scan rather than a regex, since it runs for every resource on every request.
    static boolean globMatches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
