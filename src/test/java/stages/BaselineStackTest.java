package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class BaselineStackTest {

    private final SynthesizedFleet fleet = SynthesizedFleet.shipped();
    private final Template template = fleet.template(fleet.stacks.baseline());

    @Test
    void baselineIsInTheCatalogsBaselineEnvWithAStableName() {
        var stack = fleet.stacks.baseline();
        assertEquals("111111111111", stack.getAccount());
        assertEquals("us-east-1", stack.getRegion());
        assertEquals("saas-baseline", stack.getStackName());
    }

    @Test
    void controlPlaneTablesAreOnDemandEncryptedRetainedAndPointInTimeRecovered() {
        // Five control-plane tables and the metering tables TenantUsage and TenantCost (stages.Metering).
        template.resourceCountIs("AWS::DynamoDB::Table", 7);
        template.allResources("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "BillingMode", "PAY_PER_REQUEST",
                        "DeletionProtectionEnabled", true,
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "SSESpecification", Match.objectLike(Map.of(
                                "SSEEnabled", true, "SSEType", "KMS",
                                "KMSMasterKeyId", Match.anyValue()))))));
    }

    @Test
    void tenantDetailsIsKeyedByTenantIdAndNoControlPlaneTableHasAnIndexNoFunctionQueries() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "tenantId", "KeyType", "HASH")),
                "GlobalSecondaryIndexes", Match.absent())));
        template.allResourcesProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "GlobalSecondaryIndexes", Match.absent())));
    }

    @Test
    void tenantStackMappingHasTheStableNameThePipelineReadsAndStreamsNewAndOldImages() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "TableName", "saas-fleet-TenantStackMapping",
                "KeySchema", List.of(Map.of("AttributeName", "tenantId", "KeyType", "HASH")),
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"))));
    }

    @Test
    void tenantUserMappingAndSettingsTablesExist() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "tenantId", "KeyType", "HASH"),
                        Map.of("AttributeName", "userName", "KeyType", "RANGE")))));
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "settingName", "KeyType", "HASH")))));
    }

    @Test
    void dataKeyRotatesAndIsRetained() {
        template.hasResource("AWS::KMS::Key", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of("EnableKeyRotation", true))));
    }

    @Test
    void operationsPoolAllowsNoSelfSignUpAndIsRetained() {
        // Two pools: the operations staff's, and the registrant pool that mails sign-up codes (ControlPlaneTest).
        template.resourceCountIs("AWS::Cognito::UserPool", 2);
        var pools = template.findResources("AWS::Cognito::UserPool");
        var operations = fleet.stacks.baseline().resolve(((software.amazon.awscdk.CfnElement) fleet.stacks.baseline()
                .operationsUsers().userPool().getNode().getDefaultChild()).getLogicalId()).toString();
        template.hasResource("AWS::Cognito::UserPool", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true),
                        "DeletionProtection", "ACTIVE"))));
        assertEquals("Retain", ((Map<?, ?>) pools.get(operations)).get("DeletionPolicy"));
        pools.values().forEach(pool -> assertEquals(Map.of("AllowAdminCreateUserOnly", true),
                ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) pool).get("Properties")).get("AdminCreateUserConfig"))
                        .entrySet().stream().filter(e -> e.getKey().equals("AllowAdminCreateUserOnly"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                "no pool of the baseline allows self sign-up"));
    }

    @Test
    void adminApiHasAPublicHealthRouteServedByAMock() {
        template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "health"));
        template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "HttpMethod", "GET",
                "AuthorizationType", "NONE",
                "Integration", Match.objectLike(Map.of("Type", "MOCK")))));
    }

    @Test
    void appClientsIssueFifteenMinuteIdAndAccessTokensAndOneDayRefreshTokens() {
        // TenantUserPool's client, here the operations pool's (tier and silo pools are the same construct): a
        // disabled user's tokens pass the authorizers' signature check until they expire (README, "Tokens").
        template.hasResourceProperties("AWS::Cognito::UserPoolClient", Match.objectLike(Map.of(
                "IdTokenValidity", 15, "AccessTokenValidity", 15, "RefreshTokenValidity", 1440,
                "TokenValidityUnits", Map.of("IdToken", "minutes", "AccessToken", "minutes",
                        "RefreshToken", "minutes"))));
    }

    @Test
    void onboardingTriggerReadsTheTenantStackMappingStreamWithPerItemFailuresAndADeadLetterQueue() {
        var baseline = fleet.stacks.baseline();
        // The trigger, the admin authorizer, the five control-plane functions (ControlPlaneTest), the four
        // metering functions (MeteringTest) and the two custom resource handlers (BootstrapResourcesTest).
        template.resourceCountIs("AWS::Lambda::Function", 13);
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "functions.pipeline.PipelineTriggerHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("PIPELINE_NAMES", "saas-fleet"))))));
        var trigger = baseline.onboardingTrigger();
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(
                        TenantServicesTest.logicalId(baseline, baseline.tenantStackMapping().table()), "StreamArn")),
                "StartingPosition", "TRIM_HORIZON",
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "BisectBatchOnFunctionError", true,
                "MaximumRetryAttempts", 5,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Map.of("Fn::GetAtt", List.of(
                        TenantServicesTest.logicalId(baseline, trigger.deadLetters()), "Arn")))))));
        // The mapping invokes the live alias, so CodeDeploy's rollout governs stream traffic too.
        var mapping = template.findResources("AWS::Lambda::EventSourceMapping").toString();
        assertTrue(mapping.contains(":live"), mapping);
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "SqsManagedSseEnabled", true, "MessageRetentionPeriod", 1209600)));
    }

    @Test
    void onboardingTriggerMayStartOnlyTheFleetPipelines() {
        var baseline = fleet.stacks.baseline();
        var role = TenantServicesTest.logicalId(baseline, baseline.onboardingTrigger().function().role());
        // Stack.formatArn in a stack of known account and region, with @aws-cdk/core:enablePartitionLiterals.
        var pipelineArn = "arn:aws:codepipeline:us-east-1:111111111111:saas-fleet";
        var statement = Match.objectLike(Map.of(
                "Action", "codepipeline:StartPipelineExecution", "Resource", pipelineArn));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", role)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(statement)))))));
    }

    @Test
    void baselineIsTaggedAsManagedByTheFleet() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "Tags", Match.arrayWith(List.of(Map.of("Key", "ManagedBy", "Value", "saas-fleet"))))));
    }
}
