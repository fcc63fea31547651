package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/** The baseline's control plane: routes, who may call them, and what each function may touch. */
class ControlPlaneTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SynthesizedFleet fleet = SynthesizedFleet.shipped();
    private final BaselineStack baseline = fleet.stacks.baseline();
    private final Template template = fleet.template(baseline);
    private final JsonNode resources = JSON.valueToTree(template.toJSON()).get("Resources");

    private String id(IConstruct construct) {
        return Stack.of(construct).resolve(((software.amazon.awscdk.CfnElement) construct.getNode()
                .getDefaultChild()).getLogicalId()).toString();
    }

    /** "METHOD /path" → the method resource, for every method of the admin API. */
    private Map<String, JsonNode> methods() {
        var paths = new TreeMap<String, String>();
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().get("Type").asText().equals("AWS::ApiGateway::Resource")) {
                paths.put(e.getKey(), e.getValue().get("Properties").get("PathPart").asText());
            }
        });
        var methods = new TreeMap<String, JsonNode>();
        resources.fields().forEachRemaining(e -> {
            var r = e.getValue();
            if (r.get("Type").asText().equals("AWS::ApiGateway::Method")) {
                var props = r.get("Properties");
                methods.put(props.get("HttpMethod").asText() + " " + path(props.get("ResourceId"), paths), props);
            }
        });
        return methods;
    }

    private String path(JsonNode resourceId, Map<String, String> parts) {
        if (!resourceId.has("Ref")) {
            return "";
        }
        var id = resourceId.get("Ref").asText();
        var parent = resources.get(id).get("Properties").get("ParentId");
        return path(parent, parts) + "/" + parts.get(id);
    }

    @Test
    void everyControlPlaneRouteIsServedByItsFunction() {
        var methods = methods();
        var expected = new TreeMap<String, ServiceFunctionRef>(Map.ofEntries(
                Map.entry("POST /registration", ServiceFunctionRef.REGISTRATION),
                Map.entry("POST /registration/{requestId}/verify", ServiceFunctionRef.REGISTRATION),
                Map.entry("GET /tenants", ServiceFunctionRef.TENANT_ADMIN),
                Map.entry("POST /tenants", ServiceFunctionRef.TENANT_ADMIN),
                Map.entry("GET /tenants/{tenantId}", ServiceFunctionRef.TENANT_ADMIN),
                Map.entry("PUT /tenants/{tenantId}", ServiceFunctionRef.TENANT_ADMIN),
                Map.entry("POST /tenants/{tenantId}/activate", ServiceFunctionRef.TENANT_ADMIN),
                Map.entry("POST /tenants/{tenantId}/deactivate", ServiceFunctionRef.TENANT_ADMIN),
                Map.entry("POST /tenants/{tenantId}/offboard", ServiceFunctionRef.TENANT_ADMIN),
                Map.entry("GET /tenants/{tenantId}/users", ServiceFunctionRef.TENANT_USERS),
                Map.entry("POST /tenants/{tenantId}/users", ServiceFunctionRef.TENANT_USERS),
                Map.entry("GET /tenants/{tenantId}/users/{userName}", ServiceFunctionRef.TENANT_USERS),
                Map.entry("PUT /tenants/{tenantId}/users/{userName}", ServiceFunctionRef.TENANT_USERS),
                Map.entry("POST /tenants/{tenantId}/users/{userName}/disable", ServiceFunctionRef.TENANT_USERS),
                Map.entry("POST /tenants/{tenantId}/users/{userName}/enable", ServiceFunctionRef.TENANT_USERS),
                Map.entry("POST /internal/tenants/{tenantId}/activate", ServiceFunctionRef.TENANT_ADMIN),
                Map.entry("GET /operators", ServiceFunctionRef.OPERATORS),
                Map.entry("POST /operators", ServiceFunctionRef.OPERATORS),
                Map.entry("GET /operators/{userName}", ServiceFunctionRef.OPERATORS),
                Map.entry("POST /operators/{userName}/disable", ServiceFunctionRef.OPERATORS),
                Map.entry("POST /operators/{userName}/enable", ServiceFunctionRef.OPERATORS)));
        for (var route : expected.entrySet()) {
            var method = methods.get(route.getKey());
            assertTrue(method != null, route.getKey() + " missing; have " + methods.keySet());
            var alias = id(route.getValue().of(baseline.controlPlane()).alias());
            assertTrue(method.get("Integration").toString().contains(alias),
                    route.getKey() + " → " + alias + ": " + method.get("Integration"));
        }
        var routed = new ArrayList<>(methods.keySet());
        routed.removeAll(expected.keySet());
        // The metering routes are stages.Metering's (MeteringTest checks their function).
        assertEquals(List.of("GET /health", "GET /tenants/{tenantId}/cost", "GET /tenants/{tenantId}/usage"), routed,
                "no route beyond the control plane's, the metering routes and the health probe");
    }

    @Test
    void onlyRegistrationAndHealthArePublicInternalRoutesNeedIamAndEveryOtherRouteTheLambdaAuthorizer() {
        var authorizers = new ArrayList<String>();
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().get("Type").asText().equals("AWS::ApiGateway::Authorizer")) {
                authorizers.add(e.getKey());
                var props = e.getValue().get("Properties");
                assertEquals("TOKEN", props.get("Type").asText());
                assertTrue(props.get("AuthorizerUri").toString().contains(id(baseline.adminAuthorizer().alias())),
                        props.toString());
            }
        });
        assertEquals(1, authorizers.size(), authorizers.toString());
        var internal = 0;
        for (var entry : methods().entrySet()) {
            var route = entry.getKey();
            var type = entry.getValue().get("AuthorizationType").asText();
            if (route.startsWith("POST /registration") || route.equals("GET /health")) {
                assertEquals("NONE", type, route);
            } else if (route.contains(" /internal/")) {
                internal++;
                assertEquals("AWS_IAM", type, route);
            } else {
                assertEquals("CUSTOM", type, route);
                assertEquals(Map.of("Ref", authorizers.get(0)).toString(),
                        JSON.convertValue(entry.getValue().get("AuthorizerId"), Map.class).toString(), route);
            }
        }
        assertEquals(1, internal, "the silo activation route");
        // The handler accepts the internal route only from the pipelines' ActivateSilos roles and the onboard
        // project's role (the onboarding fast lane).
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ControlPlane.TENANT_ADMIN_HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(ControlPlane.INTERNAL_CALLER_ROLES,
                        "arn:aws:iam::111111111111:role/saas-fleet-activate-silos,"
                                + "arn:aws:iam::111111111111:role/saas-fleet-onboard"))))));
    }

    @Test
    void theSignUpRoutesHaveTheirOwnMethodThrottleApartFromTheStageThrottleAndUsagePlans() {
        var stages = new ArrayList<JsonNode>();
        resources.forEach(r -> {
            if (r.get("Type").asText().equals("AWS::ApiGateway::Stage")) {
                stages.add(r.get("Properties"));
            }
        });
        assertEquals(1, stages.size(), "the admin API's one stage");
        var settings = new TreeMap<String, JsonNode>();
        stages.get(0).get("MethodSettings").forEach(m ->
                settings.put(m.get("HttpMethod").asText() + " " + m.get("ResourcePath").asText(), m));
        assertEquals(List.of("* /*", "POST /~1registration", "POST /~1registration~1{requestId}~1verify"),
                List.copyOf(settings.keySet()));
        assertThrottle(settings.get("* /*"), 50, 100);
        assertThrottle(settings.get("POST /~1registration"), ControlPlane.SIGN_UP_THROTTLE.ratePerSecond(),
                ControlPlane.SIGN_UP_THROTTLE.burst());
        assertThrottle(settings.get("POST /~1registration~1{requestId}~1verify"),
                ControlPlane.VERIFY_THROTTLE.ratePerSecond(), ControlPlane.VERIFY_THROTTLE.burst());
        for (var signUp : List.of(settings.get("POST /~1registration"),
                settings.get("POST /~1registration~1{requestId}~1verify"))) {
            assertEquals("INFO", signUp.get("LoggingLevel").asText(), "logged like every other method");
            assertTrue(signUp.get("MetricsEnabled").asBoolean());
            assertFalse(signUp.get("DataTraceEnabled").asBoolean());
        }
        assertTrue(ControlPlane.SIGN_UP_THROTTLE.ratePerSecond() < 50 && ControlPlane.VERIFY_THROTTLE.ratePerSecond() < 50,
                "below the stage's shared rate");
        template.resourceCountIs("AWS::ApiGateway::UsagePlan", 0);
    }

    private static void assertThrottle(JsonNode setting, double rate, int burst) {
        assertEquals(rate, setting.get("ThrottlingRateLimit").asDouble(), setting.toString());
        assertEquals(burst, setting.get("ThrottlingBurstLimit").asInt(), setting.toString());
    }

    @Test
    void onlyTheRegistrationFunctionMailsSignUpCodesThroughAClientlessRegistrantPool() {
        var pool = id(baseline.controlPlane().registrants().userPool());
        template.resourceCountIs("AWS::Cognito::UserPoolClient", 1);
        template.hasResourceProperties("AWS::Cognito::UserPoolClient", Match.objectLike(Map.of(
                "UserPoolId", Map.of("Ref", id(baseline.operationsUsers().userPool())))));
        template.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                // Cognito's default invitation text: a custom one needs an SES sender (RegistrantPool).
                "AdminCreateUserConfig", Match.objectEquals(Map.of("AllowAdminCreateUserOnly", true)),
                // The codes (XXXX-XXXX-XXXX) are the registrants' temporary passwords.
                "Policies", Map.of("PasswordPolicy", Match.objectLike(Map.of(
                        "MinimumLength", 14, "RequireLowercase", false, "RequireNumbers", true,
                        "RequireSymbols", true, "RequireUppercase", true))))));
        var cognito = new ArrayList<String>();
        for (var ref : ServiceFunctionRef.values()) {
            policyOf(ref).forEach(statement -> {
                if (statement.toString().contains(pool)) {
                    assertEquals(ServiceFunctionRef.REGISTRATION, ref, statement.toString());
                    assertEquals("{\"Fn::GetAtt\":[\"" + pool + "\",\"Arn\"]}", statement.get("Resource").toString());
                    statement.get("Action").forEach(a -> cognito.add(a.asText()));
                }
            });
        }
        assertEquals(List.of("cognito-idp:AdminCreateUser", "cognito-idp:AdminDeleteUser"),
                cognito.stream().sorted().toList());
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ControlPlane.REGISTRATION_HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        ControlPlane.REGISTRANT_POOL_ID, Map.of("Ref", pool),
                        // The shipped catalog has no SES sender: sign-up codes stay within half of Cognito's 50/day.
                        ControlPlane.SIGN_UP_MAILS_PER_DAY, "25"))))));
    }

    @Test
    void theRegistrationsTableExpiresUnverifiedSignUpsOnExpiresAt() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true))));
    }

    @Test
    void theAdminAuthorizerTrustsTheOperationsPoolByConfigAndTenantPoolsThroughTenantDetailsOnly() {
        var fn = baseline.adminAuthorizer();
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "functions.authorizer.AuthorizerHandler::handleRequest",
                "Environment", Map.of("Variables", Map.of(
                        "API_KIND", "admin",
                        "TENANT_DETAILS_TABLE", Map.of("Ref", id(baseline.tenantDetails().table())),
                        "TRUSTED_POOLS", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
                                Match.arrayWith(List.of(Map.of("Ref", id(baseline.operationsUsers().userPool())),
                                        "|", Map.of("Ref", id(baseline.operationsUsers().client())),
                                        "|operations")))))))))));
        var policy = policyOf(fn.role()).toString();
        assertTrue(policy.contains("\"dynamodb:GetItem\"") && !policy.contains("dynamodb:PutItem")
                && !policy.contains("dynamodb:Scan") && !policy.contains("dynamodb:Query"), policy);
        assertFalse(policy.contains(id(baseline.tenantStackMapping().table())), policy);
        assertFalse(policy.contains(id(baseline.registrations().table())), policy);
    }

    @Test
    void provisioningFunctionsHaveFixedRoleNamesAndReachOtherStacksOnlyThroughTheirAccessRoles() {
        var region = baseline.getRegion();
        for (var ref : ServiceFunctionRef.PROVISIONING) {
            var fn = ref.of(baseline.controlPlane());
            template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
                    "RoleName", "saas-baseline-" + ref.name + "-" + region)));
            var policy = policyOf(fn.role()).toString();
            // The one Cognito grant of the control plane's own: the registration function's on the registrant pool
            // (onlyTheRegistrationFunctionMailsSignUpCodesThroughAClientlessRegistrantPool); tenant pools only
            // through an access role.
            var pool = id(baseline.controlPlane().registrants().userPool());
            var tenantPools = JSON.createArrayNode();
            policyOf(fn.role()).forEach(statement -> {
                if (!statement.get("Resource").toString().contains(pool)) {
                    tenantPools.add(statement);
                }
            });
            assertFalse(tenantPools.toString().contains("cognito-idp:"),
                    ref + ": Cognito only through an access role: " + policy);
            assertFalse(policy.contains("apigateway:"), ref + ": API keys only through an access role: " + policy);
            // Only the access roles of the catalog's stack accounts (pooled tiers 222222222222, silo tenants
            // 333333333333 and 444444444444), never of every account.
            assertTrue(policy.contains("{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Resource\":["
                    + accessRole("222222222222") + "," + accessRole("333333333333") + "," + accessRole("444444444444")
                    + "]}"), policy);
        }
        assertEquals(List.of("arn:aws:iam::111111111111:role/saas-baseline-Registration-us-east-1",
                        "arn:aws:iam::111111111111:role/saas-baseline-TenantAdmin-us-east-1",
                        "arn:aws:iam::111111111111:role/saas-baseline-TenantUsers-us-east-1",
                        "arn:aws:iam::111111111111:role/saas-baseline-TenantAccess-us-east-1",
                        // The usage collector reads each stack's usage plan through the same roles (MeteringTest).
                        "arn:aws:iam::111111111111:role/saas-baseline-UsageCollector-us-east-1"),
                ControlPlane.provisioningRoleArns(PipelineFleet.shippedCatalog().baseline()));
    }

    // The fleet's pooled tier and silo access roles of the account, by the name StackNames gives them.
    private static String accessRole(String account) {
        return java.util.stream.Stream.of("pooled", "silo")
                .map(kind -> "{\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":\"AWS::Partition\"},\":iam::" + account
                        + ":role/saas-" + kind + "-*-cp-*\"]]}")
                .collect(java.util.stream.Collectors.joining(","));
    }

    @Test
    void accessRolePatternsOfOneFleetMatchNoRoleOfAnotherFleetSharingTheAccount() {
        var acme = ControlPlane.accessRolePatterns("acme", List.of("222222222222"));
        var acmeStaging = ControlPlane.accessRolePatterns("acme-stg", List.of("222222222222"));
        var tenant = new app.SiloTenant("globex", "Globex", contract.Tier.PLATINUM,
                new app.AwsEnv("222222222222", "eu-west-1"), false, null);
        var roles = java.util.Map.of(
                "acme", List.of(
                        StackNames.controlPlaneAccessRoleName(
                                StackNames.pooledTierStackName("acme", contract.Tier.BASIC), "eu-west-1"),
                        StackNames.controlPlaneAccessRoleName(StackNames.siloTenantStackName("acme", tenant),
                                "eu-west-1")),
                "acme-stg", List.of(
                        StackNames.controlPlaneAccessRoleName(StackNames.pooledTierStackName("acme-stg",
                                contract.Tier.BASIC), "eu-west-1"),
                        StackNames.controlPlaneAccessRoleName(StackNames.siloTenantStackName("acme-stg", tenant),
                                "eu-west-1")));
        for (var own : roles.get("acme")) {
            assertTrue(acme.stream().anyMatch(p -> IamArn.matches(p, arn(own))), own + " is acme's own role");
            assertFalse(acmeStaging.stream().anyMatch(p -> IamArn.matches(p, arn(own))), own + " matched acme-stg");
        }
        for (var own : roles.get("acme-stg")) {
            assertTrue(acmeStaging.stream().anyMatch(p -> IamArn.matches(p, arn(own))), own);
            assertFalse(acme.stream().anyMatch(p -> IamArn.matches(p, arn(own))), own + " matched acme's pattern");
        }
    }

    private static String arn(String roleName) {
        return "arn:" + software.amazon.awscdk.Aws.PARTITION + ":iam::222222222222:role/" + roleName;
    }

    @Test
    void provisioningFunctionsKnowEveryPooledTierStackOfTheCatalog() {
        for (var ref : ServiceFunctionRef.PROVISIONING) {
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", ref.handler,
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(ControlPlane.POOLED_TIER_STACKS,
                            "BASIC=222222222222/us-east-1,PREMIUM=222222222222/us-east-1,"
                                    + "STANDARD=222222222222/us-east-1"))))));
        }
    }

    @Test
    void functionsReadTheControlPlaneTablesFromTheirEnvironment() {
        for (var ref : ServiceFunctionRef.PROVISIONING) {
            var fn = ref.of(baseline.controlPlane());
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", ref.handler,
                    "Environment", Map.of("Variables", Map.of(
                            "REGISTRATIONS_TABLE", Map.of("Ref", id(baseline.registrations().table())),
                            "SETTINGS_TABLE", Map.of("Ref", id(baseline.settings().table())),
                            "TENANT_DETAILS_TABLE", Map.of("Ref", id(baseline.tenantDetails().table())),
                            "TENANT_STACK_MAPPING_TABLE", Map.of("Ref", id(baseline.tenantStackMapping().table())),
                            "TENANT_USER_MAPPING_TABLE", Map.of("Ref", id(baseline.tenantUserMapping().table())))))));
            assertTrue(fn.function().getTimeout().toSeconds().intValue() < 120,
                    "below the registration saga's 2-minute lease");
        }
    }

    @Test
    void userManagementCannotTouchRegistrationsOrStackMappings() {
        var policy = policyOf(ServiceFunctionRef.TENANT_USERS).toString();
        assertFalse(policy.contains(id(baseline.registrations().table())), policy);
        assertFalse(policy.contains(id(baseline.tenantStackMapping().table())), policy);
        // It reads tenants and settings, and writes only the user mapping.
        assertTrue(statementsOn(policyOf(ServiceFunctionRef.TENANT_USERS), id(baseline.tenantDetails().table()))
                .stream().noneMatch(s -> s.get("Action").toString().contains("dynamodb:PutItem")), policy);
        assertTrue(statementsOn(policyOf(ServiceFunctionRef.TENANT_USERS), id(baseline.tenantUserMapping().table()))
                .stream().anyMatch(s -> s.get("Action").toString().contains("dynamodb:PutItem")), policy);
    }

    @Test
    void tenantAccessWorkerDrainsAnEncryptedFifoQueueOnePageAtATimeIntoADeadLetterQueue() {
        var worker = baseline.controlPlane().tenantAccess();
        var queue = id(worker.queue());
        var deadLetters = id(worker.deadLetters());
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "FifoQueue", true, "SqsManagedSseEnabled", true,
                "VisibilityTimeout", ControlPlane.TENANT_ACCESS_TIMEOUT.toSeconds().intValue() * 6,
                "RedrivePolicy", Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(deadLetters, "Arn")),
                        "maxReceiveCount", 5))));
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "FifoQueue", true, "SqsManagedSseEnabled", true, "MessageRetentionPeriod", 1209600)));
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(queue, "Arn")),
                "BatchSize", 1,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "ScalingConfig", Map.of("MaximumConcurrency", ControlPlane.TENANT_ACCESS_CONCURRENCY))));
        // TenantAdmin starts jobs and the worker continues them: both know the queue and may send to it only.
        for (var ref : List.of(ServiceFunctionRef.TENANT_ADMIN, ServiceFunctionRef.TENANT_ACCESS)) {
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", ref.handler,
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            ControlPlane.TENANT_ACCESS_QUEUE_URL, Map.of("Ref", queue)))))));
            var sends = statementsOn(policyOf(ref), queue);
            assertTrue(sends.stream().anyMatch(st -> st.get("Action").toString().contains("sqs:SendMessage")),
                    sends.toString());
            assertTrue(sends.stream().noneMatch(st -> st.get("Action").toString().contains("sqs:Delete")
                    && ref == ServiceFunctionRef.TENANT_ADMIN), sends.toString());
        }
        // The worker reads and records its job on TenantDetails, reads the user mappings and nothing else.
        var policy = policyOf(ServiceFunctionRef.TENANT_ACCESS).toString();
        assertFalse(policy.contains(id(baseline.registrations().table())), policy);
        assertFalse(policy.contains(id(baseline.tenantStackMapping().table())), policy);
        assertTrue(statementsOn(policyOf(ServiceFunctionRef.TENANT_ACCESS), id(baseline.tenantUserMapping().table()))
                .stream().noneMatch(st -> st.get("Action").toString().contains("dynamodb:PutItem")), policy);
    }

    @Test
    void registrationWritesTheSagaTablesButOnlyReadsSettings() {
        var policy = policyOf(ServiceFunctionRef.REGISTRATION);
        for (var table : List.of(baseline.registrations(), baseline.tenantDetails(), baseline.tenantUserMapping(),
                baseline.tenantStackMapping())) {
            assertTrue(statementsOn(policy, id(table.table())).stream()
                    .anyMatch(s -> s.get("Action").toString().contains("dynamodb:PutItem")), id(table.table()));
        }
        assertTrue(statementsOn(policy, id(baseline.settings().table())).stream()
                .noneMatch(s -> s.get("Action").toString().contains("dynamodb:PutItem")), policy.toString());
        // Nothing on '*' but the X-Ray calls every traced function makes (they have no resource-level form).
        for (var statement : policy) {
            if (statement.get("Resource").toString().equals("\"*\"")) {
                // Sorted: @aws-cdk/aws-iam:minimizePolicies (cdk.json) orders a statement's actions.
                assertEquals("[\"xray:PutTelemetryRecords\",\"xray:PutTraceSegments\"]",
                        statement.get("Action").toString());
            }
        }
    }

    @Test
    void operatorsManageOnlyTheOperationsPoolAndTouchNoTableOrTenantStack() {
        var policy = policyOf(ServiceFunctionRef.OPERATORS);
        var pool = id(baseline.operationsUsers().userPool());
        var cognito = new ArrayList<String>();
        policy.forEach(statement -> {
            var actions = statement.get("Action").toString();
            if (actions.contains("cognito-idp:")) {
                assertEquals("{\"Fn::GetAtt\":[\"" + pool + "\",\"Arn\"]}", statement.get("Resource").toString());
                statement.get("Action").forEach(a -> cognito.add(a.asText()));
            }
            assertFalse(actions.contains("dynamodb:") || actions.contains("sts:") || actions.contains("kms:"),
                    actions);
        });
        assertEquals(ControlPlane.OPERATOR_COGNITO_ACTIONS, cognito.stream().sorted().toList());
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ControlPlane.OPERATOR_HANDLER,
                "Environment", Map.of("Variables", Map.of("OPERATIONS_USER_POOL_ID", Map.of("Ref", pool))))));
    }

    private JsonNode policyOf(ServiceFunctionRef ref) {
        return policyOf(ref.of(baseline.controlPlane()).role());
    }

    private JsonNode policyOf(IConstruct role) {
        var roleId = id(role);
        var statements = JSON.createArrayNode();
        resources.forEach(r -> {
            if (r.get("Type").asText().equals("AWS::IAM::Policy")
                    && r.get("Properties").get("Roles").toString().contains("\"" + roleId + "\"")) {
                r.get("Properties").get("PolicyDocument").get("Statement").forEach(statements::add);
            }
        });
        assertTrue(statements.size() > 0, "no policy on " + roleId);
        return statements;
    }

    private static List<JsonNode> statementsOn(JsonNode statements, String logicalId) {
        var found = new ArrayList<JsonNode>();
        statements.forEach(s -> {
            if (s.get("Resource").toString().contains("\"" + logicalId + "\"")) {
                found.add(s);
            }
        });
        return found;
    }

    private enum ServiceFunctionRef {
        REGISTRATION(ControlPlane.REGISTRATION_HANDLER, "Registration"),
        TENANT_ADMIN(ControlPlane.TENANT_ADMIN_HANDLER, "TenantAdmin"),
        TENANT_USERS(ControlPlane.TENANT_USER_HANDLER, "TenantUsers"),
        TENANT_ACCESS(ControlPlane.TENANT_ACCESS_HANDLER, "TenantAccess"),
        OPERATORS(ControlPlane.OPERATOR_HANDLER, "Operators");

        static final List<ServiceFunctionRef> PROVISIONING = List.of(REGISTRATION, TENANT_ADMIN, TENANT_USERS,
                TENANT_ACCESS);

        final String handler;
        /** The name in the function's fixed role name. */
        final String name;

        ServiceFunctionRef(String handler, String name) {
            this.handler = handler;
            this.name = name;
        }

        constructs.ServiceFunction of(ControlPlane plane) {
            return switch (this) {
                case REGISTRATION -> plane.registration();
                case TENANT_ADMIN -> plane.tenantAdmin();
                case TENANT_USERS -> plane.tenantUsers();
                case TENANT_ACCESS -> plane.tenantAccess().function();
                case OPERATORS -> plane.operators();
            };
        }
    }
}
