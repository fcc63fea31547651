package functions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import functions.authorizer.AuthorizerHandler;
import functions.authorizer.AuthorizerHandlers;
import functions.pipeline.PipelineTriggerHandlers;
import functions.product.ProductHandlers;
import functions.provisioning.StackAccess;
import contract.Tier;
import functions.registration.RegistrationHandler;
import functions.registration.SignUpService;
import functions.registration.SignUps;
import functions.shared.Events;
import functions.shared.MotoAccount;
import functions.shared.MutableClock;
import functions.shared.TestContext;
import functions.tenants.ControlPlaneHandlers;
import functions.tenants.SqsAccessQueue;
import functions.tenants.TenantAdminHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import testsupport.Moto;

/**
 * Onboarding end to end, in one JVM against one moto server, through the real handlers built from their
 * environment as Lambda builds them, each acting with the credentials of its own account: the control plane in the
 * baseline account, the tier's authorizer and product function in the tier account, the silo in its own account.
 * Every SDK client the functions build reaches moto through the SDK's standard {@code aws.endpointUrl} setting
 * (none is given an endpoint by the test; the service-specific {@code aws.endpointUrl<Service>} wins over it:
 * https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/endpoint-config.html), except CodePipeline's, which moto does not implement
 * ({@link CodePipelineRecorder}). Signing keys come from moto's JWKS endpoint through the authorizer's
 * {@code LOCAL_JWKS_ENDPOINT}, since moto's tokens carry the real Cognito issuer.
 */
class OnboardingEndToEndTest {

    // Accounts of this test alone: no other test lists or clears them.
    private static final MotoAccount TIER_ACCOUNT = MotoAccount.fresh();
    private static final String TIER_REGION = "us-east-1";
    private static final MotoAccount SILO_ACCOUNT = MotoAccount.fresh();
    private static final String SILO_REGION = "eu-west-1";
    private static final String ACTIVATE_SILOS_ROLE = "arn:aws:iam::" + MotoFleet.CONTROL_ACCOUNT.id()
            + ":role/saas-fleet-activate-silos";
    private static final List<String> PIPELINES = List.of("saas-fleet-01", "saas-fleet-02");
    private static final String PASSWORD = "Corr3ct-Horse-Battery!";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SAVED = new HashMap<>();

    private static CodePipelineRecorder codePipeline;
    private static MotoFleet fleet;
    private static MotoFleet.Stack basic;
    private static SignUps signUps;

    private final TestContext context = new TestContext();
    private final MutableClock clock = new MutableClock(Instant.now());

    @BeforeAll
    static void deployFleet() {
        codePipeline = new CodePipelineRecorder();
        // The SDK's own endpoint settings (service-specific first): no function is told where AWS is.
        set("aws.endpointUrl", Moto.get().endpoint().toString());
        set("aws.endpointUrlCodePipeline", codePipeline.endpoint().toString());
        set("aws.accessKeyId", "testing");
        set("aws.secretAccessKey", "testing");
        String tiers = "BASIC=" + TIER_ACCOUNT.id() + "/" + TIER_REGION + ",STANDARD=" + TIER_ACCOUNT.id() + "/" + TIER_REGION
                + ",PREMIUM=" + TIER_ACCOUNT.id() + "/" + TIER_REGION;
        fleet = new MotoFleet(tiers, SILO_ACCOUNT, SILO_REGION, ACTIVATE_SILOS_ROLE);
        // The registrant pool, in the control plane's account as BaselineStack deploys it.
        signUps = new SignUps();
        fleet.controlPlaneEnv.put(SignUpService.REGISTRANT_POOL_ID, signUps.registrantPool);
        basic = fleet.deploy(StackAccess.pooledStackName(Tier.BASIC), TIER_ACCOUNT, TIER_REGION);
    }

    @AfterAll
    static void restoreSettings() {
        SAVED.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        codePipeline.close();
    }

