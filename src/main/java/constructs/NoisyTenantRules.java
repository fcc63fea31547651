package constructs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.CfnInsightRule;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * CloudWatch Contributor Insights rules on a pooled tier's API access log ({@link TenantApi#ACCESS_LOG_FORMAT}):
 * the tenants with the most requests, the most 429 answers (usage-plan throttling and quota: API Gateway answers
 * them before any function runs, so only the access log sees them) and the most request time. The rule bodies follow
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContributorInsights-RuleSyntax.html (schema
 * CloudWatchLogRule version 1, JSON log format, {@code Keys}, {@code ValueOf}, {@code Filters}, {@code AggregateOn}).
 */
public final class NoisyTenantRules extends Construct {

    /** One rule: what it ranks tenants by. */
    public record Rule(String id, String valueOf, boolean throttledOnly, String aggregateOn) {
    }

    public static final List<Rule> RULES = List.of(
            new Rule("TopTenantsByRequests", null, false, "Count"),
            new Rule("TopTenantsByThrottles", null, true, "Count"),
            new Rule("TopTenantsByLatency", "$.responseLatency", false, "Sum"));

    /** @param accessLogs the tier API's access log group (required) */
    public record Props(ILogGroup accessLogs) {
        public Props {
            Objects.requireNonNull(accessLogs, "NoisyTenantRules: accessLogs is required");
        }
    }

    private final List<CfnInsightRule> rules = new ArrayList<>();

    public NoisyTenantRules(Construct scope, String id, Props props) {
        super(scope, id);
        var stack = Stack.of(this);
        for (var rule : RULES) {
            var contribution = new LinkedHashMap<String, Object>();
            // The tenant and its usage-plan key: a key moved to another tenant shows up as a second contributor.
            contribution.put("Keys", List.of("$.tenantId", "$.apiKeyId"));
            if (rule.valueOf() != null) {
                contribution.put("ValueOf", rule.valueOf());
            }
            // API Gateway logs "-" for a variable without a value: a request no tenant token reached.
            var filters = new ArrayList<Object>(List.of(new TreeMap<>(Map.of("Match", "$.tenantId",
                    "NotIn", List.of("-", "")))));
            if (rule.throttledOnly()) {
                filters.add(new TreeMap<>(Map.of("Match", "$.status", "In", List.of(429))));
            }
            contribution.put("Filters", filters);
            var body = new LinkedHashMap<String, Object>();
            // Sorted or insertion-ordered maps only: Map.of's order changes from one JVM to the next.
            body.put("Schema", new TreeMap<>(Map.of("Name", "CloudWatchLogRule", "Version", 1)));
            body.put("LogGroupNames", List.of(props.accessLogs().getLogGroupName()));
            body.put("LogFormat", "JSON");
            body.put("Contribution", contribution);
            body.put("AggregateOn", rule.aggregateOn());
            rules.add(CfnInsightRule.Builder.create(this, rule.id())
                    .ruleName(stack.getStackName() + "-" + rule.id())
                    .ruleState("ENABLED")
                    .ruleBody(stack.toJsonString(body))
                    .build());
        }
    }

    public List<CfnInsightRule> rules() {
        return List.copyOf(rules);
    }
}
