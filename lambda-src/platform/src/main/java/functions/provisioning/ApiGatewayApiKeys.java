package functions.provisioning;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClientBuilder;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.GetApiKeysResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;

/**
 * The real {@link ApiKeys}: API Gateway REST API keys and usage plan keys of one stack's API, through one client.
 * Every key is created with the tag {@link StackAccess#API_KEY_STACK_TAG} valued with the stack's name: the stack's
 * control-plane role reaches only keys tagged so (API Gateway authorizes key calls on the key's tags, {@code
 * aws:ResourceTag}, and creation on the request's, {@code aws:RequestTag}:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-tagging-iam-policy.html).
 */
public final class ApiGatewayApiKeys implements ApiKeys {

    // The largest page GetApiKeys allows.
    private static final int PAGE = 500;

    private final ApiGatewayClient client;
    private final String stackName;

    /** @param stackName the stack whose keys these are: the value of each new key's stack tag */
    ApiGatewayApiKeys(ApiGatewayClient client, String stackName) {
        this.client = client;
        this.stackName = Objects.requireNonNull(stackName, "stackName");
    }

    /**
     * The keys of one target stack: its region, the credentials of its control-plane role, and an HTTP client
     * shared by every stack's API Gateway client (a client does not close an HTTP client it was given), and the
     * stack's name, which every key it creates is tagged with.
     * {@code httpClient} must send PATCH (UpdateApiKey), which HttpURLConnection cannot: use the Apache client.
     *
     * @param endpoint only set to reach a local stub
     */
    public static ApiGatewayApiKeys create(SdkHttpClient httpClient, String region,
                                           AwsCredentialsProvider credentials, Optional<URI> endpoint,
                                           String stackName) {
        ApiGatewayClientBuilder builder = ApiGatewayClient.builder()
                .httpClient(httpClient)
                .region(Region.of(region))
                .credentialsProvider(credentials);
        endpoint.ifPresent(builder::endpointOverride);
        return new ApiGatewayApiKeys(builder.build(), stackName);
    }

    @Override
    public IssuedApiKey createForTenant(String tenantId, String usagePlanId) {
        IssuedApiKey key = find(tenantId)
                // GetApiKeys lists without values; the existing key's value comes from GetApiKey.
                .map(k -> new IssuedApiKey(k.id(), valueOf(k.id())))
                .orElseGet(() -> converge(tenantId, client.createApiKey(r -> r
                        .name(tenantId)
                        .description("API key of tenant " + tenantId)
                        .enabled(true)
                        .customerId(tenantId)
                        .tags(Map.of(StackAccess.API_KEY_STACK_TAG, stackName)))));
        try {
            client.createUsagePlanKey(r -> r.usagePlanId(usagePlanId).keyId(key.id()).keyType("API_KEY"));
        } catch (ConflictException alreadyAttached) {
            // A retried provisioning: the key is on the plan already, which is the state we want.
        }
        if (key.value() == null || key.value().isEmpty()) {
            throw new IllegalStateException("API Gateway returned no value for the API key of tenant " + tenantId);
        }
        return key;
    }

    // Two provisionings of one tenant at once (an operator's and the pipeline's activation) may each find no key
    // and create one. Each then keeps the oldest key of the tenant's name and deletes the others, so both end
    // with the same key and value, and no second key stays on the plan.
    private IssuedApiKey converge(String tenantId, CreateApiKeyResponse created) {
        ApiKey winner = find(tenantId).orElseThrow(() -> new IllegalStateException(
                "the API key just created for tenant " + tenantId + " is not listed"));
        deleteAllBut(tenantId, winner.id());
        return winner.id().equals(created.id()) ? new IssuedApiKey(created.id(), created.value())
                : new IssuedApiKey(winner.id(), valueOf(winner.id()));
    }

    private String valueOf(String keyId) {
        return client.getApiKey(r -> r.apiKey(keyId).includeValue(true)).value();
    }

    private void deleteAllBut(String tenantId, String keepId) {
        for (ApiKey k : findAll(tenantId)) {
            if (!k.id().equals(keepId)) {
                deleteKey(k.id());
            }
        }
    }

    private void deleteKey(String keyId) {
        try {
            client.deleteApiKey(r -> r.apiKey(keyId));
        } catch (NotFoundException alreadyGone) {
            // Deleted between the lookup and now: the goal is reached.
        }
    }

    @Override
    public boolean setEnabled(String tenantId, boolean enabled) {
        List<ApiKey> keys = findAll(tenantId);
        keys.forEach(k -> client.updateApiKey(r -> r.apiKey(k.id())
                .patchOperations(p -> p.op(Op.REPLACE).path("/enabled").value(Boolean.toString(enabled)))));
        return !keys.isEmpty();
    }

    @Override
    public void delete(String tenantId) {
        findAll(tenantId).forEach(k -> deleteKey(k.id()));
    }

    /** The tenant's key: the oldest named exactly {@code tenantId} (see {@link #converge}). */
    Optional<ApiKey> find(String tenantId) {
        return findAll(tenantId).stream().min(OLDEST_FIRST);
    }

    private static final Comparator<ApiKey> OLDEST_FIRST = Comparator
            .comparing((ApiKey k) -> k.createdDate() == null ? Instant.MAX : k.createdDate())
            .thenComparing(ApiKey::id);

    /** Every key named exactly {@code tenantId}; nameQuery is a prefix match, so the name is checked again. */
    List<ApiKey> findAll(String tenantId) {
        List<ApiKey> keys = new ArrayList<>();
        String position = null;
        do {
            String from = position;
            GetApiKeysResponse page = client.getApiKeys(r -> r.nameQuery(tenantId).includeValues(false)
                    .limit(PAGE).position(from));
            page.items().stream().filter(k -> tenantId.equals(k.name())).forEach(keys::add);
            position = page.position();
        } while (position != null && !position.isEmpty());
        return keys;
    }
}
