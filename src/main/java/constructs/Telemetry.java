package constructs;

import contract.Env;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.AlarmBase;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * What every function and alarm of one stack shares: the fleet's metrics namespace ({@code SaaSFleet/<fleet>}), the
 * stack's tier ({@code BASIC}, {@code STANDARD}, {@code PREMIUM}, {@code PLATINUM} or {@code CONTROL_PLANE}), the
 * silo tenant when there is one, the log level, and the stack's alarm topic, encrypted with the stack's key. One per
 * stack, with the id {@value #ID}, created before the stack's first function ({@link #of} finds it).
 */
public final class Telemetry extends Construct {

    public static final String ID = "Telemetry";
    /** The per-fleet metrics namespace prefix: {@code SaaSFleet/<fleetName>} (issue #17 contract). */
    public static final String NAMESPACE_PREFIX = "SaaSFleet/";
    /** The tier value of the baseline's and the pipelines' functions. */
    public static final String CONTROL_PLANE = "CONTROL_PLANE";
    public static final String DEFAULT_LOG_LEVEL = "INFO";
    /** The CDK context key that sets every function's log level ({@code -c logLevel=DEBUG} or cdk.json). */
    public static final String LOG_LEVEL_CONTEXT = "logLevel";
    static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    /** The variables of the contract (functions read them through Powertools and functions.shared). */
    public static final String SERVICE_VARIABLE = Env.POWERTOOLS_SERVICE_NAME.variable();
    public static final String NAMESPACE_VARIABLE = Env.POWERTOOLS_METRICS_NAMESPACE.variable();
    public static final String LOG_LEVEL_VARIABLE = Env.POWERTOOLS_LOG_LEVEL.variable();
    public static final String TIER_VARIABLE = Env.TIER.variable();
    public static final String TENANT_ID_VARIABLE = Env.TENANT_ID.variable();

    /**
     * @param fleet    the catalog's fleet name (required)
     * @param tier     the stack's tier value (required)
     * @param tenantId the silo tenant (@default null: a pooled tier or control-plane stack)
     * @param logLevel the functions' log level (@default the CDK context value {@value #LOG_LEVEL_CONTEXT}, else
     *                 {@value #DEFAULT_LOG_LEVEL})
     * @param key      the stack's KMS key, which encrypts the alarm topic (required)
     */
    public record Props(String fleet, String tier, String tenantId, String logLevel, Key key) {
        public Props {
            Objects.requireNonNull(fleet, "Telemetry: fleet is required");
            Objects.requireNonNull(tier, "Telemetry: tier is required");
            Objects.requireNonNull(key, "Telemetry: key is required");
            if (logLevel != null && !LOG_LEVELS.contains(logLevel)) {
                throw new IllegalArgumentException("Telemetry: logLevel must be one of " + LOG_LEVELS + ", got "
                        + logLevel);
            }
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private String fleet;
            private String tier;
            private String tenantId;
            private String logLevel;
            private Key key;

            private Builder() {
            }

            public Builder fleet(String fleet) { this.fleet = fleet; return this; }
            public Builder tier(String tier) { this.tier = tier; return this; }
            public Builder tenantId(String tenantId) { this.tenantId = tenantId; return this; }
            public Builder logLevel(String logLevel) { this.logLevel = logLevel; return this; }
            public Builder key(Key key) { this.key = key; return this; }

            public Props build() {
                return new Props(fleet, tier, tenantId, logLevel, key);
            }
        }
    }

    private final Props props;
    private final String logLevel;
    private final Topic alarmTopic;

    public Telemetry(Stack scope, Props props) {
        super(scope, ID);
        this.props = props;
        var fromContext = getNode().tryGetContext(LOG_LEVEL_CONTEXT);
        this.logLevel = props.logLevel() != null ? props.logLevel()
                : fromContext == null ? DEFAULT_LOG_LEVEL : fromContext.toString();
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("Context " + LOG_LEVEL_CONTEXT + ": must be one of " + LOG_LEVELS
                    + ", got '" + logLevel + "'");
        }
        this.alarmTopic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("Alarms of " + scope.getStackName())
                .masterKey(props.key())
                .enforceSsl(true)
                .build();
        // CloudWatch publishes alarm notifications to a topic encrypted with a customer-managed key only when the
        // key policy lets cloudwatch.amazonaws.com decrypt and generate data keys with it
        // (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
        allowServiceToPublish("cloudwatch.amazonaws.com");
    }

    /**
     * Lets AWS Budgets notify the alarm topic: kms:GenerateDataKey* and kms:Decrypt on the key, sns:Publish on the
     * topic, both only for this account's budgets
     * (https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html).
     */
    public void allowBudgets() {
        allowServiceToPublish("budgets.amazonaws.com");
        alarmTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AWSBudgetsSNSPublishingPermissions")
                .principals(List.of(new ServicePrincipal("budgets.amazonaws.com")))
                .actions(List.of("SNS:Publish"))
                .resources(List.of(alarmTopic.getTopicArn()))
                .conditions(new TreeMap<String, Object>(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount()),
                        "ArnLike", Map.of("aws:SourceArn",
                                Stack.of(this).formatArn(ArnComponents.builder().service("budgets").region("")
                                        .resource("*").build())))))
                .build());
    }

    private void allowServiceToPublish(String service) {
        props.key().addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("Allow" + service.substring(0, service.indexOf('.')) + "ToPublishToTheAlarmTopic")
                .principals(List.of(new ServicePrincipal(service)))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                .build());
    }

    /**
     * Keeps the stack's tags off a dashboard: aws-cdk-lib 2.263 tags AWS::CloudWatch::Dashboard, which the
     * CloudFormation schema of the fleet's cfn-lint (1.51) rejects (E3002), and a dashboard's flat price needs no
     * cost allocation.
     */
    public static void untagged(software.amazon.awscdk.services.cloudwatch.Dashboard dashboard) {
        for (var key : List.of("ManagedBy", "Tier", "TenantId")) {
            software.amazon.awscdk.Tags.of(dashboard).remove(key);
        }
    }

    /** The telemetry of {@code scope}'s stack. */
    public static Telemetry of(IConstruct scope) {
        var found = Stack.of(scope).getNode().tryFindChild(ID);
        if (!(found instanceof Telemetry telemetry)) {
            throw new IllegalStateException("Telemetry: stack " + Stack.of(scope).getNode().getPath()
                    + " has no Telemetry (id " + ID + "); create it before " + scope.getNode().getPath());
        }
        return telemetry;
    }

    /** The fleet's metrics namespace, {@code SaaSFleet/<fleet>}. */
    public String namespace() {
        return NAMESPACE_PREFIX + props.fleet();
    }

    public String fleet() {
        return props.fleet();
    }

    public String tier() {
        return props.tier();
    }

    /** The silo tenant, or null. */
    public String tenantId() {
        return props.tenantId();
    }

    public Topic alarmTopic() {
        return alarmTopic;
    }

    /** Sends {@code alarm}'s ALARM and OK transitions to the stack's alarm topic. */
    public void notify(AlarmBase alarm) {
        var action = new SnsAction(alarmTopic);
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
    }

    /** The contract's variables for a function of {@code service}. */
    public SortedMap<String, String> environment(String service) {
        var variables = new TreeMap<String, String>();
        variables.put(SERVICE_VARIABLE, service);
        variables.put(NAMESPACE_VARIABLE, namespace());
        variables.put(LOG_LEVEL_VARIABLE, logLevel);
        variables.put(TIER_VARIABLE, props.tier());
        if (props.tenantId() != null) {
            variables.put(TENANT_ID_VARIABLE, props.tenantId());
        }
        return variables;
    }
}
