package functions.provisioning;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClientBuilder;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.GetApiKeysResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;

/** The real {@link ApiKeys}: API Gateway REST API keys and usage plan keys through one client per instance. */
public final class ApiGatewayApiKeys implements ApiKeys {

    // The largest page GetApiKeys allows.
    private static final int PAGE = 500;

    private final ApiGatewayClient client;

    ApiGatewayApiKeys(ApiGatewayClient client) {
        this.client = client;
    }

    /** Built during init, so the client is in the SnapStart snapshot; {@code endpoint} only for tests. */
    public static ApiGatewayApiKeys create(String region, Optional<URI> endpoint) {
        ApiGatewayClientBuilder builder = ApiGatewayClient.builder()
                // Not url-connection-client: UpdateApiKey is a PATCH, which HttpURLConnection cannot send.
                .httpClient(ApacheHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        endpoint.ifPresent(builder::endpointOverride);
        return new ApiGatewayApiKeys(builder.build());
    }

    @Override
    public String createForTenant(String tenantId, String usagePlanId) {
        String keyId = find(tenantId).map(ApiKey::id).orElseGet(() -> client.createApiKey(r -> r
                .name(tenantId)
                .description("API key of tenant " + tenantId)
                .enabled(true)
                .customerId(tenantId)).id());
        try {
            client.createUsagePlanKey(r -> r.usagePlanId(usagePlanId).keyId(keyId).keyType("API_KEY"));
        } catch (ConflictException alreadyAttached) {
            // A retried provisioning: the key is on the plan already, which is the state we want.
        }
        return keyId;
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