    @Test
    void pooledTenantSignsUpSignsInKeepsItsProductsToItselfAndIsLockedOutWhenDeactivated() {
        String acme = register("Acme Corp " + UUID.randomUUID(), "admin-" + UUID.randomUUID() + "@acme.example");
        UserType admin = onlyUserOf(basic, acme);
        assertEquals(Map.of("custom:tenantId", acme, "custom:userRole", "TenantAdmin", "custom:tier", "BASIC"),
                customAttributes(admin), "the admin's claims, in the tier's own pool");
        String acmeToken = signIn(basic, admin);

        AuthorizerHandler authorizer = FleetAccounts.runAs(TIER_ACCOUNT,
                () -> AuthorizerHandlers.fromEnvironment(MotoFleet.authorizerEnv(basic), clock));
        JsonNode allowed = authorize(authorizer, acmeToken, "POST/products");
        assertEquals("Allow", allowed.at("/policyDocument/Statement/0/Effect").asText());
        assertEquals(acme, allowed.at("/context/tenantId").asText());
        assertEquals(apiKeyValueOf(basic, acme), allowed.get("usageIdentifierKey").asText(),
                "the call is metered on the tenant's own key in the tier's usage plan");

        var products = FleetAccounts.runAs(TIER_ACCOUNT,
                () -> ProductHandlers.fromEnvironment(MotoFleet.productFunctionEnv(basic)));
        APIGatewayProxyRequestEvent create = Events.load("product-create.json");
        withAuthorizerContext(create, allowed);
        APIGatewayProxyResponseEvent created = FleetAccounts.runAs(TIER_ACCOUNT,
                () -> products.handleRequest(create, context));
        assertEquals(201, created.getStatusCode(), created.getBody());
        String productId = Events.json(created.getBody()).get("productId").asText();
        assertEquals(1, listProducts(products, allowed).size());

        String globex = register("Globex " + UUID.randomUUID(), "admin-" + UUID.randomUUID() + "@globex.example");
        JsonNode globexCaller = authorize(authorizer, signIn(basic, onlyUserOf(basic, globex)), "GET/products");
        assertEquals(globex, globexCaller.at("/context/tenantId").asText());
        assertEquals(0, listProducts(products, globexCaller).size(), "another tenant of the tier sees none of them");
        APIGatewayProxyRequestEvent peek = Events.load("product-get.json", "productId", productId);
        withAuthorizerContext(peek, globexCaller);
        assertEquals(404, FleetAccounts.runAs(TIER_ACCOUNT, () -> products.handleRequest(peek, context))
                .getStatusCode());

        APIGatewayProxyRequestEvent deactivate = Events.load("tenant-deactivate-tenant-user.json", "tenantId", acme);
        deactivate.getRequestContext().setAuthorizer(Map.of("principalId", "ops", "userRole", "SystemAdmin"));
        APIGatewayProxyResponseEvent deactivated = tenantAdmin().handleRequest(deactivate, context);
        assertEquals(200, deactivated.getStatusCode(), deactivated.getBody());
        assertEquals("RUNNING", Events.json(deactivated.getBody()).at("/accessJob/state").asText());
        runAccessQueue();
        APIGatewayProxyRequestEvent status = Events.load("tenant-get-tenant-admin.json", "tenantId", acme);
        status.getRequestContext().setAuthorizer(Map.of("principalId", "ops", "userRole", "SystemAdmin"));
        JsonNode job = Events.json(tenantAdmin().handleRequest(status, context).getBody()).get("accessJob");
        assertEquals("DONE", job.get("state").asText(), job.toString());
        assertEquals(1, job.get("usersDone").asInt(), job.toString());

        assertThrows(NotAuthorizedException.class, () -> signIn(basic, admin), "a disabled user cannot sign in");
        // The token issued before keeps its signature; the tenant's key item is disabled, which the authorizer
        // sees once its 30 s key cache has expired (API Gateway's own result cache adds up to its TTL in AWS).
        clock.advance(Duration.ofSeconds(31));
        JsonNode refused = authorize(authorizer, acmeToken, "GET/products");
        assertFalse(refused.toString().contains("\"Allow\""), "after deactivation: " + refused);
        assertFalse(refused.has("usageIdentifierKey"));
        assertEquals("Allow", authorize(authorizer, signIn(basic, onlyUserOf(basic, globex)), "GET/products")
                .at("/policyDocument/Statement/0/Effect").asText(), "the other tenant is untouched");
    }

