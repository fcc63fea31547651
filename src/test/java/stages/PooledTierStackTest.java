package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import contract.Tier;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class PooledTierStackTest {

    private final SynthesizedFleet fleet = SynthesizedFleet.shipped();

    @Test
    void oneStackPerPooledTierEntryNamedForItsTier() {
        var names = fleet.stacks.pooledTiers().stream().map(s -> s.getStackName()).toList();
        assertEquals(List.of("saas-pooled-basic", "saas-pooled-standard", "saas-pooled-premium"), names);
        fleet.stacks.pooledTiers().forEach(s -> {
            assertEquals("222222222222", s.getAccount());
            assertEquals("us-east-1", s.getRegion());
        });
    }

    @Test
    void usagePlanAppliesTheTiersThrottleAndDailyQuota() {
        for (var stack : fleet.stacks.pooledTiers()) {
            var tier = Tier.valueOf(stack.getStackName().substring("saas-pooled-".length()).toUpperCase());
            var limits = TierProfile.of(tier).limits();
            fleet.template(stack).hasResourceProperties("AWS::ApiGateway::UsagePlan", Match.objectLike(Map.of(
                    "Throttle", Map.of("RateLimit", limits.perKey().ratePerSecond(),
                            "BurstLimit", limits.perKey().burst()),
                    "Quota", Map.of("Limit", limits.quotaPerDay(), "Period", "DAY"),
                    "ApiStages", List.of(Match.objectLike(Map.of("Stage", Match.anyValue()))))));
        }
    }

    @Test
    void basicTierLimitsAreThoseOfTheTierTable() {
        var basic = fleet.template(fleet.stacks.pooledTiers().get(0));
        basic.hasResourceProperties("AWS::ApiGateway::UsagePlan", Match.objectLike(Map.of(
                "Throttle", Map.of("RateLimit", 50, "BurstLimit", 50),
                "Quota", Map.of("Limit", 1000, "Period", "DAY"))));
    }

    @Test
    void pooledFunctionsServeEveryTenantOfTheTierWithTheTiersShardCount() {
        for (var stack : fleet.stacks.pooledTiers()) {
            var tier = Tier.valueOf(stack.getStackName().substring("saas-pooled-".length()).toUpperCase());
            var template = fleet.template(stack);
            template.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("TENANT_ID", Match.absent()))))));
            for (var handler : java.util.List.of("functions.product.ProductHandler::handleRequest",
                    "functions.order.OrderHandler::handleRequest")) {
                template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                        "Handler", handler,
                        "Environment", Map.of("Variables", Map.of(
                                "TABLE_NAME", Match.anyValue(),
                                "SHARD_COUNT", Integer.toString(TierProfile.of(tier).shardCount()))))));
            }
        }
    }

    @Test
    void pooledFunctionsRollLinearly() {
        for (var stack : fleet.stacks.pooledTiers()) {
            fleet.template(stack).allResourcesProperties("AWS::CodeDeploy::DeploymentGroup", Match.objectLike(
                    Map.of("DeploymentConfigName", "CodeDeployDefault.LambdaLinear10PercentEvery3Minutes")));
        }
    }

    @Test
    void pooledResourcesAreTaggedWithTheirTier() {
        fleet.template(fleet.stacks.pooledTiers().get(1)).hasResourceProperties("AWS::DynamoDB::Table",
                Match.objectLike(Map.of("Tags", Match.arrayWith(List.of(
                        Map.of("Key", "Tier", "Value", "STANDARD"))))));
    }
}
