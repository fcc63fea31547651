package functions.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

    @Test
    void readsThePoolAndTheRegion() {
        var config = OperatorConfig.fromEnvironment(Map.of(
                "OPERATIONS_USER_POOL_ID", " eu-west-1_AbC123 ", "AWS_REGION", "eu-west-1"));

        assertEquals(new OperatorConfig("eu-west-1_AbC123", "eu-west-1"), config);
    }

    @Test
    void aMissingVariableIsNamed() {
        assertMessage("OPERATIONS_USER_POOL_ID", Map.of("AWS_REGION", "eu-west-1"));
        assertMessage("AWS_REGION", Map.of("OPERATIONS_USER_POOL_ID", "eu-west-1_AbC123"));
    }

    @Test
    void thePoolIdMustBeRegionUnderscoreId() {
        for (String bad : List.of("AbC123", "eu-west-1_", "eu-west-1:AbC123", "eu-west-1_Ab-C",
                "arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_AbC123")) {
            var e = assertMessage("OPERATIONS_USER_POOL_ID must be a user pool id like us-east-1_AbC123",
                    Map.of("OPERATIONS_USER_POOL_ID", bad, "AWS_REGION", "eu-west-1"));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void thePoolMustBeInTheFunctionsRegion() {
        assertMessage("OPERATIONS_USER_POOL_ID names a pool in us-east-1 but the function runs in eu-west-1",
                Map.of("OPERATIONS_USER_POOL_ID", "us-east-1_AbC123", "AWS_REGION", "eu-west-1"));
    }

    private static IllegalStateException assertMessage(String expected, Map<String, String> env) {
        var e = assertThrows(IllegalStateException.class, () -> OperatorConfig.fromEnvironment(env));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }
}
