package constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * A regional WAF web ACL in front of one API stage: AWS's common and known-bad-inputs managed rule groups,
 * plus a per-source-IP rate rule so one client cannot flood a tier before the usage plan even sees it.
 */
public final class ApiFirewall extends Construct {

    /** Requests per 5 minutes from one IP before WAF blocks it. */
    static final int IP_RATE_LIMIT = 3000;

    /** @param stageArn ARN of the API Gateway stage to protect (required) */
    public record Props(String stageArn) {
        public Props {
            Objects.requireNonNull(stageArn, "ApiFirewall: stageArn is required");
        }
    }

    private final CfnWebACL webAcl;

    public ApiFirewall(Construct scope, String id, Props props) {
        super(scope, id);
        this.webAcl = CfnWebACL.Builder.create(this, "WebAcl")
                .scope("REGIONAL")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .visibilityConfig(visibility("WebAcl"))
                .rules(List.of(
                        managedRule("AWSManagedRulesCommonRuleSet", 0),
                        managedRule("AWSManagedRulesKnownBadInputsRuleSet", 1),
                        CfnWebACL.RuleProperty.builder()
                                .name("RatePerSourceIp")
                                .priority(2)
                                .action(CfnWebACL.RuleActionProperty.builder()
                                        .block(CfnWebACL.BlockActionProperty.builder().build()).build())
                                .statement(CfnWebACL.StatementProperty.builder()
                                        .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                                .limit(IP_RATE_LIMIT).aggregateKeyType("IP").build())
                                        .build())
                                .visibilityConfig(visibility("RatePerSourceIp"))
                                .build()))
                .build();
        CfnWebACLAssociation.Builder.create(this, "Association")
                .resourceArn(props.stageArn())
                .webAclArn(webAcl.getAttrArn())
                .build();
    }

    private static CfnWebACL.RuleProperty managedRule(String name, int priority) {
        return CfnWebACL.RuleProperty.builder()
                .name(name)
                .priority(priority)
                .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(Map.of()).build())
                .statement(CfnWebACL.StatementProperty.builder()
                        .managedRuleGroupStatement(CfnWebACL.ManagedRuleGroupStatementProperty.builder()
                                .vendorName("AWS").name(name).build())
                        .build())
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
