package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.AwsEnv;
import app.FleetCatalog;
import app.SiloTenant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The growth WaveLimits#MAX_ACCOUNTS_PER_REGION is derived from, measured on a synthesized pipeline: its artifact
 * bucket policy names each account of the pipeline's region, each other region's support stack (CodePipeline's
 * replication bucket and key, one per pipeline and region) names that region's accounts in its bucket policy and
 * grows its template, which the CDK CLI sends in the request as YAML (no bootstrap bucket: aws-cdk #27196). One
 * synth with 1 account in us-west-2 and 3 in eu-west-1 gives two points of the same line; a CDK upgrade that makes
 * any of them grow faster than the stated constants fails here, before a fleet at the cap fails to deploy.
 */
class SupportStackSizeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static PipelineFleet fleet;
    private static FleetCatalog catalog;

    @BeforeAll
    static void synthesize() {
        List<SiloTenant> tenants = new ArrayList<>();
        tenants.add(PlanCatalogs.silo("west-0", new AwsEnv("900000000100", "us-west-2")));
        for (int i = 1; i <= 3; i++) {
            tenants.add(PlanCatalogs.silo("eu-" + i, new AwsEnv(String.format("9000000002%02d", i), "eu-west-1")));
            tenants.add(PlanCatalogs.silo("east-" + i, new AwsEnv(String.format("9000000003%02d", i), "us-east-1")));
        }
        var shipped = PipelineFleet.shippedCatalog();
        catalog = new FleetCatalog(shipped.pipeline(), shipped.baseline(), shipped.pooledTiers(), tenants);
        fleet = PipelineFleet.withChecksOnPipelineStacksOnly(catalog);
    }

    private static Stack support(String region) {
        return fleet.app.getNode().findAll().stream().filter(Stack.class::isInstance).map(Stack.class::cast)
                .filter(s -> s.getStackName().equals("saas-fleet-support-" + region)).findFirst()
                .orElseThrow(() -> new AssertionError("no support stack in " + region));
    }

    private static JsonNode template(Stack stack) {
        return JSON.valueToTree(Template.fromStack(stack).toJSON());
    }

    /** The compact JSON of the template's one bucket policy whose logical id starts with {@code logicalIdPrefix}. */
    private static long bucketPolicyBytes(JsonNode template, String logicalIdPrefix) {
        List<JsonNode> found = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith(logicalIdPrefix)
                    && e.getValue().path("Type").asText().equals("AWS::S3::BucketPolicy")) {
                found.add(e.getValue().path("Properties").path("PolicyDocument"));
            }
        });
        assertEquals(1, found.size(), logicalIdPrefix);
        return found.get(0).toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static long yamlBytes(JsonNode template) throws Exception {
        return YAML.writeValueAsBytes(template).length;
    }

    @Test
    void replicationBucketPolicyGrowsWithinTheStatedBytesPerAccount() {
        long one = bucketPolicyBytes(template(support("us-west-2")), "");
        long three = bucketPolicyBytes(template(support("eu-west-1")), "");
        assertTrue(one <= WaveLimits.REPLICATION_BUCKET_POLICY_ONE_ACCOUNT_BYTES, "one account: " + one);
        assertTrue(three - one > 0 && (three - one) / 2.0 <= WaveLimits.REPLICATION_BUCKET_POLICY_BYTES_PER_ACCOUNT,
                "per account: " + (three - one) / 2.0);
    }

    @Test
    void supportTemplateGrowsWithinTheStatedBytesPerAccount() throws Exception {
        long one = yamlBytes(template(support("us-west-2")));
        long three = yamlBytes(template(support("eu-west-1")));
        assertTrue(one <= WaveLimits.SUPPORT_TEMPLATE_ONE_ACCOUNT_BYTES, "one account: " + one);
        assertTrue(three - one > 0 && (three - one) / 2.0 <= WaveLimits.SUPPORT_TEMPLATE_BYTES_PER_ACCOUNT,
                "per account: " + (three - one) / 2.0);
    }

    @Test
    void artifactBucketPolicyStaysWithinTheStatedLineForThePipelineRegionsAccounts() {
        Set<String> eastAccounts = new HashSet<>();
        fleet.plan.pipelines().forEach(p -> p.waves().forEach(w -> w.stacks().stream()
                .filter(s -> s.env().region().equals("us-east-1")).forEach(s -> eastAccounts.add(s.env().account()))));
        long bytes = bucketPolicyBytes(template(fleet.pipelines.get(0)), "PipelineArtifactsBucketPolicy");
        long line = WaveLimits.ARTIFACT_BUCKET_POLICY_ONE_ACCOUNT_BYTES
                + (eastAccounts.size() - 1) * WaveLimits.ARTIFACT_BUCKET_POLICY_BYTES_PER_ACCOUNT;
        assertTrue(eastAccounts.size() >= 4, eastAccounts.toString());
        assertTrue(bytes <= line, bytes + " bytes for " + eastAccounts.size() + " accounts, line " + line);
    }

    @Test
    void atTheCapEveryOneStaysWithinItsAwsLimit() {
        int n = WaveLimits.MAX_ACCOUNTS_PER_REGION;
        assertEquals(42, n);
        assertTrue(WaveLimits.ARTIFACT_BUCKET_POLICY_ONE_ACCOUNT_BYTES
                + (n - 1) * WaveLimits.ARTIFACT_BUCKET_POLICY_BYTES_PER_ACCOUNT <= WaveLimits.S3_BUCKET_POLICY_MAX_BYTES);
        assertTrue(WaveLimits.REPLICATION_BUCKET_POLICY_ONE_ACCOUNT_BYTES
                + (n - 1) * WaveLimits.REPLICATION_BUCKET_POLICY_BYTES_PER_ACCOUNT
                <= WaveLimits.S3_BUCKET_POLICY_MAX_BYTES);
        assertTrue(WaveLimits.SUPPORT_TEMPLATE_ONE_ACCOUNT_BYTES
                + (n - 1) * WaveLimits.SUPPORT_TEMPLATE_BYTES_PER_ACCOUNT
                <= WaveLimits.CLOUDFORMATION_TEMPLATE_BODY_MAX_BYTES);
    }
}
