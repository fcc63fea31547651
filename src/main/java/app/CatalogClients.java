package app;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SDK clients for catalog sources, built the one way the project builds them. */
public final class CatalogClients {

    private CatalogClients() {
    }

    /**
     * A DynamoDB client for {@code region} with the URL connection HTTP client and the default credentials
     * chain (the pipeline's CodeBuild role at synth).
     *
     * @param region   the table's region, explicit: the synth may run in another region than the table
     * @param endpoint an endpoint override (the moto emulator in tests); empty for the region's real endpoint
     * @throws IllegalArgumentException when the region is blank or not a known AWS region
     */
    public static DynamoDbClient dynamoDb(String region, Optional<URI> endpoint) {
        Objects.requireNonNull(region, "CatalogClients: region is required");
        Objects.requireNonNull(endpoint, "CatalogClients: endpoint is required (Optional.empty() for none)");
        if (region.isBlank()) {
            throw new IllegalArgumentException("CatalogClients: region must not be blank");
        }
        AwsRules.regionIssue(region).ifPresent(issue -> {
            throw new IllegalArgumentException("CatalogClients: region " + issue);
        });
        var builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
