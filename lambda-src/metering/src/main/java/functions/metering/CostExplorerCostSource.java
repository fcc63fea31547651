package functions.metering;

import functions.provisioning.AccountRegion;
import contract.Tier;
import functions.shared.Telemetry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClientBuilder;
import software.amazon.awssdk.services.costexplorer.model.BillExpirationException;
import software.amazon.awssdk.services.costexplorer.model.DataUnavailableException;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.Dimension;
import software.amazon.awssdk.services.costexplorer.model.DimensionValues;
import software.amazon.awssdk.services.costexplorer.model.Expression;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.LimitExceededException;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;
import software.amazon.awssdk.services.costexplorer.model.TagValues;

/**
 * {@link CostSource} through Cost Explorer GetCostAndUsage, DAILY, metric {@value #METRIC}, one UTC day (Start
 * inclusive, End exclusive:
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html).
 * Silo tenants: grouped by the cost-allocation tag {@code TenantId} (a group's key is {@code TenantId$<value>},
 * {@code TenantId$} for untagged cost, summed as {@code untagged}). Each result's {@code Estimated} flag (true
 * while the day's figures are not final:
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_ResultByTime.html) is passed on.
 * A pooled tier environment: filtered by {@code Tier=<tier>}, its account
 * ({@code LINKED_ACCOUNT}) and {@code REGION}. Tags count only once activated as cost-allocation tags, and only
 * for cost incurred after that.
 */
final class CostExplorerCostSource implements CostSource {

    static final String METRIC = "UnblendedCost";

    /** Attempts of one call when Cost Explorer throttles (LimitExceededException). */
    static final int MAX_ATTEMPTS = 5;

    /** Production's wait between throttled attempts: exponential from 1 s, at most 20 s, full jitter. */
    static final BackoffStrategy THROTTLE_BACKOFF =
            BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(20));

    private final CostExplorerClient client;
    private final String tenantTag;
    private final String tierTag;

    CostExplorerCostSource(CostExplorerClient client, String tenantTag, String tierTag) {
        this.client = Objects.requireNonNull(client, "client");
        this.tenantTag = Objects.requireNonNull(tenantTag, "tenantTag");
        this.tierTag = Objects.requireNonNull(tierTag, "tierTag");
    }

    @Override
    public TaggedCosts costByTenantTag(LocalDate day) {
        Map<String, Money> byTenant = new HashMap<>();
        Money untagged = null;
        boolean estimated = false;
        String prefix = tenantTag + "$";
        String token = null;
        do {
            String next = token;
            GetCostAndUsageResponse page = call(day, () -> client.getCostAndUsage(r -> r.timePeriod(period(day))
                    .granularity(Granularity.DAILY).metrics(METRIC)
                    .groupBy(g -> g.type(GroupDefinitionType.TAG).key(tenantTag)).nextPageToken(next)));
            for (ResultByTime result : page.resultsByTime()) {
                estimated |= Boolean.TRUE.equals(result.estimated());
                for (Group group : result.groups()) {
                    String key = group.keys().isEmpty() ? "" : group.keys().get(0);
                    if (!key.startsWith(prefix)) {
                        continue;
                    }
                    String value = key.substring(prefix.length());
                    Money cost = money(group.metrics().get(METRIC),
                            value.isEmpty() ? "untagged cost" : tenantTag + "=" + value);
                    if (value.isEmpty()) {
                        untagged = untagged == null ? cost : plus(untagged, cost);
                    } else {
                        byTenant.merge(value, cost, CostExplorerCostSource::plus);
                    }
                }
            }
            token = page.nextPageToken();
        } while (token != null && !token.isEmpty());
        return new TaggedCosts(byTenant, untagged == null ? Money.parse("0", "USD") : untagged, estimated);
    }

    @Override
    public EnvironmentCost pooledEnvironmentCost(Tier tier, AccountRegion environment, LocalDate day) {
        Expression filter = Expression.builder().and(
                Expression.builder().tags(TagValues.builder().key(tierTag).values(tier.name()).build()).build(),
                dimension(Dimension.LINKED_ACCOUNT, environment.account()),
                dimension(Dimension.REGION, environment.region())).build();
        GetCostAndUsageResponse response = call(day, () -> client.getCostAndUsage(r -> r.timePeriod(period(day))
                .granularity(Granularity.DAILY).metrics(METRIC).filter(filter)));
        List<ResultByTime> results = response.resultsByTime();
        if (results.isEmpty()) {
            throw new IllegalStateException("Cost Explorer returned no result for " + tier + " " + environment
                    + " on " + day);
        }
        return new EnvironmentCost(money(results.get(0).total().get(METRIC), tier + " " + environment),
                Boolean.TRUE.equals(results.get(0).estimated()));
    }

    // Cost Explorer's refusals that an operator acts on get one line saying what to do; the exception is rethrown.
    private static GetCostAndUsageResponse call(LocalDate day, Supplier<GetCostAndUsageResponse> request) {
        try {
            return request.get();
        } catch (DataUnavailableException | BillExpirationException | LimitExceededException e) {
            String advice = e instanceof DataUnavailableException
                    ? "Cost Explorer has no data for the day yet (or is not enabled): rerun the day later"
                    : e instanceof BillExpirationException
                    ? "the day's bill has expired from Cost Explorer: it cannot be costed again"
                    : "still throttled after " + MAX_ATTEMPTS + " attempts: rerun the day later";
            Telemetry.error("cost_explorer_failed", "day", day.toString(), "exception", e.getClass().getSimpleName(),
                    "advice", advice);
            throw e;
        }
    }

    private static Money plus(Money a, Money b) {
        return new Money(a.amount().add(b.amount()), a.currency());
    }

    /**
     * Cost Explorer's client retrying its throttle: {@code LimitExceededException} is an HTTP 400 that the SDK's
     * default strategy does not retry (it is not among AwsErrorCode's throttling codes), so one throttle would fail
     * the day (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html).
     * The SDK's other retries (5xx, network errors) stay as they are.
     */
    static CostExplorerClientBuilder retrying(CostExplorerClientBuilder builder, BackoffStrategy throttleBackoff) {
        RetryStrategy strategy = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .retryOnException(CostExplorerCostSource::isThrottle)
                .treatAsThrottling(CostExplorerCostSource::isThrottle)
                .throttlingBackoffStrategy(throttleBackoff)
                .build();
        return builder.overrideConfiguration(o -> o.retryStrategy(strategy));
    }

    static boolean isThrottle(Throwable failure) {
        return failure instanceof LimitExceededException;
    }

    private static Expression dimension(Dimension key, String value) {
        return Expression.builder().dimensions(DimensionValues.builder().key(key).values(value).build()).build();
    }

    private static DateInterval period(LocalDate day) {
        return DateInterval.builder().start(day.toString()).end(day.plusDays(1).toString()).build();
    }

    private static Money money(MetricValue value, String what) {
        if (value == null || value.amount() == null || value.unit() == null) {
            throw new IllegalStateException("Cost Explorer returned no " + METRIC + " for " + what);
        }
        return Money.parse(value.amount(), value.unit());
    }
}
