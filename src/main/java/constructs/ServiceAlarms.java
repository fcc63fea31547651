package constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.constructs.Construct;

/**
 * The operational alarms of one tenant API (a pooled tier's or a silo tenant's), each notifying the stack's alarm
 * topic ({@link Telemetry}): the API's 5xx rate and p99 latency, the 429s it answered (usage-plan throttling and
 * quota, counted from the access log, where alone they appear), Lambda throttles and function errors.
 * docs/OPERATIONS.md "Alarms" says what each one means and what to do.
 */
public final class ServiceAlarms extends Construct {

    /** Thresholds, in one place; each over {@link #PERIOD}. */
    static final Duration PERIOD = Duration.minutes(5);
    static final double MAX_SERVER_ERROR_RATE = 0.05;
    static final double MAX_P99_LATENCY_MS = 3_000;
    static final double MAX_API_THROTTLES = 50;
    static final double MAX_FUNCTION_THROTTLES = 1;
    static final double MAX_FUNCTION_ERRORS = 5;
    /** The metric the access-log filter writes per 429, in the fleet's namespace, per API id. */
    public static final String API_THROTTLES = "ApiThrottles";

    /**
     * @param api        the tenant API (required)
     * @param functions  the functions whose errors and throttles count: the API's handlers (required, not empty)
     * @param authorizer the API's authorizer, whose throttles count too (its errors are its 401s) (required)
     */
    public record Props(TenantApi api, List<ServiceFunction> functions, ServiceFunction authorizer) {
        public Props {
            Objects.requireNonNull(api, "ServiceAlarms: api is required");
            Objects.requireNonNull(authorizer, "ServiceAlarms: authorizer is required");
            if (functions == null || functions.isEmpty()) {
                throw new IllegalArgumentException("ServiceAlarms: functions must name at least one function");
            }
            functions = List.copyOf(functions);
        }
    }

    private final List<Alarm> alarms = new ArrayList<>();
    private final Metric apiThrottles;

    public ServiceAlarms(Construct scope, String id, Props props) {
        super(scope, id);
        var telemetry = Telemetry.of(this);
        var api = props.api().api();
        new MetricFilter(this, "ApiThrottlesFilter", software.amazon.awscdk.services.logs.MetricFilterProps.builder()
                .logGroup(props.api().accessLogs())
                .filterPattern(FilterPattern.literal("{ $.status = 429 }"))
                .metricNamespace(telemetry.namespace())
                .metricName(API_THROTTLES)
                .metricValue("1")
                .dimensions(Map.of("ApiId", "$.apiId"))
                .build());
        this.apiThrottles = Metric.Builder.create().namespace(telemetry.namespace()).metricName(API_THROTTLES)
                .dimensionsMap(Map.of("ApiId", api.getRestApiId())).statistic("Sum").period(PERIOD).build();
        alarm("ServerErrorRate", apiMetric(api, "5XXError", "Average"), MAX_SERVER_ERROR_RATE, 3, 2,
                "Share of API requests answered 5xx above " + MAX_SERVER_ERROR_RATE + " in 2 of 3 five-minute periods");
        alarm("P99Latency", apiMetric(api, "Latency", "p99"), MAX_P99_LATENCY_MS, 3, 3,
                "API p99 latency above " + (int) MAX_P99_LATENCY_MS + " ms for 15 minutes");
        alarm("ApiThrottles", apiThrottles, MAX_API_THROTTLES, 1, 1,
                "At least " + (int) MAX_API_THROTTLES + " requests answered 429 (usage-plan throttle or quota) in "
                        + "five minutes: see the tier's TopTenantsByThrottles rule");
        var throttled = new ArrayList<ServiceFunction>(props.functions());
        throttled.add(props.authorizer());
        alarm("FunctionThrottles", sum("Throttles", throttled), MAX_FUNCTION_THROTTLES, 1, 1,
                "Lambda throttled an invocation of the API's functions (account or reserved concurrency)");
        alarm("FunctionErrors", sum("Errors", props.functions()), MAX_FUNCTION_ERRORS, 1, 1,
                "At least " + (int) MAX_FUNCTION_ERRORS + " invocation errors (crash, timeout, out of memory) of "
                        + "the API's functions in five minutes");
        alarms.forEach(telemetry::notify);
    }

    static Metric apiMetric(RestApi api, String name, String statistic) {
        return Metric.Builder.create().namespace("AWS/ApiGateway").metricName(name).statistic(statistic)
                .period(PERIOD)
                .dimensionsMap(new TreeMap<>(Map.of("ApiName", api.getRestApiName(), "Stage", TenantApi.STAGE)))
                .build();
    }

    private static IMetric sum(String lambdaMetric, List<ServiceFunction> functions) {
        var metrics = new TreeMap<String, IMetric>();
        for (int i = 0; i < functions.size(); i++) {
            metrics.put("m" + i, functions.get(i).function().metric(lambdaMetric,
                    software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                            .statistic("Sum").period(PERIOD).build()));
        }
        return MathExpression.Builder.create()
                .expression(String.join(" + ", metrics.keySet()))
                .usingMetrics(metrics)
                .label(lambdaMetric + " of " + functions.size() + " functions")
                .period(PERIOD)
                .build();
    }

    private void alarm(String id, IMetric metric, double threshold, int periods, int datapoints, String description) {
        alarms.add(Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(periods)
                .datapointsToAlarm(datapoints)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** The 429s the API answered, from its access log. */
    public Metric apiThrottles() {
        return apiThrottles;
    }
}
