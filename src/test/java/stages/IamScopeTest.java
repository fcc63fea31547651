package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import app.AwsEnv;
import app.FleetCatalog;
import app.SiloTenant;
import contract.Tier;
import constructs.ControlPlaneAccess;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * No IAM statement of any stack the shipped fleet synthesizes (pipelines, their support stacks, baseline, pooled
 * tiers, silo tenants) reaches wider than the fleet: {@code sts:AssumeRole} names a role in every account
 * ({@code arn:<partition>:iam::*:}) nowhere (the control plane names the catalog's accounts, the offboarder those and
 * the accounts it remembers), and API Gateway key verbs never apply to every key of a region
 * ({@code ::/apikeys/*}) without a condition (ControlPlaneAccess scopes them by the stack's own key tag).
 */
class IamScopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANY_ACCOUNT_ROLE = Pattern.compile(":iam::\\*:");
    private static final Pattern EVERY_KEY = Pattern.compile(":apigateway:.*::/apikeys/\\*$");

    /** One statement of a synthesized policy, with its resources flattened to strings ({@code Ref}s as names). */
    record Grant(String where, List<String> actions, List<String> resources, String condition) {
        boolean conditioned() {
            return condition != null;
        }
    }

    @Test
    void noStatementAssumesARoleInEveryAccount() {
        var wide = grants().stream()
                .filter(g -> g.actions().stream().anyMatch(a -> a.equals("sts:AssumeRole") || a.equals("sts:*")))
                .filter(g -> g.resources().stream().anyMatch(r -> ANY_ACCOUNT_ROLE.matcher(r).find()))
                .map(g -> g.where().replaceAll("DefaultPolicy[0-9A-F]+$", "") + ":" + g.resources() + g.condition())
                .toList();
        assertEquals(List.of(), wide);
    }

    @Test
    void theScanSeesTheAssumeRoleGrants() {
        // Guards the scan above against reading nothing: the control plane's and the offboarder's grants are found.
        var assumers = grants().stream()
                .filter(g -> g.actions().contains("sts:AssumeRole"))
                .map(Grant::where)
                .toList();
        assertTrue(assumers.stream().anyMatch(w -> w.startsWith("saas-fleet/OffboarderFunctionRole")), assumers::toString);
        assertTrue(assumers.stream().anyMatch(w -> w.startsWith("saas-baseline/")), assumers::toString);
    }

    @Test
    void noUnconditionedStatementGrantsApiGatewayVerbsOnEveryKeyOfARegion() {
        var wide = grants().stream()
                .filter(g -> !g.conditioned())
                .filter(g -> g.actions().stream().anyMatch(a -> a.startsWith("apigateway:")))
                .filter(g -> g.resources().stream().anyMatch(r -> EVERY_KEY.matcher(r).find() || r.equals("*")))
                .map(Grant::toString)
                .toList();
        assertEquals(List.of(), wide);
    }

    @Test
    void theScanSeesTheControlPlaneAccessKeyGrants() {
        // Guards the two scans above against reading nothing: the access roles' key statements must be found.
        var keyGrants = grants().stream()
                .filter(g -> g.actions().contains("apigateway:PATCH"))
                .toList();
        assertFalse(keyGrants.isEmpty(), "no apigateway:PATCH statement found in the fleet's templates");
    }

    private static List<Grant> cached;

    static synchronized List<Grant> grants() {
        if (cached == null) {
            var grants = new ArrayList<Grant>();
            PipelineFleet.shipped().app.getNode().findAll().stream()
                    .filter(Stack.class::isInstance)
                    .map(Stack.class::cast)
                    .forEach(stack -> collect(stack, grants));
            cached = List.copyOf(grants);
        }
        return cached;
    }

    private static void collect(Stack stack, List<Grant> into) {
        JsonNode template = JSON.valueToTree(Template.fromStack(stack).toJSON());
        template.path("Resources").fields().forEachRemaining(resource -> {
            var properties = resource.getValue().path("Properties");
            var where = stack.getStackName() + "/" + resource.getKey();
            documents(properties).forEach(doc -> doc.path("Statement").forEach(statement -> {
                if (!"Allow".equals(statement.path("Effect").asText())) {
                    return;
                }
                into.add(new Grant(where, strings(statement.path("Action")), strings(statement.path("Resource")),
                        statement.has("Condition") ? statement.get("Condition").toString() : null));
            }));
        });
    }

    // AWS::IAM::Policy / ManagedPolicy carry PolicyDocument; AWS::IAM::Role carries inline Policies.
    private static List<JsonNode> documents(JsonNode properties) {
        var docs = new ArrayList<JsonNode>();
        if (properties.has("PolicyDocument")) {
            docs.add(properties.get("PolicyDocument"));
        }
        properties.path("Policies").forEach(p -> docs.add(p.path("PolicyDocument")));
        return docs;
    }

    private static List<String> strings(JsonNode node) {
        var out = new ArrayList<String>();
        if (node.isArray()) {
            node.forEach(n -> out.add(flatten(n)));
        } else if (!node.isMissingNode()) {
            out.add(flatten(node));
        }
        return out;
    }

    /** A resource as text: Fn::Join concatenated, Ref and Fn::GetAtt as {@code <name>}. */
    static String flatten(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.has("Fn::Join")) {
            var parts = node.get("Fn::Join").get(1);
            var delimiter = node.get("Fn::Join").get(0).asText();
            var texts = new ArrayList<String>();
            parts.forEach(p -> texts.add(flatten(p)));
            return String.join(delimiter, texts);
        }
        if (node.has("Ref")) {
            return "<" + node.get("Ref").asText() + ">";
        }
        if (node.has("Fn::GetAtt")) {
            return "<" + node.get("Fn::GetAtt").toString() + ">";
        }
        return node.toString();
    }

    @Test
    void theControlPlaneReachesTheAccountOfASiloTenantAddedToTheCatalog() {
        // A silo tenant registered through the table brings its account into the next synth: the baseline, which
        // the first wave redeploys on every run, then names that account's access roles (and only the catalog's).
        var shipped = PipelineFleet.shippedCatalog();
        var tenants = new ArrayList<>(shipped.tenants());
        tenants.add(new SiloTenant("newco", "NewCo", Tier.PLATINUM, new AwsEnv("555555555555", "eu-west-1"), false,
                null));
        var grown = new FleetCatalog(shipped.pipeline(), shipped.baseline(), shipped.pooledTiers(), tenants);

        assertEquals(List.of("222222222222", "333333333333", "444444444444"), FleetStacks.stackAccounts(shipped));
        assertEquals(List.of("222222222222", "333333333333", "444444444444", "555555555555"),
                FleetStacks.stackAccounts(grown));
    }

    @Test
    void theApiKeyTagIsTheNameTheFunctionsCreateKeysWith() {
        assertEquals("saas-fleet:stack", ControlPlaneAccess.API_KEY_STACK_TAG,
                "lambda-src functions.provisioning.StackAccess.API_KEY_STACK_TAG");
    }

    @Test
    void anAccessRoleReachesOnlyKeysTaggedWithItsOwnStack() {
        var tier = SynthesizedFleet.shipped().stacks.pooledTiers().get(0);
        var stackName = tier.getStackName();
        var byActions = grants().stream()
                .filter(g -> g.where().startsWith(stackName + "/"))
                .filter(g -> g.actions().stream().anyMatch(a -> a.startsWith("apigateway:")))
                .toList();
        var perKey = byActions.stream().filter(g -> g.resources().stream().anyMatch(r -> r.endsWith("/apikeys/*")))
                .toList();
        assertEquals(1, perKey.size(), byActions.toString());
        assertEquals(List.of("apigateway:DELETE", "apigateway:GET", "apigateway:PATCH"), perKey.get(0).actions());
        assertEquals("{\"StringEquals\":{\"aws:ResourceTag/saas-fleet:stack\":\"" + stackName + "\"}}",
                perKey.get(0).condition());
        var creates = byActions.stream().filter(g -> g.actions().contains("apigateway:POST")
                && g.resources().stream().anyMatch(r -> r.endsWith("::/apikeys"))).toList();
        assertEquals(1, creates.size(), byActions.toString());
        assertEquals("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"saas-fleet:stack\"]},"
                + "\"StringEquals\":{\"aws:RequestTag/saas-fleet:stack\":\"" + stackName + "\"}}",
                creates.get(0).condition());
        // Tagging on creation only: PUT on the tags path of the not-yet-created key (literal *), never of a key.
        var tagging = byActions.stream().filter(g -> g.actions().contains("apigateway:PUT")).toList();
        assertEquals(1, tagging.size(), byActions.toString());
        assertEquals(List.of("arn:<AWS::Partition>:apigateway:<AWS::Region>::/tags/arn%3A<AWS::Partition>%3Aapigateway"
                + "%3A<AWS::Region>%3A%3A%2Fapikeys%2F${*}"), tagging.get(0).resources());
        assertEquals(creates.get(0).condition(), tagging.get(0).condition());
    }

    @Test
    void flattenJoinsPartsAndNamesReferences() {
        var join = JSON.valueToTree(Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":iam::*:role/x"))));
        assertEquals("arn:<AWS::Partition>:iam::*:role/x", flatten(join));
    }
}
