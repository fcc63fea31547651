package constructs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.services.budgets.CfnBudget;
import software.constructs.Construct;

/**
 * A silo tenant's monthly AWS Budgets cost budget, over the cost its resources carry in the {@code TenantId}
 * cost-allocation tag (active once the tag is activated in Billing: README), notifying the stack's alarm topic at
 * 80% of actual cost and 100% of forecast cost. The filter is the budget's {@code CostFilters} map with
 * {@code TagKeyValue: ["user:<key>$<value>"]}, the form the Budgets API documents for a user-defined tag
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-budgets-budget-budgetdata.html,
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html).
 */
public final class TenantBudget extends Construct {

    static final double ACTUAL_PERCENT = 80;
    static final double FORECAST_PERCENT = 100;

    /**
     * @param tenantId   the tenant (required)
     * @param tagKey     the cost-allocation tag the tenant's resources carry (required)
     * @param monthlyUsd the budget, US dollars a month (required, > 0)
     */
    public record Props(String tenantId, String tagKey, BigDecimal monthlyUsd) {
        public Props {
            Objects.requireNonNull(tenantId, "TenantBudget: tenantId is required");
            Objects.requireNonNull(tagKey, "TenantBudget: tagKey is required");
            Objects.requireNonNull(monthlyUsd, "TenantBudget: monthlyUsd is required");
            if (monthlyUsd.signum() <= 0) {
                throw new IllegalArgumentException("TenantBudget: monthlyUsd must be > 0, got " + monthlyUsd);
            }
        }
    }

    private final CfnBudget budget;

    public TenantBudget(Construct scope, String id, Props props) {
        super(scope, id);
        var telemetry = Telemetry.of(this);
        telemetry.allowBudgets();
        var subscriber = CfnBudget.SubscriberProperty.builder()
                .subscriptionType("SNS").address(telemetry.alarmTopic().getTopicArn()).build();
        this.budget = CfnBudget.Builder.create(this, "Budget")
                .budget(CfnBudget.BudgetDataProperty.builder()
                        .budgetType("COST")
                        .timeUnit("MONTHLY")
                        .budgetLimit(CfnBudget.SpendProperty.builder()
                                .amount(props.monthlyUsd().doubleValue()).unit("USD").build())
                        .costFilters(Map.of("TagKeyValue",
                                List.of("user:" + props.tagKey() + "$" + props.tenantId())))
                        .build())
                .notificationsWithSubscribers(List.of(
                        notification("ACTUAL", ACTUAL_PERCENT, subscriber),
                        notification("FORECASTED", FORECAST_PERCENT, subscriber)))
                .build();
    }

    private static CfnBudget.NotificationWithSubscribersProperty notification(String type, double percent,
                                                                               CfnBudget.SubscriberProperty to) {
        return CfnBudget.NotificationWithSubscribersProperty.builder()
                .notification(CfnBudget.NotificationProperty.builder()
                        .notificationType(type)
                        .comparisonOperator("GREATER_THAN")
                        .threshold(percent)
                        .thresholdType("PERCENTAGE")
                        .build())
                .subscribers(List.of(to))
                .build();
    }

    public CfnBudget budget() {
        return budget;
    }
}
