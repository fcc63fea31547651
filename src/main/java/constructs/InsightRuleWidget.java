package constructs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.ConcreteWidget;
import software.constructs.IConstruct;

/**
 * A dashboard widget showing a Contributor Insights rule's top contributors: CDK has no widget for it, so this emits
 * the dashboard body's {@code insightRule} metric widget
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html).
 */
final class InsightRuleWidget extends ConcreteWidget {

    static final int WIDTH = 8;
    static final int HEIGHT = 6;
    static final int TOP = 10;

    private final String title;
    private final String ruleName;
    private final String orderBy;
    private final String region;

    InsightRuleWidget(IConstruct scope, String title, String ruleName, String orderBy) {
        super(WIDTH, HEIGHT);
        this.title = title;
        this.ruleName = ruleName;
        this.orderBy = orderBy;
        this.region = Stack.of(scope).getRegion();
    }

    @Override
    public List<Object> toJson() {
        // Sorted: Map.of's order changes from one JVM to the next, and the dashboard body must not.
        return List.of(new TreeMap<String, Object>(Map.of(
                "type", "metric",
                "width", getWidth(),
                "height", getHeight(),
                "x", getX() == null ? 0 : getX(),
                "y", getY() == null ? 0 : getY(),
                "properties", new TreeMap<String, Object>(Map.of(
                        "title", title,
                        "region", region,
                        "view", "timeSeries",
                        "stacked", false,
                        "insightRule", new TreeMap<String, Object>(Map.of("maxContributorCount", TOP,
                                "orderBy", orderBy, "ruleName", ruleName)))))));
    }
}