    @Test
    void operatorsPlatinumTenantStartsEachPipelineOnceAndTurnsActiveWhenItsStackIsDeployed() {
        APIGatewayProxyRequestEvent create = Events.load("tenant-create-system-admin.json");
        withFreshIdempotencyKey(create);
        create.setBody(create.getBody().replace("PREMIUM", "PLATINUM").replace("Globex", "Initech " + UUID.randomUUID())
                .replace("admin@globex.example", "admin-" + UUID.randomUUID() + "@initech.example"));
        APIGatewayProxyResponseEvent accepted = tenantAdmin().handleRequest(create, context);
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        String initech = Events.json(accepted.getBody()).get("tenantId").asText();
        assertEquals("PROVISIONING", Events.json(accepted.getBody()).get("status").asText());

        Map<String, AttributeValue> mapping = fleet.control.getItem(r -> r.tableName(fleet.tenantStackMappingTable)
                .key(Map.of("tenantId", AttributeValue.fromS(initech))).consistentRead(true)).item();
        assertEquals(SILO_ACCOUNT.id(), mapping.get("account").s());
        assertEquals(SILO_REGION, mapping.get("region").s());
        String stackName = mapping.get("stackName").s();

        var batch = TenantStackMappingStream.read(fleet.tenantStackMappingTable, initech);
        assertEquals(List.of("INSERT"), batch.eventNames(), "the stream carries the new catalog record");
        int before = codePipeline.starts().size();
        var response = FleetAccounts.runAs(MotoFleet.CONTROL_ACCOUNT, () -> PipelineTriggerHandlers.fromEnvironment(
                Map.of("AWS_REGION", MotoFleet.CONTROL_REGION, "PIPELINE_NAMES", String.join(",", PIPELINES)))
                .handleRequest(batch.event(), context));
        assertEquals(List.of(), response.getBatchItemFailures());
        var starts = codePipeline.starts().subList(before, codePipeline.starts().size());
        assertEquals(PIPELINES, starts.stream().map(CodePipelineRecorder.Start::pipelineName).sorted().toList(),
                "exactly one StartPipelineExecution per pipeline");

        APIGatewayProxyRequestEvent early = activation(initech);
        assertEquals(500, tenantAdmin().handleRequest(early, context).getStatusCode(),
                "before the pipeline deployed the stack, the activation step fails (and is retried)");

        MotoFleet.Stack silo = fleet.deploy(stackName, SILO_ACCOUNT, SILO_REGION);
        APIGatewayProxyResponseEvent activated = tenantAdmin().handleRequest(activation(initech), context);
        assertEquals(200, activated.getStatusCode(), activated.getBody());
        assertEquals("ACTIVE", Events.json(activated.getBody()).get("status").asText());
        assertEquals(Map.of("custom:tenantId", initech, "custom:userRole", "TenantAdmin", "custom:tier", "PLATINUM"),
                customAttributes(onlyUserOf(silo, initech)), "the admin is in the silo's own pool");
        assertEquals(List.of(), usersOf(basic, initech), "and in no pooled tier's pool");
    }

