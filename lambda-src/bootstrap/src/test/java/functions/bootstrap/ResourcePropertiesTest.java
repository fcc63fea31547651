package functions.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the provider reads properties that CloudFormation sends as strings, and what a duplicate is. */
class ResourcePropertiesTest {

    @Test
    void aNumberArrivesAsAStringFromCloudFormationAndIsReadEitherWay() {
        assertEquals(Optional.of(2), ResourceProperties.of(Map.of("wave", "2")).optionalPositiveInt("wave"));
        assertEquals(Optional.of(2), ResourceProperties.of(Map.of("wave", 2)).optionalPositiveInt("wave"));
        var e = assertThrows(PropertyException.class,
                () -> ResourceProperties.of(Map.of("wave", "0")).optionalPositiveInt("wave"));
        assertEquals("wave", e.property());
    }

    @Test
    void aRepeatedOperatorEmailIsRejectedNamingBothEntries() {
        var properties = ResourceProperties.of(Map.of("operators", List.of(
                Map.of("email", "ops@example.com", "role", "SystemAdmin"),
                Map.of("email", "OPS@example.com", "role", "CustomerSupport"))));

        var e = assertThrows(PropertyException.class, () -> OperatorsSeed.operators(properties));

        assertEquals("property 'operators[1].email' repeats operators[0].email ('ops@example.com')", e.getMessage());
    }

    @Test
    void aResponseOverFourKilobytesBecomesFailedWithoutData() throws Exception {
        var big = new CustomResourceResponse("SUCCESS", null, "id", "stack", "request", "Logical", false,
                Map.of("Big", "x".repeat(5000)));

        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(big.body());

        assertEquals("FAILED", body.get("Status").asText());
        assertEquals(0, body.get("Data").size());
    }
}
