package stages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import app.PooledTierEntry;
import constructs.ServiceFunction;
import constructs.Telemetry;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.constructs.Construct;

/**
 * The fleet's dashboard and the baseline's own alarms: the onboarding funnel (started, verified, completed, failed by
 * step, provisioning time, silo time-to-active, stuck registrations), errors and latency per pooled tier, the
 * pipelines' starts and the offboarder's outcomes, and metering; alarms on stuck registrations and on failed runs of
 * the usage collector and the cost allocator, notifying the baseline's alarm topic.
 */
final class FleetMonitoring extends Construct {

    static final Duration PERIOD = Duration.minutes(5);
    /** The onboarding watch runs every 15 minutes and reports the registrations stuck at that moment. */
    static final Duration WATCH_PERIOD = Duration.minutes(15);
    /** A scheduled metering run is daily: one failed run in an hour is worth a page. */
    static final Duration RUN_PERIOD = Duration.hours(1);
    static final String REGISTRATIONS_STUCK = "RegistrationsStuck";

    /**
     * @param pooledTiers  the catalog's pooled tiers, one row of errors and latency each (required)
     * @param metering     the baseline's metering functions (required)
     * @param pipelineEnv  the pipelines' account and region, where the offboarder writes its outcomes (@default null:
     *                     the baseline's own account and region)
     */
    record Props(List<PooledTierEntry> pooledTiers, Metering metering, app.AwsEnv pipelineEnv) {
        Props {
            pooledTiers = List.copyOf(Objects.requireNonNull(pooledTiers, "FleetMonitoring: pooledTiers is required"));
            Objects.requireNonNull(metering, "FleetMonitoring: metering is required");
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** Unset fields are null (primitives: required); {@link #build()} checks them as the constructor does. */
        public static final class Builder {
            private List<PooledTierEntry> pooledTiers;
            private Metering metering;
            private app.AwsEnv pipelineEnv;

            private Builder() {
            }

            public Builder pooledTiers(List<PooledTierEntry> pooledTiers) {
                this.pooledTiers = pooledTiers;
                return this;
            }
            public Builder metering(Metering metering) { this.metering = metering; return this; }
            public Builder pipelineEnv(app.AwsEnv pipelineEnv) { this.pipelineEnv = pipelineEnv; return this; }

            public Props build() {
                return new Props(pooledTiers, metering, pipelineEnv);
            }
        }
    }

    private final Dashboard dashboard;
    private final List<Alarm> alarms = new ArrayList<>();

    FleetMonitoring(Construct scope, String id, Props props) {
        super(scope, id);
        var telemetry = Telemetry.of(this);
        var stack = Stack.of(this);
        var ns = telemetry.namespace();
        // No label: an alarm on a labelled metric becomes a metric-math alarm, which the console shows less plainly.
        alarm("RegistrationsStuck", Metric.Builder.create().namespace(ns).metricName(REGISTRATIONS_STUCK)
                        .statistic("Maximum").period(WATCH_PERIOD)
                        .dimensionsMap(new TreeMap<>(Map.of("Service", "onboarding-watch", "Tier",
                                Telemetry.CONTROL_PLANE))).build(), 1,
                "At least one registration has been in PROVISIONING longer than " + Metering.STUCK_AFTER_MINUTES
                        + " minutes (functions.metering.OnboardingWatchHandler)");
        alarm("UsageCollectorErrors", runErrors(props.metering().usageCollector()), 1,
                "The daily usage collector failed: yesterday's TenantUsage records may be missing");
        alarm("CostAllocatorErrors", runErrors(props.metering().costAllocator()), 1,
                "The daily cost allocator failed (Cost Explorer error or throttle included): that day's TenantCost "
                        + "records were not written");
        alarms.forEach(telemetry::notify);

        this.dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(stack.getStackName() + "-" + stack.getRegion())
                .build();
        Telemetry.untagged(dashboard);
        dashboard.addWidgets(TextWidget.Builder.create().width(24).height(2)
                .markdown("## Fleet " + telemetry.fleet() + "\nMetrics in " + ns + ". Tier rows read the tier "
                        + "stacks' accounts: enable CloudWatch cross-account observability (docs/OPERATIONS.md, "
                        + "\"Dashboards\"). Each pooled tier and silo tenant has its own dashboard.").build());
        dashboard.addWidgets(
                graph("Onboarding funnel", List.of(
                        search(ns, "{\"" + ns + "\",Service,Tier} MetricName=\"RegistrationStarted\"", null),
                        search(ns, "{\"" + ns + "\",Service,Tier} MetricName=\"RegistrationVerified\"", null),
                        search(ns, "{\"" + ns + "\",Service,Tier} MetricName=\"RegistrationCompleted\"", null))),
                graph("Registrations failed, by step", List.of(
                        search(ns, "{\"" + ns + "\",Service,Step,Tier} MetricName=\"RegistrationFailed\"", null))),
                graph("Provisioning and silo time-to-active (ms, p90)", List.of(
                        search(ns, "{\"" + ns + "\",Service,Tier} MetricName=\"ProvisioningTime\"", "p90"),
                        search(ns, "{\"" + ns + "\",Service,Tier} MetricName=\"SiloTimeToActive\"", "p90"))),
                graph("Registrations stuck in PROVISIONING", List.of(
                        own(ns, "onboarding-watch", REGISTRATIONS_STUCK, "Maximum", WATCH_PERIOD))));
        var errorRows = new ArrayList<IMetric>();
        var latencyRows = new ArrayList<IMetric>();
        for (var tier : props.pooledTiers()) {
            var filter = "{\"" + ns + "\",Service,Tier} Tier=\"" + tier.tier().name() + "\" MetricName=";
            errorRows.add(search(ns, filter + "\"ServerErrors\"", null, tier.env()));
            latencyRows.add(search(ns, filter + "\"Latency\"", "p99", tier.env()));
        }
        dashboard.addWidgets(graph("Server errors per pooled tier and service", errorRows),
                graph("p99 latency (ms) per pooled tier and service", latencyRows));
        dashboard.addWidgets(
                graph("Pipeline starts (onboarding trigger)", List.of(
                        own(ns, "pipeline-trigger", "PipelineStarts", "Sum", PERIOD))),
                graph("Offboarder outcomes", List.of(
                        search(ns, "{\"" + ns + "\",Service,Tier} Service=\"offboarder\" MetricName=\"OffboardedStacks\"",
                                null, props.pipelineEnv()),
                        search(ns, "{\"" + ns + "\",Service,Tier} Service=\"offboarder\" MetricName=\"OffboardFailures\"",
                                null, props.pipelineEnv()))),
                graph("Metering runs", List.of(
                        own(ns, "usage-collector", "TenantsMetered", "Sum", RUN_PERIOD),
                        own(ns, "cost-allocator", "CostRecordsWritten", "Sum", RUN_PERIOD),
                        errors(props.metering().usageCollector()),
                        errors(props.metering().costAllocator()))));
    }

    private static Metric own(String ns, String service, String name, String statistic, Duration period) {
        return Metric.Builder.create().namespace(ns).metricName(name).statistic(statistic).period(period)
                .dimensionsMap(new TreeMap<>(Map.of("Service", service, "Tier", Telemetry.CONTROL_PLANE)))
                .label(name).build();
    }

    private static Metric runErrors(ServiceFunction fn) {
        return fn.function().metric("Errors", MetricOptions.builder().statistic("Sum").period(RUN_PERIOD).build());
    }

    private static Metric errors(ServiceFunction fn) {
        return fn.function().metric("Errors", MetricOptions.builder().statistic("Sum").period(RUN_PERIOD)
                .label(fn.getNode().getId() + " errors").build());
    }

    private MathExpression search(String ns, String query, String statistic) {
        return search(ns, query, statistic, null);
    }

    // A SEARCH over the fleet namespace; in another account or region when the series live there.
    private MathExpression search(String ns, String query, String statistic, app.AwsEnv env) {
        var builder = MathExpression.Builder.create()
                .expression("SEARCH('" + query + "', '" + (statistic == null ? "Sum" : statistic) + "', "
                        + (int) PERIOD.toSeconds().doubleValue() + ")")
                .usingMetrics(Map.of())
                .label("")
                .period(PERIOD);
        if (env != null) {
            builder.searchAccount(env.account()).searchRegion(env.region());
        }
        return builder.build();
    }

    private static GraphWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).width(12).height(6)
                .left(new ArrayList<IMetric>(metrics)).build();
    }

    private void alarm(String id, IMetric metric, double threshold, String description) {
        alarms.add(Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    Dashboard dashboard() {
        return dashboard;
    }

    List<Alarm> alarms() {
        return List.copyOf(alarms);
    }
}
