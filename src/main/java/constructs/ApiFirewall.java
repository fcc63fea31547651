package constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * A regional WAF web ACL in front of one API stage: AWS's common and known-bad-inputs managed rule groups, a
 * per-source-IP rate rule sized so one client can use its whole plan, and a body-size rule at the API's largest
 * accepted body (in place of the common rule set's 8 KB one, which a valid 100-line order exceeds).
 */
public final class ApiFirewall extends Construct {

    /**
     * The rate rule's evaluation window (WAF's default; allowed 60, 120, 300, 600 s:
     * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html).
     */
    public static final int RATE_WINDOW_SECONDS = 300;

    /**
     * The largest request body the API accepts, in bytes; larger ones are blocked. It equals the body inspection
     * limit set for API Gateway ({@link #BODY_INSPECTION_LIMIT}, 16 KB, WAF's default and the smallest setting for
     * API Gateway: https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-setting-body-inspection-limit.html),
     * so WAF sees every byte of every body it lets through; the largest valid order (about 14.6 KB, 100 lines with
     * every field at its longest, see TenantApiLimitsTest) fits.
     */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    /** The web ACL's body inspection limit for API Gateway, matching {@link #MAX_BODY_BYTES}. */
    static final String BODY_INSPECTION_LIMIT = "KB_16";

    /**
     * The common rule set's 8 KB body rule (https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html):
     * counted only, since the BodySizeLimit rule at {@link #MAX_BODY_BYTES} takes its place.
     */
    static final String COMMON_BODY_SIZE_RULE = "SizeRestrictions_BODY";

    /**
     * @param stageArn          ARN of the API Gateway stage to protect (required)
     * @param requestsPerIp     requests one source IP may send per {@link #RATE_WINDOW_SECONDS} before WAF blocks it
     *                          (WAF allows 10 to 2,000,000,000)
     */
    public record Props(String stageArn, long requestsPerIp) {
        public Props {
            Objects.requireNonNull(stageArn, "ApiFirewall: stageArn is required");
            if (requestsPerIp < 10 || requestsPerIp > 2_000_000_000L) {
                throw new IllegalArgumentException("ApiFirewall: requestsPerIp must be 10..2000000000, got "
                        + requestsPerIp);
            }
        }
    }

    /**
     * Requests per window that let one client sustain a key's full throttle for the whole window: the larger of
     * its rate and its burst, times {@link #RATE_WINDOW_SECONDS}. WAF aggregates per source IP here, not per tenant
     * key: a tenant's key comes from the Lambda authorizer, after WAF has judged the request, and the only
     * per-caller header, {@code Authorization}, is one user's token (a new value every hour, any value an attacker
     * likes), so a per-header rule would neither meter a tenant nor stop a flood of made-up tokens (WAF can key a
     * rate rule on a header, and skips requests without it:
     * https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatementCustomKey.html). Per-tenant limits
     * are the usage plan's; several tenants behind one NAT share this limit.
     */
    public static long requestsPerIpFor(UsageLimits.Throttle perKey) {
        return (long) Math.ceil(Math.max(perKey.ratePerSecond(), perKey.burst()) * RATE_WINDOW_SECONDS);
    }

    private final CfnWebACL webAcl;

    public ApiFirewall(Construct scope, String id, Props props) {
        super(scope, id);
        this.webAcl = CfnWebACL.Builder.create(this, "WebAcl")
                .scope("REGIONAL")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .visibilityConfig(visibility("WebAcl"))
                .associationConfig(CfnWebACL.AssociationConfigProperty.builder()
                        .requestBody(Map.of("API_GATEWAY", CfnWebACL.RequestBodyAssociatedResourceTypeConfigProperty
                                .builder().defaultSizeInspectionLimit(BODY_INSPECTION_LIMIT).build()))
                        .build())
                .rules(List.of(
                        managedRule("AWSManagedRulesCommonRuleSet", 0, List.of(COMMON_BODY_SIZE_RULE)),
                        managedRule("AWSManagedRulesKnownBadInputsRuleSet", 1, List.of()),
                        block("RatePerSourceIp", 2, CfnWebACL.StatementProperty.builder()
                                .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                        .limit(props.requestsPerIp())
                                        .evaluationWindowSec(RATE_WINDOW_SECONDS)
                                        .aggregateKeyType("IP").build())
                                .build()),
                        // OversizeHandling MATCH: a body larger than the inspection limit counts as matching
                        // (https://docs.aws.amazon.com/waf/latest/APIReference/API_Body.html), and it is larger
                        // than MAX_BODY_BYTES too.
                        block("BodySizeLimit", 3, CfnWebACL.StatementProperty.builder()
                                .sizeConstraintStatement(CfnWebACL.SizeConstraintStatementProperty.builder()
                                        .fieldToMatch(CfnWebACL.FieldToMatchProperty.builder()
                                                .body(CfnWebACL.BodyProperty.builder()
                                                        .oversizeHandling("MATCH").build())
                                                .build())
                                        .comparisonOperator("GT")
                                        .size(MAX_BODY_BYTES)
                                        .textTransformations(List.of(CfnWebACL.TextTransformationProperty.builder()
                                                .priority(0).type("NONE").build()))
                                        .build())
                                .build())))
                .build();
        CfnWebACLAssociation.Builder.create(this, "Association")
                .resourceArn(props.stageArn())
                .webAclArn(webAcl.getAttrArn())
                .build();
    }

    private static CfnWebACL.RuleProperty block(String name, int priority, CfnWebACL.StatementProperty statement) {
        return CfnWebACL.RuleProperty.builder()
                .name(name)
                .priority(priority)
                .action(CfnWebACL.RuleActionProperty.builder()
                        .block(CfnWebACL.BlockActionProperty.builder().build()).build())
                .statement(statement)
                .visibilityConfig(visibility(name))
                .build();
    }

    // countedRules: rules of the group whose action is overridden to Count (they still label and show in metrics).
    private static CfnWebACL.RuleProperty managedRule(String name, int priority, List<String> countedRules) {
        var group = CfnWebACL.ManagedRuleGroupStatementProperty.builder().vendorName("AWS").name(name);
        if (!countedRules.isEmpty()) {
            group.ruleActionOverrides(countedRules.stream().map(rule -> CfnWebACL.RuleActionOverrideProperty.builder()
                    .name(rule)
                    .actionToUse(CfnWebACL.RuleActionProperty.builder()
                            .count(CfnWebACL.CountActionProperty.builder().build()).build())
                    .build()).toList());
        }
        return CfnWebACL.RuleProperty.builder()
                .name(name)
                .priority(priority)
                .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(Map.of()).build())
                .statement(CfnWebACL.StatementProperty.builder().managedRuleGroupStatement(group.build()).build())
                .visibilityConfig(visibility(name))
                .build();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .metricName(metricName)
                .sampledRequestsEnabled(true)
                .build();
    }

    public CfnWebACL webAcl() {
        return webAcl;
    }
}
