package functions.shared;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the one DynamoDB client a function instance uses. Called from handler constructors, i.e. during
 * init, so the client is part of the SnapStart snapshot instead of being built per request.
 */
public final class DynamoDbClientFactory {

    private DynamoDbClientFactory() {
    }

    public static DynamoDbClient create(FunctionConfig config) {
        return create(config.region(), config.dynamoDbEndpoint());
    }

    /** For functions with their own configuration record: the region and the optional endpoint override. */
    public static DynamoDbClient create(String region, Optional<URI> endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                // The JDK-based client: no extra threads or native code, the smallest jar and fastest restore.
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                // The default chain reads the credentials Lambda provides, including after a SnapStart restore.
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                // ConsumedReadCapacity / ConsumedWriteCapacity of each request (Telemetry).
                .overrideConfiguration(c -> c.addExecutionInterceptor(Telemetry.dynamoDbInterceptor()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