    // Public sign-up in its two steps: nothing of the tenant exists in the tier's pool until the mailed code is back.
    private String register(String tenantName, String email) {
        APIGatewayProxyRequestEvent event = Events.load("registration-create.json");
        String key = withFreshIdempotencyKey(event);
        event.setBody(event.getBody().replace("Acme Corp", tenantName).replace("admin@acme.example", email));
        RegistrationHandler handler = FleetAccounts.runAs(MotoFleet.CONTROL_ACCOUNT,
                () -> signUps.handler(fleet.controlPlaneEnv));
        APIGatewayProxyResponseEvent pending = FleetAccounts.runAs(MotoFleet.CONTROL_ACCOUNT,
                () -> handler.handleRequest(event, context));
        assertEquals(202, pending.getStatusCode(), pending.getBody());
        String tenantId = Events.json(pending.getBody()).get("tenantId").asText();
        assertEquals("PENDING_VERIFICATION", Events.json(pending.getBody()).get("status").asText());
        assertEquals(List.of(), usersOf(basic, tenantId), "no admin user before the email is proven");

        APIGatewayProxyRequestEvent verify = Events.load("registration-verify.json", "requestId", key);
        verify.setBody(verify.getBody().replace("CODE", signUps.lastCode()));
        APIGatewayProxyResponseEvent response = FleetAccounts.runAs(MotoFleet.CONTROL_ACCOUNT,
                () -> handler.handleRequest(verify, context));
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode view = Events.json(response.getBody());
        assertEquals("ACTIVE", view.get("status").asText());
        assertEquals(tenantId, view.get("tenantId").asText());
        return tenantId;
    }

    /** Each attempt of the test is a new request: a key of its own, in every spelling the event carried. */
    private static String withFreshIdempotencyKey(APIGatewayProxyRequestEvent event) {
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.keySet().removeIf("Idempotency-Key"::equalsIgnoreCase);
        headers.put("Idempotency-Key", key);
        event.setHeaders(headers);
        Map<String, List<String>> multi = new HashMap<>(event.getMultiValueHeaders());
        multi.keySet().removeIf("Idempotency-Key"::equalsIgnoreCase);
        multi.put("Idempotency-Key", List.of(key));
        event.setMultiValueHeaders(multi);
        return key;
    }

