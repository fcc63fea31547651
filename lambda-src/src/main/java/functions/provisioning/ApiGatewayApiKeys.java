package functions.provisioning;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClientBuilder;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.GetApiKeysResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;

/** The real {@link ApiKeys}: API Gateway REST API keys and usage plan keys of one stack's API, through one client. */
public final class ApiGatewayApiKeys implements ApiKeys {

    // The largest page GetApiKeys allows.
    private static final int PAGE = 500;

    private final ApiGatewayClient client;

    ApiGatewayApiKeys(ApiGatewayClient client) {
        this.client = client;
    }

    /**
     * The keys of one target stack: its region, the credentials of its control-plane role, and an HTTP client
     * shared by every stack's API Gateway client (a client does not close an HTTP client it was given).
     * {@code httpClient} must send PATCH (UpdateApiKey), which HttpURLConnection cannot: use the Apache client.
     *
     * @param endpoint only set to reach a local stub
     */
    public static ApiGatewayApiKeys create(SdkHttpClient httpClient, String region,
                                           AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        ApiGatewayClientBuilder builder = ApiGatewayClient.builder()
                .httpClient(httpClient)
                .region(Region.of(region))
                .credentialsProvider(credentials);
        endpoint.ifPresent(builder::endpointOverride);
        return new ApiGatewayApiKeys(builder.build());
    }

    @Override
    public IssuedApiKey createForTenant(String tenantId, String usagePlanId) {
        IssuedApiKey key = find(tenantId)
                // GetApiKeys lists without values; the existing key's value comes from GetApiKey.
                .map(k -> new IssuedApiKey(k.id(), client.getApiKey(r -> r.apiKey(k.id()).includeValue(true)).value()))
                .orElseGet(() -> {
                    var created = client.createApiKey(r -> r
                            .name(tenantId)
                            .description("API key of tenant " + tenantId)
                            .enabled(true)
                            .customerId(tenantId));
                    return new IssuedApiKey(created.id(), created.value());
                });
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

    @Override
    public boolean setEnabled(String tenantId, boolean enabled) {
        Optional<ApiKey> key = find(tenantId);
        key.ifPresent(k -> client.updateApiKey(r -> r.apiKey(k.id())
                .patchOperations(p -> p.op(Op.REPLACE).path("/enabled").value(Boolean.toString(enabled)))));
        return key.isPresent();
    }

    @Override
    public void delete(String tenantId) {
        find(tenantId).ifPresent(k -> {
            try {
                client.deleteApiKey(r -> r.apiKey(k.id()));
            } catch (NotFoundException alreadyGone) {
                // Deleted between the lookup and now: the goal is reached.
            }
        });
    }

    /** The key named exactly {@code tenantId}; nameQuery is a prefix match, so the name is checked again. */
    Optional<ApiKey> find(String tenantId) {
        String position = null;
        do {
            String from = position;
            GetApiKeysResponse page = client.getApiKeys(r -> r.nameQuery(tenantId).includeValues(false)
                    .limit(PAGE).position(from));
            Optional<ApiKey> match = page.items().stream().filter(k -> tenantId.equals(k.name())).findFirst();
            if (match.isPresent()) {
                return match;
            }
            position = page.position();
        } while (position != null && !position.isEmpty());
        return Optional.empty();
    }
}
