package stages;

import constructs.FunctionCode;
import contract.Env;
import contract.Handler;
import contract.Keys;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import constructs.CanaryRollout;
import constructs.DataTable;
import constructs.PolicyChunks;
import constructs.ServiceFunction;
import constructs.TenantApi;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.codedeploy.ILambdaApplication;
import software.amazon.awscdk.services.events.CronOptions;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Metering per tenant in the baseline ({@code lambda-src} package {@code functions.metering}): the TenantUsage and
 * TenantCost tables, the daily usage collector (01:00 UTC, the previous UTC day, from each tier and silo stack's
 * usage plan through its ControlPlaneAccess role), the daily cost allocator (06:00 UTC, Cost Explorer by tag for silo
 * tenants, apportioned by usage in pooled tiers), the onboarding watch (every 15 minutes, registrations stuck in
 * PROVISIONING) and the admin routes {@code GET /tenants/{tenantId}/usage} and {@code /cost}.
 */
final class Metering extends Construct {

    static final String USAGE_COLLECTOR_HANDLER = Handler.USAGE_COLLECTOR.handler();
    static final String COST_ALLOCATOR_HANDLER = Handler.COST_ALLOCATOR.handler();
    static final String ONBOARDING_WATCH_HANDLER = Handler.ONBOARDING_WATCH.handler();
    static final String METERING_HANDLER = Handler.METERING_API.handler();

    /** The collector's construct id, also its role name's segment: tier and silo access roles trust it. */
    static final String USAGE_COLLECTOR = "UsageCollector";

    static final Schedule DAILY_USAGE = Schedule.cron(CronOptions.builder().minute("0").hour("1").build());
    static final Schedule DAILY_COST = Schedule.cron(CronOptions.builder().minute("0").hour("6").build());
    static final Schedule WATCH = Schedule.rate(Duration.minutes(15));
    /** A registration in PROVISIONING longer than this is stuck (lambda-src OnboardingWatch, STUCK_AFTER_MINUTES). */
    static final int STUCK_AFTER_MINUTES = 30;
    /** The CDK context key naming a Cost Explorer role in the management account (lambda-src MeteringEnv). */
    static final String COST_EXPLORER_ROLE_CONTEXT = "costExplorerRoleArn";
    static final String COST_EXPLORER_ROLE_ARN = Env.COST_EXPLORER_ROLE_ARN.variable();
    private static final java.util.regex.Pattern ROLE_ARN =
            java.util.regex.Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");

    /** One run walks every tenant stack (collector) or every tenant (allocator). */
    static final Duration RUN_TIMEOUT = Duration.minutes(10);

    /** The tags the allocator reads Cost Explorer by (FleetTags), as the functions' COST_TAG_KEY and TIER_TAG_KEY. */
    static final Map<String, String> TAG_KEYS = new TreeMap<>(Map.of(Env.COST_TAG_KEY.variable(), FleetTags.TENANT_ID,
            Env.TIER_TAG_KEY.variable(), FleetTags.TIER));

    /**
     * @param key           the baseline's data key (required)
     * @param tables        the control-plane tables (required)
     * @param api           the admin API (required)
     * @param code          the functions jar (required)
     * @param deployments   the baseline's CodeDeploy application (required)
     * @param baseEnvironment what every control-plane function reads (tables, POOLED_TIER_STACKS, FLEET_NAME) (required)
     * @param accessRoles   the tier and silo stacks' ControlPlaneAccess role patterns the collector may assume (required)
     * @param roleName      the collector role's fixed name, which those roles trust (required)
     */
    record Props(IKey key, ControlPlane.Tables tables, TenantApi api, FunctionCode code, ILambdaApplication deployments,
                 Map<String, String> baseEnvironment, List<String> accessRoles, String roleName) {
        Props {
            Objects.requireNonNull(key, "Metering: key is required");
            Objects.requireNonNull(tables, "Metering: tables is required");
            Objects.requireNonNull(api, "Metering: api is required");
            Objects.requireNonNull(code, "Metering: code is required");
            Objects.requireNonNull(deployments, "Metering: deployments is required");
            baseEnvironment = Map.copyOf(Objects.requireNonNull(baseEnvironment, "Metering: baseEnvironment is required"));
            accessRoles = List.copyOf(Objects.requireNonNull(accessRoles, "Metering: accessRoles is required"));
            Objects.requireNonNull(roleName, "Metering: roleName is required");
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private IKey key;
            private ControlPlane.Tables tables;
            private TenantApi api;
            private FunctionCode code;
            private ILambdaApplication deployments;
            private Map<String, String> baseEnvironment;
            private List<String> accessRoles;
            private String roleName;

            private Builder() {
            }

            public Builder key(IKey key) { this.key = key; return this; }
            public Builder tables(ControlPlane.Tables tables) { this.tables = tables; return this; }
            public Builder api(TenantApi api) { this.api = api; return this; }
            public Builder code(FunctionCode code) { this.code = code; return this; }
            public Builder deployments(ILambdaApplication deployments) { this.deployments = deployments; return this; }
            public Builder baseEnvironment(Map<String, String> baseEnvironment) {
                this.baseEnvironment = baseEnvironment;
                return this;
            }
            public Builder accessRoles(List<String> accessRoles) { this.accessRoles = accessRoles; return this; }
            public Builder roleName(String roleName) { this.roleName = roleName; return this; }

            public Props build() {
                return new Props(key, tables, api, code, deployments, baseEnvironment, accessRoles, roleName);
            }
        }
    }

