package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import constructs.TenantServices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/** What every pooled tier stack and every silo stack must hold: the tenant application, built the same way. */
class TenantServicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Subject(String name, Stack stack, TenantServices services) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Subject> tenantStacks() {
        var fleet = SynthesizedFleet.shipped();
        return Stream.concat(
                fleet.stacks.pooledTiers().stream().map(s -> new Subject(s.getStackName(), s, s.services())),
                fleet.stacks.siloTenants().stream().map(s -> new Subject(s.getStackName(), s, s.services())));
    }

    private static Template template(Subject subject) {
        return SynthesizedFleet.shipped().template(subject.stack());
    }

    static String logicalId(Stack stack, IConstruct construct) {
        return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void userPoolCarriesTenantIdRoleAndTierClaims(Subject subject) {
        template(subject).hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "Schema", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Name", "tenantId", "AttributeDataType", "String", "Mutable", false)),
                        Match.objectLike(Map.of("Name", "tier", "AttributeDataType", "String")),
                        Match.objectLike(Map.of("Name", "userRole", "AttributeDataType", "String")))),
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true))));
        // The role and tier claims are mutable for the control plane only: the app client may write the name alone.
        template(subject).allResourcesProperties("AWS::Cognito::UserPoolClient", Match.objectLike(Map.of(
                "WriteAttributes", List.of("name"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void productAndOrderTablesAreShardedRetainedAndPointInTimeRecovered(Subject subject) {
        var template = template(subject);
        // Products, orders, and the tenants' API keys (theAuthorizerTrustsOnlyThisStacksPool...).
        template.resourceCountIs("AWS::DynamoDB::Table", 3);
        template.allResources("AWS::DynamoDB::Table", Match.objectLike(Map.of("DeletionPolicy", "Retain")));
        for (var sortKey : List.of("productId", "orderId")) {
            template.hasResource("AWS::DynamoDB::Table", Map.of(
                    "DeletionPolicy", "Retain",
                    "Properties", Match.objectLike(Map.of(
                            "KeySchema", List.of(Map.of("AttributeName", "shardId", "KeyType", "HASH"),
                                    Map.of("AttributeName", sortKey, "KeyType", "RANGE")),
                            "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                            "SSESpecification", Match.objectLike(Map.of("SSEEnabled", true, "SSEType", "KMS"))))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void functionsAreJavaOnArmWithSnapStartAndTracing(Subject subject) {
        var template = template(subject);
        template.resourceCountIs("AWS::Lambda::Function", 3);
        template.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "TracingConfig", Map.of("Mode", "Active"),
                "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON")))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "functions.product.ProductHandler::handleRequest")));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "functions.order.OrderHandler::handleRequest")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void everyRouteInvokesTheLiveAliasBehindTheLambdaAuthorizerAndAnApiKey(Subject subject) {
        var template = template(subject);
        template.resourceCountIs("AWS::Lambda::Alias", 3);
        template.allResourcesProperties("AWS::Lambda::Alias", Match.objectLike(Map.of("Name", "live")));
        var methods = template.findResources("AWS::ApiGateway::Method");
        assertEquals(10, methods.size(), "GET/POST on /products and /orders, GET/PUT/DELETE on each item");
        var productAlias = logicalId(subject.stack(), subject.services().productFunction().alias());
        var orderAlias = logicalId(subject.stack(), subject.services().orderFunction().alias());
        var authorizer = template.findResources("AWS::ApiGateway::Authorizer");
        assertEquals(1, authorizer.size(), "one authorizer for the API");
        template.allResourcesProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "AuthorizationType", "CUSTOM",
                "AuthorizerId", Map.of("Ref", authorizer.keySet().iterator().next()),
                "ApiKeyRequired", true)));
        for (var method : methods.values()) {
            var uri = json(((Map<?, ?>) method.get("Properties")).get("Integration"));
            assertTrue(uri.contains(productAlias) || uri.contains(orderAlias), "integration targets an alias: " + uri);
        }
        for (var path : List.of("products", "orders", "{productId}", "{orderId}")) {
            template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of(
                    "PathPart", path, "ParentId", Match.anyValue(), "RestApiId", Match.anyValue()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void onlyTheProductAndOrderFunctionsReadTheStacksPageTokenKeyEncryptedWithItsDataKey(Subject subject) {
        var services = subject.services();
        var stack = subject.stack();
        var template = template(subject);
        var secret = logicalId(stack, services.pageTokenKey());
        template.resourceCountIs("AWS::SecretsManager::Secret", 1);
        template.hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                "KmsKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("Arn")))),
                "GenerateSecretString", Match.objectLike(Map.of("PasswordLength", 64, "ExcludePunctuation", true)))));
        for (var fn : List.of(services.productFunction(), services.orderFunction())) {
            template.hasResource("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Properties", Match.objectLike(Map.of("Environment", Map.of("Variables", Match.objectLike(Map.of(
                            TenantServices.PAGE_TOKEN_SECRET_VARIABLE, Map.of("Ref", secret)))))))));
            var policies = policiesOf(subject, logicalId(stack, fn.role()));
            assertTrue(policies.contains("{\"Action\":\"secretsmanager:GetSecretValue\",\"Effect\":\"Allow\","
                    + "\"Resource\":{\"Ref\":\"" + secret + "\"}}"), policies);
            assertTrue(policies.contains("\"kms:EncryptionContext:SecretARN\":{\"Ref\":\"" + secret + "\"}"), policies);
            assertFalse(policies.contains("secretsmanager:DescribeSecret"), policies);
        }
        var all = json(template.findResources("AWS::IAM::Policy"));
        assertEquals(2, all.split("secretsmanager:", -1).length - 1, "no other role may read the key: " + all);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void eachFunctionCanTouchOnlyItsOwnTable(Subject subject) {
        var services = subject.services();
        var stack = subject.stack();
        var productTable = logicalId(stack, services.productTable().table());
        var orderTable = logicalId(stack, services.orderTable().table());
        var productPolicies = policiesOf(subject, logicalId(stack, services.productFunction().role()));
        var orderPolicies = policiesOf(subject, logicalId(stack, services.orderFunction().role()));
        if (services.tenantAccessRole() != null) {
            // Pooled: no table grant on the function roles at all; data only through the tenant-access role.
            for (var policies : List.of(productPolicies, orderPolicies)) {
                assertFalse(policies.contains("dynamodb:"), "pooled function roles hold no DynamoDB grant: " + policies);
                assertTrue(policies.contains("sts:AssumeRole")
                        && policies.contains(logicalId(stack, services.tenantAccessRole())), policies);
            }
            return;
        }
        assertTrue(productPolicies.contains(productTable) && productPolicies.contains("dynamodb:PutItem"));
        assertFalse(productPolicies.contains(orderTable), "product function must not reach the order table");
        assertTrue(orderPolicies.contains(orderTable) && orderPolicies.contains("dynamodb:PutItem"));
        assertFalse(orderPolicies.contains(productTable), "order function must not reach the product table");
        assertFalse(productPolicies.contains("\"dynamodb:*\"") || orderPolicies.contains("\"dynamodb:*\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void pooledTenantAccessRoleIsAssumableOnlyByTheTiersFunctionsAndLimitedToTheirTables(Subject subject) {
        var services = subject.services();
        var stack = subject.stack();
        var template = template(subject);
        if (services.tenantAccessRole() == null) {
            assertTrue(subject.name().startsWith("saas-silo-"), "only silos have no tenant-access role");
            template.resourcePropertiesCountIs("AWS::IAM::Role", Match.objectLike(Map.of(
                    "Description", Match.stringLikeRegexp("Tenant-scoped data access.*"))), 0);
            return;
        }
        var roleId = logicalId(stack, services.tenantAccessRole());
        var role = json(template.findResources("AWS::IAM::Role").get(roleId));
        var productRole = logicalId(stack, services.productFunction().role());
        var orderRole = logicalId(stack, services.orderFunction().role());
        var trust = new ObjectMapper().valueToTree(template.findResources("AWS::IAM::Role").get(roleId))
                .get("Properties").get("AssumeRolePolicyDocument").get("Statement");
        var principals = new java.util.TreeSet<String>();
        for (var statement : trust) {
            assertEquals("sts:AssumeRole", statement.get("Action").asText(), role);
            assertEquals("Allow", statement.get("Effect").asText(), role);
            // One statement per principal, or one listing both (@aws-cdk/aws-iam:minimizePolicies, cdk.json).
            var aws = statement.get("Principal").get("AWS");
            Iterable<com.fasterxml.jackson.databind.JsonNode> listed = aws.isArray() ? aws : List.of(aws);
            for (var principal : listed) {
                principals.add(principal.get("Fn::GetAtt").get(0).asText());
            }
        }
        assertEquals(new java.util.TreeSet<>(List.of(productRole, orderRole)), principals,
                "exactly the tier's product and order function roles: " + role);
        var policy = policiesOf(subject, roleId);
        // Sorted: @aws-cdk/aws-iam:minimizePolicies (cdk.json) orders a statement's actions.
        assertTrue(policy.contains("[\"dynamodb:DeleteItem\",\"dynamodb:GetItem\",\"dynamodb:PutItem\","
                + "\"dynamodb:Query\",\"dynamodb:UpdateItem\"]"), policy);
        assertFalse(policy.contains("dynamodb:Scan") || policy.contains("dynamodb:Batch"), policy);
        assertTrue(policy.contains(logicalId(stack, services.productTable().table()))
                && policy.contains(logicalId(stack, services.orderTable().table())), policy);
        assertTrue(policy.contains("kms:ViaService"), "the data key only through DynamoDB: " + policy);
        for (var fn : List.of(services.productFunction(), services.orderFunction())) {
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Role", Map.of("Fn::GetAtt", List.of(logicalId(stack, fn.role()), "Arn")),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "TENANT_ACCESS_ROLE_ARN", Map.of("Fn::GetAtt", List.of(roleId, "Arn")),
                            "TENANT_TABLE_ARNS", Match.anyValue(),
                            "TENANT_TABLE_KEY_ARNS", Match.anyValue()))))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void theAuthorizerTrustsOnlyThisStacksPoolAndHandsEachTenantItsOwnUsagePlanKey(Subject subject) {
        var template = template(subject);
        var stack = subject.stack();
        var services = subject.services();
        var alias = logicalId(stack, services.authorizer().alias());
        template.hasResourceProperties("AWS::ApiGateway::Authorizer", Match.objectLike(Map.of(
                "Type", "TOKEN",
                "IdentitySource", "method.request.header.Authorization",
                "AuthorizerResultTtlInSeconds", 300)));
        assertTrue(json(template.findResources("AWS::ApiGateway::Authorizer")).contains(alias),
                "the authorizer invokes the live alias");
        // Each tenant's key comes from the authorizer (usageIdentifierKey), so the plan meters tenants one by one.
        template.hasResourceProperties("AWS::ApiGateway::RestApi", Match.objectLike(Map.of(
                "ApiKeySourceType", "AUTHORIZER")));
        var pool = logicalId(stack, services.userPool().userPool());
        var client = logicalId(stack, services.userPool().client());
        var env = json(template.findResources("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of(
                        "Handler", "functions.authorizer.AuthorizerHandler::handleRequest"))))));
        assertTrue(env.contains("\"API_KIND\":\"tenant\""), env);
        assertTrue(env.contains("https://cognito-idp." + stack.getRegion() + ".amazonaws.com/") && env.contains(pool)
                && env.contains(client), "trusts this stack's pool and client: " + env);
        var silo = subject.name().startsWith("saas-silo-");
        var tenantId = subject.name().replace("saas-silo-", "");
        assertTrue(silo ? env.contains("|tenant:" + tenantId) && env.contains("\"TENANT_ID\":\"" + tenantId + "\"")
                : env.contains("|pooled") && !env.contains("TENANT_ID"), env);
        assertTrue(env.contains(logicalId(stack, services.apiKeyTable().table())), env);
        var policies = policiesOf(subject, logicalId(stack, services.authorizer().role()));
        assertFalse(policies.contains("dynamodb:PutItem"), "the authorizer only reads keys: " + policies);
        assertFalse(policies.contains(logicalId(stack, services.productTable().table())), policies);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void theControlPlaneProvisionsThroughANamedRoleTrustingOnlyItsFunctionsAndLimitedToThisStack(Subject subject) {
        var template = template(subject);
        var stack = subject.stack();
        var services = subject.services();
        var role = services.controlPlaneAccess().role();
        var roleId = logicalId(stack, role);
        var trust = JSON.valueToTree(template.toJSON()).get("Resources").get(roleId).get("Properties");
        assertEquals(subject.name() + "-cp-" + stack.getRegion(), trust.get("RoleName").asText());
        var statement = trust.get("AssumeRolePolicyDocument").get("Statement");
        assertEquals(1, statement.size(), statement.toString());
        // The partition is a literal in a stack with a known region (@aws-cdk/core:enablePartitionLiterals, cdk.json).
        assertEquals("\"arn:aws:iam::111111111111:root\"", statement.get(0).get("Principal").get("AWS").toString());
        assertEquals("[\"arn:aws:iam::111111111111:role/saas-baseline-Registration-us-east-1\","
                        + "\"arn:aws:iam::111111111111:role/saas-baseline-TenantAccess-us-east-1\","
                        + "\"arn:aws:iam::111111111111:role/saas-baseline-TenantAdmin-us-east-1\","
                        + "\"arn:aws:iam::111111111111:role/saas-baseline-TenantUsers-us-east-1\","
                        + "\"arn:aws:iam::111111111111:role/saas-baseline-UsageCollector-us-east-1\"]",
                statement.get(0).get("Condition").get("ArnEquals").get("aws:PrincipalArn").toString());

        var policies = policiesOf(subject, roleId);
        var pool = logicalId(stack, services.userPool().userPool());
        var keys = logicalId(stack, services.apiKeyTable().table());
        var plan = logicalId(stack, services.api().usagePlan());
        assertTrue(policies.contains("cognito-idp:AdminCreateUser") && policies.contains(pool), policies);
        assertTrue(policies.contains("/usageplans/\",{\"Ref\":\"" + plan + "\"},\"/keys"), policies);
        assertTrue(policies.contains("dynamodb:PutItem") && policies.contains(keys), policies);
        assertTrue(policies.contains("\"cloudformation:DescribeStacks\"") && policies.contains("AWS::StackId"), policies);
        assertFalse(policies.contains("dynamodb:Scan"), policies);
        assertFalse(policies.contains("\"Resource\":\"*\""), policies);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void theControlPlaneRoleMayOnlyCountItemsOfExactlyTheTenantTablesNeverReadThem(Subject subject) {
        var stack = subject.stack();
        var services = subject.services();
        var roleId = logicalId(stack, services.controlPlaneAccess().role());
        var tenantTables = List.of(logicalId(stack, services.productTable().table()),
                logicalId(stack, services.orderTable().table()));
        var statements = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        JSON.valueToTree(template(subject).findResources("AWS::IAM::Policy")).forEach(policy -> {
            if (policy.get("Properties").get("Roles").toString().contains("\"" + roleId + "\"")) {
                policy.get("Properties").get("PolicyDocument").get("Statement").forEach(statements::add);
            }
        });
        var touchingTenantTables = statements.stream()
                .filter(st -> tenantTables.stream().anyMatch(t -> st.toString().contains("\"" + t + "\""))).toList();
        assertEquals(1, touchingTenantTables.size(), "one statement on tenant data: " + touchingTenantTables);
        var count = touchingTenantTables.get(0);
        assertEquals("\"dynamodb:Query\"", count.get("Action").toString());
        assertEquals("{\"StringEquals\":{\"dynamodb:Select\":\"COUNT\"}}", count.get("Condition").toString());
        var resources = new java.util.ArrayList<String>();
        count.get("Resource").forEach(r -> resources.add(r.get("Fn::GetAtt").get(0).asText() + "."
                + r.get("Fn::GetAtt").get(1).asText()));
        assertEquals(tenantTables.stream().map(t -> t + ".Arn").sorted().toList(), resources.stream().sorted().toList(),
                "exactly the product and order tables, no index");
        assertEquals(1, statements.stream().filter(st -> st.toString().contains("dynamodb:Query")).count(),
                "Query nowhere else: " + statements);
        // The tables' key is reachable only through DynamoDB, as for TenantApiKeys.
        assertTrue(statements.stream().anyMatch(st -> st.toString().contains("kms:Decrypt")
                && st.toString().contains("kms:ViaService")), statements.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void theStackPublishesWhatTheControlPlaneReadsAsOutputsWithFixedKeys(Subject subject) {
        var outputs = JSON.valueToTree(template(subject).toJSON()).get("Outputs");
        var stack = subject.stack();
        var services = subject.services();
        assertEquals(Map.of("Ref", logicalId(stack, services.userPool().userPool())).toString(),
                JSON.convertValue(outputs.get("UserPoolId").get("Value"), Map.class).toString());
        assertEquals(Map.of("Ref", logicalId(stack, services.userPool().client())).toString(),
                JSON.convertValue(outputs.get("AppClientId").get("Value"), Map.class).toString());
        assertEquals(Map.of("Ref", logicalId(stack, services.api().usagePlan())).toString(),
                JSON.convertValue(outputs.get("UsagePlanId").get("Value"), Map.class).toString());
        assertEquals(Map.of("Ref", logicalId(stack, services.apiKeyTable().table())).toString(),
                JSON.convertValue(outputs.get("TenantApiKeysTable").get("Value"), Map.class).toString());
        var shards = TierProfile.of(subject.name().startsWith("saas-silo-") ? contract.Tier.PLATINUM
                : contract.Tier.valueOf(subject.name().replace("saas-pooled-", "").toUpperCase(java.util.Locale.ROOT)))
                .shardCount();
        assertEquals(Integer.toString(shards), outputs.get("ShardCount").get("Value").asText());
        assertEquals(Map.of("Fn::Join", List.of("", List.of("ProductTable=",
                        Map.of("Ref", logicalId(stack, services.productTable().table())), ",OrderTable=",
                        Map.of("Ref", logicalId(stack, services.orderTable().table()))))).toString(),
                JSON.convertValue(outputs.get("TenantTables").get("Value"), Map.class).toString());
        assertEquals(ProvisioningOutputs.keys().stream().sorted().toList(),
                iterable(outputs.fieldNames()).stream().filter(ProvisioningOutputs.keys()::contains).sorted().toList());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        var list = new java.util.ArrayList<String>();
        names.forEachRemaining(list::add);
        return list;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void apiStageLogsTracesAndSitsBehindWaf(Subject subject) {
        var template = template(subject);
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "StageName", "prod",
                "TracingEnabled", true,
                "AccessLogSetting", Match.objectLike(Map.of(
                        "DestinationArn", Match.anyValue(),
                        "Format", Match.stringLikeRegexp("\\{.*\"requestId\".*\"status\".*\\}"))))));
        template.resourceCountIs("AWS::WAFv2::WebACL", 1);
        template.resourceCountIs("AWS::WAFv2::WebACLAssociation", 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantStacks")
    void everyFunctionRollsThroughCodeDeployWithAlarmsAndAutoRollback(Subject subject) {
        var template = template(subject);
        var stack = subject.stack();
        template.resourceCountIs("AWS::CodeDeploy::DeploymentGroup", 3);
        // Products and orders: ServerErrors, P99Latency, Errors, Throttles; the authorizer: no Errors
        // (RolloutAlarmsTest checks what each alarm watches); and the API's five operational alarms (ObservabilityTest).
        template.resourceCountIs("AWS::CloudWatch::Alarm", 11 + 5);
        for (var fn : List.of(subject.services().productFunction(), subject.services().orderFunction(),
                subject.services().authorizer())) {
            var alarmRefs = fn.canaryRollout().alarms().stream()
                    .map(alarm -> Map.of("Name", Map.of("Ref", logicalId(stack, alarm))))
                    .toList();
            template.hasResourceProperties("AWS::CodeDeploy::DeploymentGroup", Match.objectLike(Map.of(
                    "AlarmConfiguration", Map.of("Enabled", true, "Alarms", alarmRefs),
                    "AutoRollbackConfiguration", Map.of("Enabled", true, "Events", Match.arrayWith(List.of(
                            "DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_REQUEST", "DEPLOYMENT_STOP_ON_ALARM"))))));
            // The alias is shifted by CodeDeploy, not flipped by CloudFormation.
            var functionRef = Map.of("Ref", logicalId(stack, fn.function()));
            var groupRef = Map.of("Ref", logicalId(stack, fn.canaryRollout().deploymentGroup()));
            template.hasResource("AWS::Lambda::Alias", Match.objectLike(Map.of(
                    "Properties", Match.objectLike(Map.of("FunctionName", functionRef)),
                    "UpdatePolicy", Map.of("CodeDeployLambdaAliasUpdate",
                            Match.objectLike(Map.of("DeploymentGroupName", groupRef))))));
        }
    }

    private static String policiesOf(Subject subject, String roleLogicalId) {
        var policies = template(subject).findResources("AWS::IAM::Policy", Map.of(
                "Properties", Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", roleLogicalId))))));
        assertFalse(policies.isEmpty(), "role " + roleLogicalId + " has a policy");
        return json(policies);
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
