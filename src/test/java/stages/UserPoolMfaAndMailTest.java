package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.AwsEnv;
import app.MailSettings;
import app.PooledTierEntry;
import app.SiloTenant;
import contract.Tier;
import constructs.ControlPlaneAccess;
import constructs.DataKey;
import constructs.TenantServices;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentConfig;

/**
 * The user pools' sign-in and mail, on synthesized templates: operators must use a TOTP app, each tenant pool takes
 * its MFA from its tier's row in {@link TierProfile}, and every pool mails through the catalog's SES sender when
 * there is one.
 */
class UserPoolMfaAndMailTest {

    private static final String IDENTITY = "arn:aws:ses:us-east-1:555555555555:identity/example.com";
    private static final MailSettings MAIL = new MailSettings("no-reply@example.com", IDENTITY,
            Optional.of("fleet-mail"));

    private static String mfaConfiguration(Mfa mfa) {
        return switch (mfa) {
            case OFF -> "OFF";
            case OPTIONAL -> "OPTIONAL";
            case REQUIRED -> "ON";
        };
    }

    @Test
    void theOperationsPoolRequiresMfaWithATotpAppOnly() {
        var template = SynthesizedFleet.shipped().template(SynthesizedFleet.shipped().stacks.baseline());

        // Two pools: the operators' and the registrant pool, whose users only receive sign-up codes (no app client,
        // nobody signs in there); the operators' is the one with an app client.
        template.resourceCountIs("AWS::Cognito::UserPool", 2);
        template.resourceCountIs("AWS::Cognito::UserPoolClient", 1);
        var clientPool = template.findResources("AWS::Cognito::UserPoolClient").values().iterator().next();
        var poolRef = ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) clientPool).get("Properties")).get("UserPoolId"))
                .get("Ref").toString();
        var operations = (Map<?, ?>) ((Map<?, ?>) template.findResources("AWS::Cognito::UserPool").get(poolRef))
                .get("Properties");
        assertEquals("ON", operations.get("MfaConfiguration"));
        assertEquals(List.of("SOFTWARE_TOKEN_MFA"), operations.get("EnabledMfas"));
        assertEquals(null, operations.get("SmsConfiguration"));
    }

    @Test
    void eachTenantPoolTakesTheMfaOfItsTiersRowInTheTierTable() {
        var fleet = SynthesizedFleet.shipped();
        List<String> checked = new ArrayList<>();
        for (var stack : fleet.stacks.pooledTiers()) {
            var tier = java.util.Arrays.stream(Tier.values())
                    .filter(t -> StackNames.pooledTierStackName(t).equals(stack.getStackName())).findFirst().orElseThrow();
            assertTierMfa(fleet.template(stack), tier);
            checked.add(stack.getStackName());
        }
        for (var stack : fleet.stacks.siloTenants()) {
            assertTierMfa(fleet.template(stack), Tier.PLATINUM);
            checked.add(stack.getStackName());
        }
        assertEquals(6, checked.size(), checked.toString());
        assertEquals(Mfa.OPTIONAL, TierProfile.DEFAULT_MFA, "a tier says otherwise only in its own row");
    }

    private static void assertTierMfa(Template template, Tier tier) {
        template.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "MfaConfiguration", mfaConfiguration(TierProfile.of(tier).mfa()),
                "EnabledMfas", List.of("SOFTWARE_TOKEN_MFA"))));
    }

    @Test
    void aTierRowRequiringMfaMakesItsPoolRequireATotpApp() {
        // What a REQUIRED row in TierProfile hands TenantServices, built in a stack of its own.
        var stack = new Stack(new App(AppProps.builder().outdir(app.TempDirs.createDeletedOnExit("mfa").toString())
                .context(app.CdkJson.featureFlags()).build()), "Tier",
                StackProps.builder().env(new AwsEnv("222222222222", "us-east-1").toCdk()).build());
        var key = new DataKey(stack, "DataKey", new DataKey.Props("test")).key();
        new constructs.Telemetry(stack, constructs.Telemetry.Props.builder().fleet("saas").tier("PREMIUM")
                .key(key).build());
        var profile = new TierProfile(TierProfile.of(Tier.PREMIUM).limits(), 4, Mfa.REQUIRED);
        new TenantServices(stack, "Services", TenantServices.Props.builder()
                .description("pooled tier premium").functionsDir(PipelineFleet.FUNCTIONS).key(key)
                .limits(profile.limits()).shardCount(profile.shardCount()).rollout(LambdaDeploymentConfig.ALL_AT_ONCE)
                .controlPlane(ProvisioningOutputs.trust("saas", "saas-pooled-premium",
                        new AwsEnv("222222222222", "us-east-1"), new AwsEnv("111111111111", "us-east-1")))
                .mfa(profile.mfa()).build());

        Template.fromStack(stack).hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "MfaConfiguration", "ON", "EnabledMfas", List.of("SOFTWARE_TOKEN_MFA"))));
        // Optional MFA's suppression of AwsSolutions-COG2 is not carried over: the rule stays live on this pool.
        assertFalse(Template.fromStack(stack).findResources("AWS::Cognito::UserPool").toString()
                .contains("AwsSolutions-COG2"), "no COG2 suppression on a pool that requires MFA");
    }

    @Test
    void aTenantPoolWithOptionalMfaCarriesThatDecisionAsItsCog2Suppression() {
        var fleet = SynthesizedFleet.shipped();
        var pool = fleet.template(fleet.stacks.pooledTiers().get(0)).findResources("AWS::Cognito::UserPool",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("MfaConfiguration", "OPTIONAL")))));
        assertEquals(1, pool.size(), pool.toString());
        var rules = ((Map<?, ?>) ((Map<?, ?>) pool.values().iterator().next().get("Metadata")).get("cdk_nag"))
                .get("rules_to_suppress").toString();
        assertTrue(rules.contains("id=AwsSolutions-COG2") && rules.contains("MFA is optional, TOTP only"), rules);
    }

    @Test
    void withoutSesInTheCatalogNoPoolSendsThroughSes() {
        var fleet = SynthesizedFleet.shipped();
        List<Stack> stacks = new ArrayList<>(List.of(fleet.stacks.baseline()));
        stacks.addAll(fleet.stacks.pooledTiers());
        stacks.addAll(fleet.stacks.siloTenants());
        for (var stack : stacks) {
            fleet.template(stack).hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                    "EmailConfiguration", Match.absent())));
        }
    }

    @Test
    void withSesInTheCatalogEveryPoolSendsThroughTheIdentityAndStaysNagClean() {
        var fleetApp = new App(AppProps.builder().outdir(app.TempDirs.createDeletedOnExit("ses").toString())
                .context(app.CdkJson.featureFlags())
                .stackTraces(false).build());
        var controlPlane = new AwsEnv("111111111111", "us-east-1");
        var baselineStage = new Stage(fleetApp, "Baseline");
        var baseline = new BaselineStack(baselineStage, "Baseline", BaselineStack.Props.builder()
                .env(controlPlane).functionsDir(PipelineFleet.FUNCTIONS).pipelineNames(List.of("saas-fleet"))
                .pooledTiers(List.of()).stackAccounts(List.of("222222222222", "333333333333")).fleet("saas")
                .mail(Optional.of(MAIL)).build());
        var pooledStage = new Stage(fleetApp, "Pooled");
        var pooled = new PooledTierStack(pooledStage, "Pooled", PooledTierStack.Props.builder()
                .entry(new PooledTierEntry(Tier.BASIC, new AwsEnv("222222222222", "us-east-1")))
                .functionsDir(PipelineFleet.FUNCTIONS).controlPlane(controlPlane).fleet("saas")
                .mail(Optional.of(MAIL)).build());
        var siloStage = new Stage(fleetApp, "Silo");
        var silo = new SiloTenantStack(siloStage, "Silo", SiloTenantStack.Props.builder()
                .tenant(new SiloTenant("globex", "Globex", Tier.PLATINUM, new AwsEnv("333333333333", "eu-west-1"),
                        false, null))
                .functionsDir(PipelineFleet.FUNCTIONS).controlPlane(controlPlane).fleet("saas")
                .mail(Optional.of(MAIL)).build());
        for (var stage : List.of(baselineStage, pooledStage, siloStage)) {
            FleetChecks.applyTo(stage);
        }

        for (Stack stack : List.of(baseline, pooled, silo)) {
            Template.fromStack(stack).hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                    "EmailConfiguration", Map.of(
                            "EmailSendingAccount", "DEVELOPER",
                            "From", "no-reply@example.com",
                            "SourceArn", IDENTITY,
                            "ConfigurationSet", "fleet-mail"))));
            assertEquals(List.of(), PipelineFleet.nagErrors(stack), stack.getStackName());
            assertFalse(Template.fromStack(stack).toJSON().toString().contains("ses:SendEmail"),
                    "Cognito sends with its own service-linked role: the stack grants no SES action");
        }
        // Both baseline pools, the registrant pool's sign-up codes included, go through SES, the codes in a mail
        // that says what they are (a custom invitation is allowed with an SES sender only).
        var baselineTemplate = Template.fromStack(baseline);
        baselineTemplate.resourcePropertiesCountIs("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "EmailConfiguration", Match.objectLike(Map.of("SourceArn", IDENTITY)))), 2);
        baselineTemplate.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "AdminCreateUserConfig", Match.objectLike(Map.of("InviteMessageTemplate", Match.objectLike(Map.of(
                        "EmailSubject", "Your sign-up code",
                        "EmailMessage", Match.stringLikeRegexp(".*\\{username\\}.*\\{####\\}.*"))))))));
    }
}
