package functions.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.MotoAccount;
import functions.shared.RecordedAnswers;
import functions.shared.SentCalls;
import functions.shared.WireRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.CreateUsagePlanKeyRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.GetApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.GetApiKeysRequest;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.UpdateApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.UsagePlanKey;

/**
 * The real API key client on moto's API Gateway, in a fresh account per test (so its key listings hold only this
 * test's keys). Every call is recorded as the client sends it. moto accepts a key a usage plan already has; AWS
 * answers 409, so that attach gets AWS's recorded answer.
 */
class ApiGatewayApiKeysTest {

    private static final String TENANT = "0123456789abcdef0123456789abcdef";
    private static final String REGION = "eu-west-1";
    private static final String STACK = "saas-pooled-basic";

    private final MotoAccount account = MotoAccount.fresh();
    private final SentCalls sent = new SentCalls();
    private final ConcurrentCreate concurrentCreate = new ConcurrentCreate();
    private ApiGatewayClient admin;
    private RecordedAnswers wire;
    private ApiGatewayApiKeys apiKeys;
    private String planId;

    @BeforeEach
    void start() {
        admin = account.configure(ApiGatewayClient.builder(), REGION).build();
        planId = admin.createUsagePlan(r -> r.name("basic")).id();
        wire = new RecordedAnswers(ApacheHttpClient.create())
                .answer(this::attachesAKeyThePlanHas, "aws/apigateway-create-usage-plan-key-conflict.json");
        apiKeys = new ApiGatewayApiKeys(account.configure(ApiGatewayClient.builder(), REGION)
                .httpClient(wire)
                .overrideConfiguration(o -> o.addExecutionInterceptor(concurrentCreate).addExecutionInterceptor(sent))
                .build(), STACK);
    }

    @AfterEach
    void stop() {
        admin.close();
        wire.close();
    }

    @Test
    void createIsIdempotentByTenantIdAndAttachesTheKeyToThePlan() {
        admin.createApiKey(r -> r.name(TENANT + "-old").enabled(true));

        IssuedApiKey first = apiKeys.createForTenant(TENANT, planId);
        IssuedApiKey second = apiKeys.createForTenant(TENANT, planId);

        assertEquals(first, second, "the same key, its value read back with GetApiKey includeValue=true");
        assertEquals(admin.getApiKey(r -> r.apiKey(first.id()).includeValue(true)).value(), first.value());
        List<GetApiKeyRequest> reads = requests("GetApiKey", GetApiKeyRequest.class);
        assertEquals(1, reads.size(), "the created key's value came with CreateApiKey; the found one's is read");
        assertEquals(first.id(), reads.get(0).apiKey());
        assertTrue(reads.get(0).includeValue());
        GetApiKeysRequest listing = requests("GetApiKeys", GetApiKeysRequest.class).get(0);
        assertFalse(listing.includeValues(), "listing never pulls every key's value");
        assertEquals(TENANT, listing.nameQuery());
        List<CreateApiKeyRequest> creates = requests("CreateApiKey", CreateApiKeyRequest.class);
        assertEquals(1, creates.size(), "the prefix match " + TENANT + "-old is not the tenant's key");
        assertEquals(TENANT, creates.get(0).name());
        assertTrue(creates.get(0).enabled());
        List<CreateUsagePlanKeyRequest> attaches = requests("CreateUsagePlanKey", CreateUsagePlanKeyRequest.class);
        assertEquals(2, attaches.size());
        assertEquals(1, wire.answered().size(), "the second attach meets AWS's 409, which means done");
        assertEquals(first.id(), attaches.get(0).keyId());
        assertEquals("API_KEY", attaches.get(0).keyType());
        assertEquals(List.of(first.id()), planKeys());
    }

    @Test
    void aCreatedKeyCarriesItsStacksTagAndNoOtherSoOnlyThatStacksRoleReachesIt() {
        // The stack's access role may create keys only with aws:RequestTag/<tag> = its stack and no other tag key,
        // and reach keys only with that aws:ResourceTag (stages' constructs.ControlPlaneAccess).
        String id = apiKeys.createForTenant(TENANT, planId).id();

        assertEquals(Map.of(StackAccess.API_KEY_STACK_TAG, STACK),
                requests("CreateApiKey", CreateApiKeyRequest.class).get(0).tags(), "requested with the tag");
        assertEquals(Map.of(StackAccess.API_KEY_STACK_TAG, STACK), admin.getApiKey(r -> r.apiKey(id)).tags(),
                "and API Gateway keeps it on the key");
    }

    @Test
    void theStackTagIsTheNameTheCdkAppConditionsOn() {
        assertEquals("saas-fleet:stack", StackAccess.API_KEY_STACK_TAG, "stages' ControlPlaneAccess.API_KEY_STACK_TAG");
    }