    private final DataTable usage;
    private final DataTable cost;
    private final ServiceFunction usageCollector;
    private final ServiceFunction costAllocator;
    private final ServiceFunction onboardingWatch;
    private final ServiceFunction meteringApi;
    private final Rule usageSchedule;
    private final Rule costSchedule;
    private final Rule watchSchedule;
    private final Queue undelivered;

    Metering(Construct scope, String id, Props props) {
        super(scope, id);
        this.usage = new DataTable(this, "TenantUsage",
                DataTable.Props.builder().partitionKey(Keys.TENANT_ID).sortKey(Keys.DAY).key(props.key()).build());
        this.cost = new DataTable(this, "TenantCost",
                DataTable.Props.builder().partitionKey(Keys.TENANT_ID).sortKey(Keys.DAY).key(props.key()).build());
        var environment = new TreeMap<>(props.baseEnvironment());
        environment.put(Env.TENANT_USAGE_TABLE.variable(), usage.table().getTableName());
        environment.put(Env.TENANT_COST_TABLE.variable(), cost.table().getTableName());
        environment.put(Env.STUCK_AFTER_MINUTES.variable(), Integer.toString(STUCK_AFTER_MINUTES));
        environment.putAll(TAG_KEYS);
        var tables = props.tables();

        this.usageCollector = scheduled(USAGE_COLLECTOR, USAGE_COLLECTOR_HANDLER, "usage-collector",
                "Meters each tenant's requests of the previous UTC day from the usage plans into TenantUsage",
                only(environment, Env.TENANT_DETAILS_TABLE, Env.TENANT_USAGE_TABLE, Env.FLEET_NAME), props);
        ((CfnRole) usageCollector.role().getNode().getDefaultChild()).setRoleName(props.roleName());
        tables.tenantDetails().table().grantReadData(usageCollector.role());
        tables.tenantStackMapping().table().grantReadData(usageCollector.role());
        usage.table().grantReadWriteData(usageCollector.role());
        PolicyChunks.of(props.accessRoles()).forEach(roles -> usageCollector.role().addToPrincipalPolicy(
                PolicyStatement.Builder.create().actions(List.of("sts:AssumeRole")).resources(roles).build()));

        this.costAllocator = scheduled("CostAllocator", COST_ALLOCATOR_HANDLER, "cost-allocator",
                "Writes each tenant's daily cost into TenantCost: silo tenants by tag, pooled tiers by usage share",
                only(environment, Env.TENANT_DETAILS_TABLE, Env.TENANT_USAGE_TABLE, Env.TENANT_COST_TABLE,
                        Env.POOLED_TIER_STACKS, Env.COST_TAG_KEY, Env.TIER_TAG_KEY, Env.FLEET_NAME), props);
        tables.tenantDetails().table().grantReadData(costAllocator.role());
        tables.tenantStackMapping().table().grantReadData(costAllocator.role());
        usage.table().grantReadData(costAllocator.role());
        cost.table().grantReadWriteData(costAllocator.role());
        // Optional: Cost Explorer in the organization's management account, which sees every member account's cost
        // (a member account's own Cost Explorer sees only its own): README, context flag costExplorerRoleArn.
        var costExplorerRole = getNode().tryGetContext(COST_EXPLORER_ROLE_CONTEXT);
        if (costExplorerRole != null) {
            var arn = costExplorerRole.toString();
            if (!ROLE_ARN.matcher(arn).matches()) {
                throw new IllegalArgumentException("Context " + COST_EXPLORER_ROLE_CONTEXT + ": must be an IAM role ARN"
                        + " (arn:<partition>:iam::<12 digits>:role/<name>), got '" + arn + "'");
            }
            costAllocator.function().addEnvironment(COST_EXPLORER_ROLE_ARN, arn);
            costAllocator.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("sts:AssumeRole")).resources(List.of(arn)).build());
        }
        // Cost Explorer's GetCostAndUsage has no resource types and no condition keys: Resource "*" is its only form
        // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscostexplorerservice.html).
        costAllocator.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ce:GetCostAndUsage"))
                .resources(List.of("*"))
                .build());

        this.onboardingWatch = scheduled("OnboardingWatch", ONBOARDING_WATCH_HANDLER, "onboarding-watch",
                "Counts registrations stuck in PROVISIONING longer than " + STUCK_AFTER_MINUTES + " minutes",
                only(environment, Env.REGISTRATIONS_TABLE, Env.STUCK_AFTER_MINUTES, Env.FLEET_NAME), props);
        tables.registrations().table().grantReadData(onboardingWatch.role());

        this.meteringApi = new ServiceFunction(this, "MeteringApi", ServiceFunction.Props.builder()
                .code(props.code().of(METERING_HANDLER)).handler(METERING_HANDLER)
                .description("Reads a tenant's daily usage and cost records for the admin API")
                .environment(only(environment, Env.TENANT_USAGE_TABLE, Env.TENANT_COST_TABLE, Env.FLEET_NAME))
                .deployments(props.deployments()).rollout(RolloutPolicy.CONTROL_PLANE).signal(CanaryRollout.Signal.API)
                .service("metering-api").build());
        usage.table().grantReadData(meteringApi.role());
        cost.table().grantReadData(meteringApi.role());
        props.api().addRoute("GET", "/tenants/{tenantId}/usage", meteringApi.alias());
        props.api().addRoute("GET", "/tenants/{tenantId}/cost", meteringApi.alias());

        // Runs EventBridge could not hand to the function (permission, throttling) after its retries: an operator
        // reruns the day they name (docs/OPERATIONS.md, "Metering").
        this.undelivered = Queue.Builder.create(this, "UndeliveredRuns")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        var isTheDeadLetterQueue = "This queue is the dead-letter queue of the metering schedules' targets";
        NagSuppressions.addResourceSuppressions(undelivered, List.of(
                NagPackSuppression.builder().id("AwsSolutions-SQS3").reason(isTheDeadLetterQueue).build(),
                NagPackSuppression.builder().id("Serverless-SQSRedrivePolicy").reason(isTheDeadLetterQueue).build()));
        this.usageSchedule = schedule("DailyUsage", DAILY_USAGE, usageCollector, "01:00 UTC: the previous UTC day's usage");
        this.costSchedule = schedule("DailyCost", DAILY_COST, costAllocator,
                "06:00 UTC: the cost of the day before yesterday (Cost Explorer data lags a day)");
        this.watchSchedule = schedule("OnboardingWatch", WATCH, onboardingWatch,
                "Every 15 minutes: registrations stuck in PROVISIONING");

        for (var fn : List.of(usageCollector, costAllocator, onboardingWatch, meteringApi)) {
            NagSuppressions.addResourceSuppressions(fn.role(), List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-IAM5")
                    .reason("Metering grants: kms:ReEncrypt*/GenerateDataKey* come with the DynamoDB grants on the "
                            + "baseline's one data key; <table>/index/* is the L2 read grant's access to the table's "
                            + "own indexes; the usage collector assumes the tier and silo stacks' ControlPlaneAccess "
                            + "roles by name pattern (onboarded at run time, each trusting this role by name and "
                            + "allowing GET on its own usage plan's usage); Cost Explorer's GetCostAndUsage supports "
                            + "no resource-level permission, so the cost allocator's is on Resource '*'")
                    .appliesTo(List.of("Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*", "Resource::*",
                            io.github.cdklabs.cdknag.RegexAppliesTo.builder().regex(
                                    "/^Resource::<.*Table[0-9A-F]+\\.Arn>\\/index\\/\\*$/g").build(),
                            io.github.cdklabs.cdknag.RegexAppliesTo.builder().regex(
                                    "/^Resource::arn:<AWS::Partition>:iam::[0-9]{12}:role\\/.*-(pooled|silo)-\\*-cp-\\*$/g")
                                    .build()))
                    .build()), true);
        }
    }

    private ServiceFunction scheduled(String id, String handler, String service, String description,
                                      Map<String, String> environment, Props props) {
        return new ServiceFunction(this, id, ServiceFunction.Props.builder()
                .code(props.code().of(handler)).handler(handler).description(description)
                .environment(new TreeMap<>(environment)).deployments(props.deployments())
                .rollout(RolloutPolicy.CONTROL_PLANE).timeout(RUN_TIMEOUT).service(service).build());
    }

    /** The variables of {@code environment} a function reads (contract.EnvContract): no function gets another's. */
    private static TreeMap<String, String> only(Map<String, String> environment, Env... variables) {
        var picked = new TreeMap<String, String>();
        for (Env variable : variables) {
            picked.put(variable.variable(), Objects.requireNonNull(environment.get(variable.variable()),
                    () -> "Metering: no " + variable + " in the environment"));
        }
        return picked;
    }

    // The live alias: each new version takes the schedule as its rollout allows, like any caller's traffic.
    private Rule schedule(String id, Schedule schedule, ServiceFunction target, String description) {
        return Rule.Builder.create(this, id + "Schedule")
                .schedule(schedule)
                .description(description)
                .targets(List.of(new LambdaFunction(target.alias(), LambdaFunctionProps.builder()
                        .retryAttempts(2).deadLetterQueue(undelivered).build())))
                .build();
    }

    DataTable usage() {
        return usage;
    }

    DataTable cost() {
        return cost;
    }

    ServiceFunction usageCollector() {
        return usageCollector;
    }

    ServiceFunction costAllocator() {
        return costAllocator;
    }

    ServiceFunction onboardingWatch() {
        return onboardingWatch;
    }

    ServiceFunction meteringApi() {
        return meteringApi;
    }

    Rule usageSchedule() {
        return usageSchedule;
    }

    Rule costSchedule() {
        return costSchedule;
    }

    Rule watchSchedule() {
        return watchSchedule;
    }
}
