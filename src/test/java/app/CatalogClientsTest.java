package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The synth's DynamoDB client: explicit region, endpoint override only when asked for. */
class CatalogClientsTest {

    @Test
    void clientUsesTheGivenRegionAndTheRealEndpointByDefault() {
        try (var client = CatalogClients.dynamoDb("eu-west-1", Optional.empty())) {
            assertEquals(Region.EU_WEST_1, client.serviceClientConfiguration().region());
            assertEquals(Optional.empty(), client.serviceClientConfiguration().endpointOverride());
        }
    }

    @Test
    void endpointOverrideIsUsedOnlyWhenGiven() {
        URI local = URI.create("http://127.0.0.1:8000");
        try (var client = CatalogClients.dynamoDb("us-east-1", Optional.of(local))) {
            assertEquals(Optional.of(local), client.serviceClientConfiguration().endpointOverride());
        }
    }

    @Test
    void blankOrUnknownRegionIsRejectedBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class, () -> CatalogClients.dynamoDb(" ", Optional.empty()));
        var e = assertThrows(IllegalArgumentException.class,
                () -> CatalogClients.dynamoDb("eu-west-9", Optional.empty()));
        assertTrue(e.getMessage().contains("unknown AWS region 'eu-west-9'"), e.getMessage());
    }
}