    @Test
    void twoProvisioningsAtOnceEndWithTheOldestKeyAndDeleteTheOther() {
        concurrentCreate.arm();

        IssuedApiKey key = apiKeys.createForTenant(TENANT, planId);

        String earlier = concurrentCreate.createdId;
        assertEquals(new IssuedApiKey(earlier, admin.getApiKey(r -> r.apiKey(earlier).includeValue(true)).value()),
                key, "the other provisioning's key wins");
        assertEquals(List.of(earlier), keysNamed(TENANT), "ours is deleted: one key per tenant on the plan");
        assertEquals(List.of(earlier), requests("CreateUsagePlanKey", CreateUsagePlanKeyRequest.class).stream()
                .map(CreateUsagePlanKeyRequest::keyId).toList());
        // The other provisioning, converging the same way, keeps the same key.
        assertEquals(key, apiKeys.createForTenant(TENANT, planId));
    }

    @Test
    void setEnabledAndDeleteReachEveryKeyOfTheTenantsName() {
        String one = admin.createApiKey(r -> r.name(TENANT).enabled(true)).id();
        String two = admin.createApiKey(r -> r.name(TENANT).enabled(true)).id();

        assertTrue(apiKeys.setEnabled(TENANT, false));

        assertEquals(Map.of(one, false, two, false), enabledByKeyId());
        assertEquals(List.of(one, two).stream().sorted().toList(), requests("UpdateApiKey", UpdateApiKeyRequest.class)
                .stream().map(UpdateApiKeyRequest::apiKey).sorted().toList());
        apiKeys.delete(TENANT);
        assertEquals(List.of(), keysNamed(TENANT));
    }

    @Test
    void setEnabledPatchesTheKeyAndReportsAMissingOne() {
        String id = apiKeys.createForTenant(TENANT, planId).id();

        assertTrue(apiKeys.setEnabled(TENANT, false));
        assertFalse(apiKeys.setEnabled("fedcba9876543210fedcba9876543210", false));

        assertFalse(admin.getApiKey(r -> r.apiKey(id)).enabled());
        List<SentCalls.Call> patches = sent.calls("UpdateApiKey");
        assertEquals(1, patches.size());
        WireRequest patch = patches.get(0).wire();
        assertEquals("PATCH", patch.method());
        assertEquals("/apikeys/" + id, patch.path());
        assertEquals(List.of(PatchOperation.builder().op(Op.REPLACE).path("/enabled").value("false").build()),
                patches.get(0).request(UpdateApiKeyRequest.class).patchOperations());
        assertTrue(apiKeys.setEnabled(TENANT, true));
        assertTrue(admin.getApiKey(r -> r.apiKey(id)).enabled());
    }

    @Test
    void deleteRemovesOnlyTheTenantsKeyAndIgnoresAMissingOne() {
        String id = apiKeys.createForTenant(TENANT, planId).id();
        String other = admin.createApiKey(r -> r.name(TENANT + "x").enabled(true)).id();

        apiKeys.delete(TENANT);
        apiKeys.delete(TENANT);

        assertEquals(List.of(id), sent.calls("DeleteApiKey").stream()
                .map(c -> c.request(DeleteApiKeyRequest.class).apiKey()).toList());
        assertEquals(List.of(other), admin.getApiKeys(r -> r.limit(500)).items().stream().map(ApiKey::id).toList());
    }

    /** AWS's rule for CreateUsagePlanKey, applied to moto's state: a key the plan has already is a 409. */
    private boolean attachesAKeyThePlanHas(WireRequest request) {
        return request.method().equals("POST") && request.path().equals("/usageplans/" + planId + "/keys")
                && planKeys().stream().anyMatch(k -> request.body().contains("\"" + k + "\""));
    }

    private List<String> planKeys() {
        return admin.getUsagePlanKeys(r -> r.usagePlanId(planId)).items().stream().map(UsagePlanKey::id).toList();
    }

    private List<String> keysNamed(String name) {
        return admin.getApiKeys(r -> r.limit(500)).items().stream().filter(k -> k.name().equals(name))
                .map(ApiKey::id).toList();
    }

    private Map<String, Boolean> enabledByKeyId() {
        return admin.getApiKeys(r -> r.limit(500)).items().stream()
                .collect(Collectors.toMap(ApiKey::id, ApiKey::enabled));
    }

    private <T extends SdkRequest> List<T> requests(String operation, Class<T> type) {
        return sent.calls(operation).stream().map(c -> c.request(type)).toList();
    }

    /**
     * Another provisioning of the same tenant, creating its key in moto just before this client's CreateApiKey
     * leaves; then waits for the next second, so the two keys' createdDate (whole seconds) tells which is older.
     */
    private final class ConcurrentCreate implements ExecutionInterceptor {
        private final AtomicBoolean armed = new AtomicBoolean();
        private volatile String createdId;

        void arm() {
            armed.set(true);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof CreateApiKeyRequest create && armed.compareAndSet(true, false)) {
                createdId = admin.createApiKey(r -> r.name(create.name()).enabled(true)).id();
                try {
                    Thread.sleep(1_050 - System.currentTimeMillis() % 1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
