package functions.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionConfigTest {

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>(Map.of(
                "TABLE_NAME", "products", "SHARD_COUNT", "4", "AWS_REGION", "eu-west-1"));
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                env.remove(keyValues[i]);
            } else {
                env.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return env;
    }

    private static void assertFailsNaming(String variable, Map<String, String> env) {
        var e = assertThrows(IllegalStateException.class, () -> FunctionConfig.fromEnvironment(env));
        assertTrue(e.getMessage().contains(variable), e.getMessage());
    }

    @Test
    void pooledConfigurationHasNoSiloTenantAndNoEndpointOverride() {
        FunctionConfig config = FunctionConfig.fromEnvironment(env());
        assertEquals(new FunctionConfig("products", 4, Optional.empty(), "eu-west-1", Optional.empty()), config);
    }

    @Test
    void siloTenantAndEndpointOverrideAreReadWhenSet() {
        FunctionConfig config = FunctionConfig.fromEnvironment(
                env("TENANT_ID", "acme", "DYNAMODB_ENDPOINT", "http://127.0.0.1:8000"));
        assertEquals(Optional.of(new TenantId("acme")), config.siloTenant());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8000")), config.dynamoDbEndpoint());
    }

    @Test
    void missingTableNameFailsFastNamingTheVariable() {
        assertFailsNaming("TABLE_NAME", env("TABLE_NAME", null));
        assertFailsNaming("TABLE_NAME", env("TABLE_NAME", "  "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "four", "1.5", ""})
    void shardCountMustBeAPositiveInteger(String raw) {
        assertFailsNaming("SHARD_COUNT", env("SHARD_COUNT", raw));
    }

    @Test
    void missingRegionFailsFastNamingTheVariable() {
        assertFailsNaming("AWS_REGION", env("AWS_REGION", null));
    }

    @Test
    void malformedSiloTenantFailsFastNamingTheVariable() {
        assertFailsNaming("TENANT_ID", env("TENANT_ID", "Acme Corp"));
    }

    @Test
    void malformedEndpointFailsFastNamingTheVariable() {
        assertFailsNaming("DYNAMODB_ENDPOINT", env("DYNAMODB_ENDPOINT", "localhost"));
    }
}
