package functions.metering;

import functions.provisioning.StackCredentials;
import functions.provisioning.StackLocation;
import java.net.URI;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClientBuilder;
import software.amazon.awssdk.services.apigateway.model.GetUsageResponse;

/**
 * {@link PlanUsage} through API Gateway in the stack's account and region, signed with the stack's control-plane
 * role ({@link StackCredentials}). GetUsage answers {@code values: {keyId: [[used, remaining], ...]}}, one pair
 * per day of the interval (https://docs.aws.amazon.com/apigateway/latest/api/API_GetUsage.html); asking for one
 * day gives one pair per key. Both calls are GETs, so the JDK HTTP client serves them.
 */
final class ApiGatewayPlanUsage implements PlanUsage {

    // The largest page GetUsage allows.
    private static final int PAGE = 500;

    private final StackCredentials credentials;
    private final SdkHttpClient http;
    private final Optional<URI> endpoint;
    private final Map<StackLocation, ApiGatewayClient> clients = new HashMap<>();

    ApiGatewayPlanUsage(StackCredentials credentials, SdkHttpClient http, Optional<URI> endpoint) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.http = Objects.requireNonNull(http, "http");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public Map<String, Long> requestsByKey(StackLocation stack, String usagePlanId, LocalDate day) {
        Map<String, Long> byKey = new HashMap<>();
        String position = null;
        do {
            String from = position;
            GetUsageResponse page = client(stack).getUsage(r -> r.usagePlanId(usagePlanId)
                    .startDate(day.toString()).endDate(day.toString()).limit(PAGE).position(from));
            if (page.hasItems()) {
                page.items().forEach((keyId, days) -> byKey.merge(keyId, used(days), Long::sum));
            }
            position = page.position();
        } while (position != null && !position.isEmpty());
        return byKey;
    }

    @Override
    public String apiOf(StackLocation stack, String usagePlanId) {
        var plan = client(stack).getUsagePlan(r -> r.usagePlanId(usagePlanId));
        return plan.apiStages().stream().map(s -> s.apiId() + "/" + s.stage()).sorted()
                .collect(Collectors.joining(","));
    }

    private static long used(List<List<Long>> days) {
        return days.stream().filter(d -> !d.isEmpty() && d.get(0) != null).mapToLong(d -> d.get(0)).sum();
    }

    private synchronized ApiGatewayClient client(StackLocation stack) {
        return clients.computeIfAbsent(stack, s -> {
            ApiGatewayClientBuilder builder = ApiGatewayClient.builder().httpClient(http)
                    .region(Region.of(s.region())).credentialsProvider(credentials.providerFor(s.roleArn()));
            endpoint.ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }
}
