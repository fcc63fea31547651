package constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.constructs.Construct;

/**
 * The dashboard of one tenant API (a pooled tier's or a silo tenant's): API traffic, errors and latency; the
 * functions' own metrics (the fleet namespace, {@code {Service, Tier}}, and {@code TenantId} in a silo); Lambda
 * errors and throttles; DynamoDB capacity; the 429s; for a pooled tier, its Contributor Insights rules; and the access
 * log's slowest and failing requests.
 */
public final class ServiceDashboard extends Construct {

    static final Duration PERIOD = Duration.minutes(5);
    static final int WIDTH = 12;

    /**
     * @param services the tenant API and its functions (required)
     * @param alarms   the API's alarms (required)
     * @param rules    the tier's Contributor Insights rules (@default null: a silo, which has one tenant)
     */
    public record Props(TenantServices services, ServiceAlarms alarms, NoisyTenantRules rules) {
        public Props {
            Objects.requireNonNull(services, "ServiceDashboard: services is required");
            Objects.requireNonNull(alarms, "ServiceDashboard: alarms is required");
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private TenantServices services;
            private ServiceAlarms alarms;
            private NoisyTenantRules rules;

            private Builder() {
            }

            public Builder services(TenantServices services) { this.services = services; return this; }
            public Builder alarms(ServiceAlarms alarms) { this.alarms = alarms; return this; }
            public Builder rules(NoisyTenantRules rules) { this.rules = rules; return this; }

            public Props build() {
                return new Props(services, alarms, rules);
            }
        }
    }

    private final Dashboard dashboard;

    public ServiceDashboard(Construct scope, String id, Props props) {
        super(scope, id);
        var telemetry = Telemetry.of(this);
        var stack = Stack.of(this);
        var api = props.services().api().api();
        this.dashboard = Dashboard.Builder.create(this, "Dashboard")
                // Dashboard names are global in an account: the stack name is unique per region, so add the region.
                .dashboardName(stack.getStackName() + "-" + stack.getRegion())
                .build();
        Telemetry.untagged(dashboard);
        var who = telemetry.tenantId() == null ? "pooled tier " + telemetry.tier()
                : "silo tenant " + telemetry.tenantId();
        dashboard.addWidgets(TextWidget.Builder.create().width(24).height(2)
                .markdown("## " + stack.getStackName() + ": " + who + "\nMetrics in " + telemetry.namespace()
                        + "; alarms notify the stack's alarm topic (docs/OPERATIONS.md, \"Alarms\").").build());
        dashboard.addWidgets(
                graph("API requests, 4xx, 5xx", List.of(
                        ServiceAlarms.apiMetric(api, "Count", "Sum"),
                        ServiceAlarms.apiMetric(api, "4XXError", "Sum"),
                        ServiceAlarms.apiMetric(api, "5XXError", "Sum"),
                        props.alarms().apiThrottles())),
                graph("API latency (ms)", List.of(
                        ServiceAlarms.apiMetric(api, "Latency", "p50"),
                        ServiceAlarms.apiMetric(api, "Latency", "p99"),
                        ServiceAlarms.apiMetric(api, "IntegrationLatency", "p99"))));
        var functions = List.of(props.services().productFunction(), props.services().orderFunction(),
                props.services().authorizer());
        var serviceNames = List.of("product", "order");
        dashboard.addWidgets(
                graph("Requests and server errors by service", serviceNames.stream()
                        .flatMap(s -> List.of(own(telemetry, s, "Requests", "Sum"),
                                own(telemetry, s, "ServerErrors", "Sum")).stream()).toList()),
                graph("Service latency p99 (ms)", serviceNames.stream()
                        .map(s -> own(telemetry, s, "Latency", "p99")).toList()));
        dashboard.addWidgets(
                graph("Lambda errors and throttles", functions.stream()
                        .flatMap(f -> List.of(lambda(f, "Errors"), lambda(f, "Throttles")).stream()).toList()),
                graph("DynamoDB capacity consumed by requests", serviceNames.stream()
                        .flatMap(s -> List.of(own(telemetry, s, "ConsumedReadCapacity", "Sum"),
                                own(telemetry, s, "ConsumedWriteCapacity", "Sum")).stream()).toList()));
        if (props.rules() != null) {
            var widgets = new ArrayList<IWidget>();
            for (var rule : props.rules().rules()) {
                widgets.add(new InsightRuleWidget(this, rule.getRuleName(), rule.getRuleName(), "Sum"));
            }
            dashboard.addWidgets(widgets.toArray(IWidget[]::new));
        }
        dashboard.addWidgets(LogQueryWidget.Builder.create()
                .title("Failing and slowest requests (access log)")
                .logGroupNames(List.of(props.services().api().accessLogs().getLogGroupName()))
                .queryLines(List.of(
                        "fields @timestamp, tenantId, apiKeyId, httpMethod, resourcePath, status, responseLatency, "
                                + "errorType, requestId",
                        "filter status >= 429",
                        "sort responseLatency desc",
                        "limit 50"))
                .width(24).height(6)
                .build());
    }

    private static GraphWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).width(WIDTH).height(6)
                .left(new ArrayList<IMetric>(metrics)).build();
    }

    // The functions' own series: {Service, Tier}, and TenantId in a silo (issue #17 contract).
    private static Metric own(Telemetry telemetry, String service, String name, String statistic) {
        var dimensions = new TreeMap<String, String>(Map.of("Service", service, "Tier", telemetry.tier()));
        if (telemetry.tenantId() != null) {
            dimensions.put("TenantId", telemetry.tenantId());
        }
        return Metric.Builder.create().namespace(telemetry.namespace()).metricName(name).statistic(statistic)
                .period(PERIOD).dimensionsMap(dimensions).label(service + " " + name).build();
    }

    private static IMetric lambda(ServiceFunction fn, String name) {
        return fn.function().metric(name, MetricOptions.builder().statistic("Sum").period(PERIOD)
                .label(fn.getNode().getId() + " " + name).build());
    }

    public Dashboard dashboard() {
        return dashboard;
    }
}