    /** Delivers the tenant access queue's messages to the worker, as its event source does, until it is empty. */
    private void runAccessQueue() {
        var worker = FleetAccounts.runAs(MotoFleet.CONTROL_ACCOUNT,
                () -> ControlPlaneHandlers.tenantAccess(fleet.controlPlaneEnv));
        String queueUrl = fleet.controlPlaneEnv.get(SqsAccessQueue.VARIABLE);
        try (var sqs = Moto.get().configure(SqsClient.builder()).build()) {
            while (true) {
                var received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(1)).messages();
                if (received.isEmpty()) {
                    return;
                }
                SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                message.setMessageId(received.get(0).messageId());
                message.setBody(received.get(0).body());
                SQSEvent event = new SQSEvent();
                event.setRecords(List.of(message));
                SQSBatchResponse response = FleetAccounts.runAs(MotoFleet.CONTROL_ACCOUNT,
                        () -> worker.handleRequest(event, context));
                assertEquals(List.of(), response.getBatchItemFailures());
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(received.get(0).receiptHandle()));
            }
        }
    }

    private TenantAdminHandler tenantAdmin() {
        return FleetAccounts.runAs(MotoFleet.CONTROL_ACCOUNT, () -> ControlPlaneHandlers.tenantAdmin(fleet.controlPlaneEnv));
    }

    private static APIGatewayProxyRequestEvent activation(String tenantId) {
        APIGatewayProxyRequestEvent event = Events.load("tenant-internal-activate-iam.json", "tenantId", tenantId);
        event.getRequestContext().getIdentity().setUserArn("arn:aws:sts::" + MotoFleet.CONTROL_ACCOUNT.id()
                + ":assumed-role/saas-fleet-activate-silos/AWSCodeBuild-" + UUID.randomUUID());
        return event;
    }

    private static List<UserType> usersOf(MotoFleet.Stack stack, String tenantId) {
        try (var cognito = stack.client(CognitoIdentityProviderClient.builder())) {
            return cognito.listUsers(r -> r.userPoolId(stack.userPoolId())).users().stream()
                    .filter(u -> tenantId.equals(customAttributes(u).get("custom:tenantId"))).toList();
        }
    }

    private static UserType onlyUserOf(MotoFleet.Stack stack, String tenantId) {
        List<UserType> users = usersOf(stack, tenantId);
        assertEquals(1, users.size(), "users of " + tenantId + " in " + stack.name());
        return users.get(0);
    }

    private static Map<String, String> customAttributes(UserType user) {
        return user.attributes().stream().filter(a -> a.name().startsWith("custom:"))
                .collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }

    /** The user sets a password and signs in; moto issues an RS256 ID token as Cognito does. */
    private static String signIn(MotoFleet.Stack stack, UserType user) {
        String email = user.attributes().stream().filter(a -> a.name().equals("email")).findFirst().orElseThrow()
                .value();
        try (var cognito = stack.client(CognitoIdentityProviderClient.builder())) {
            cognito.adminSetUserPassword(r -> r.userPoolId(stack.userPoolId()).username(user.username())
                    .password(PASSWORD).permanent(true));
            return cognito.adminInitiateAuth(r -> r.userPoolId(stack.userPoolId()).clientId(stack.appClientId())
                    .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", email, "PASSWORD", PASSWORD)))
                    .authenticationResult().idToken();
        }
    }

    private static String apiKeyValueOf(MotoFleet.Stack stack, String tenantId) {
        try (var apiGateway = stack.client(ApiGatewayClient.builder())) {
            var keys = apiGateway.getApiKeys(r -> r.nameQuery(tenantId).includeValues(true)).items();
            assertEquals(1, keys.size(), "one API key per tenant");
            Set<String> planKeys = apiGateway.getUsagePlanKeys(r -> r.usagePlanId(stack.usagePlanId())).items()
                    .stream().map(k -> k.id()).collect(Collectors.toSet());
            assertTrue(planKeys.contains(keys.get(0).id()), "the key is on the tier's usage plan");
            return keys.get(0).value();
        }
    }

    /** API Gateway's TOKEN authorizer call, in the tier account; a refused token is API Gateway's 401. */
    private JsonNode authorize(AuthorizerHandler authorizer, String token, String methodAndPath) {
        String event = "{\"type\":\"TOKEN\",\"authorizationToken\":\"Bearer " + token + "\",\"methodArn\":"
                + "\"arn:aws:execute-api:" + TIER_REGION + ":" + TIER_ACCOUNT.id() + ":a1b2c3d4e5/prod/" + methodAndPath
                + "\"}";
        return FleetAccounts.runAs(TIER_ACCOUNT, () -> {
            var out = new ByteArrayOutputStream();
            try {
                authorizer.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                        context);
                return JSON.readTree(out.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                if ("Unauthorized".equals(e.getMessage())) {
                    return JSON.createObjectNode().put("unauthorized", true);
                }
                throw e;
            }
        });
    }

    /** What API Gateway hands the integration: the authorizer's context and its principal. */
    private static void withAuthorizerContext(APIGatewayProxyRequestEvent event, JsonNode decision) {
        Map<String, Object> authorizer = new HashMap<>();
        decision.get("context").fields().forEachRemaining(f -> authorizer.put(f.getKey(), f.getValue().asText()));
        authorizer.put("principalId", decision.get("principalId").asText());
        event.getRequestContext().setAuthorizer(authorizer);
    }

    private JsonNode listProducts(functions.product.ProductHandler products, JsonNode caller) {
        APIGatewayProxyRequestEvent list = Events.load("product-list.json");
        withAuthorizerContext(list, caller);
        APIGatewayProxyResponseEvent response = FleetAccounts.runAs(TIER_ACCOUNT,
                () -> products.handleRequest(list, context));
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Events.json(response.getBody()).get("items");
    }

    private static void set(String name, String value) {
        SAVED.putIfAbsent(name, System.getProperty(name));
        System.setProperty(name, value);
    }
}
