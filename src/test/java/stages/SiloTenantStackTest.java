package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class SiloTenantStackTest {

    private final SynthesizedFleet fleet = SynthesizedFleet.shipped();

    @Test
    void oneStackPerSiloTenantInTheTenantsOwnAccountAndRegion() {
        var silos = fleet.stacks.siloTenants();
        assertEquals(List.of("saas-silo-acme", "saas-silo-globex", "saas-silo-initech"),
                silos.stream().map(s -> s.getStackName()).toList());
        assertEquals(List.of("333333333333/eu-west-1", "333333333333/us-west-2", "444444444444/eu-west-1"),
                silos.stream().map(s -> s.getAccount() + "/" + s.getRegion()).toList());
    }

    @Test
    void siloResourcesAreTaggedWithTenantIdAndTier() {
        fleet.template(fleet.stacks.siloTenants().get(0)).allResourcesProperties("AWS::DynamoDB::Table",
                Match.objectLike(Map.of("Tags", Match.arrayWith(List.of(
                        Map.of("Key", "ManagedBy", "Value", "saas-fleet"),
                        Map.of("Key", "TenantId", "Value", "acme"),
                        Map.of("Key", "Tier", "Value", "PLATINUM"))))));
    }

    @Test
    void siloFunctionsAreBoundToTheirOneTenant() {
        var template = fleet.template(fleet.stacks.siloTenants().get(1));
        template.allResourcesProperties("AWS::Lambda::Function",
                Match.objectLike(Map.of("Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "TENANT_ID", "globex"))))));
        for (var handler : List.of("functions.product.ProductHandler::handleRequest",
                "functions.order.OrderHandler::handleRequest")) {
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("Handler", handler,
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("SHARD_COUNT", "4"))))));
        }
    }

    @Test
    void siloFunctionsRollByTenPercentCanaryForFiveMinutes() {
        for (var stack : fleet.stacks.siloTenants()) {
            fleet.template(stack).allResourcesProperties("AWS::CodeDeploy::DeploymentGroup", Match.objectLike(
                    Map.of("DeploymentConfigName", "CodeDeployDefault.LambdaCanary10Percent5Minutes")));
        }
    }

    @Test
    void siloUsagePlanHasPlatinumLimits() {
        fleet.template(fleet.stacks.siloTenants().get(2)).hasResourceProperties("AWS::ApiGateway::UsagePlan",
                Match.objectLike(Map.of(
                        "Throttle", Map.of("RateLimit", 300, "BurstLimit", 300),
                        "Quota", Map.of("Limit", 10000, "Period", "DAY"))));
    }
}
