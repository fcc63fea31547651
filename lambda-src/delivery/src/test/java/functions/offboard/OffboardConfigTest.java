package functions.offboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A misconfigured offboarder fails at init, naming the variable. */
class OffboardConfigTest {

    private static Map<String, String> env(String name, String value) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", "us-east-1", "BOOTSTRAP_QUALIFIER", "hnb659fds",
                "MAX_DELETIONS", "5", "ENVIRONMENTS_TABLE", "environments", "CATALOG_TABLE", "catalog"));
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return env;
    }

    @Test
    void readsEveryVariable() {
        assertEquals(new OffboardConfig("us-east-1", "hnb659fds", 5, "environments", "catalog", Optional.empty()),
                OffboardConfig.fromEnvironment(env("MAX_DELETIONS", " 5 ")));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8000")),
                OffboardConfig.fromEnvironment(env("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000")).dynamoDbEndpoint());
    }

    @Test
    void theFleetNameIsReadFromFleetNameAndIsTheDefaultFleetWhenUnset() {
        assertEquals("acme-stg", OffboardConfig.fromEnvironment(env("FLEET_NAME", "acme-stg")).fleetName());
        assertEquals("saas", OffboardConfig.fromEnvironment(env("FLEET_NAME", null)).fleetName());
        var e = assertThrows(IllegalStateException.class,
                () -> OffboardConfig.fromEnvironment(env("FLEET_NAME", "acme_stg")));
        assertTrue(e.getMessage().startsWith("FLEET_NAME must match"), e.getMessage());
    }

    @Test
    void aMalformedDynamoDbEndpointIsNamed() {
        var e = assertThrows(IllegalStateException.class,
                () -> OffboardConfig.fromEnvironment(env("DYNAMODB_ENDPOINT", "not a url")));

        assertEquals("DYNAMODB_ENDPOINT must be an absolute URI like http://127.0.0.1:8000, got 'not a url'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS_REGION", "BOOTSTRAP_QUALIFIER", "MAX_DELETIONS", "ENVIRONMENTS_TABLE", "CATALOG_TABLE"})
    void missingVariableIsNamed(String name) {
        var e = assertThrows(IllegalStateException.class, () -> OffboardConfig.fromEnvironment(env(name, null)));

        assertEquals("environment variable " + name + " is required but not set", e.getMessage());
        assertThrows(IllegalStateException.class, () -> OffboardConfig.fromEnvironment(env(name, " ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HNB659FDS", "hnb659fds-x", "abcdefghijk"})
    void qualifierMustFollowCdksRule(String qualifier) {
        var e = assertThrows(IllegalStateException.class,
                () -> OffboardConfig.fromEnvironment(env("BOOTSTRAP_QUALIFIER", qualifier)));

        assertEquals("BOOTSTRAP_QUALIFIER must match [a-z0-9]{1,10} (CDK's rule), got '" + qualifier + "'",
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"-1, got -1", "101, got 101", "ten, got 'ten'", "2.5, got '2.5'"})
    void maxDeletionsMustBeAnIntegerFrom0To100(String raw, String got) {
        var e = assertThrows(IllegalStateException.class,
                () -> OffboardConfig.fromEnvironment(env("MAX_DELETIONS", raw)));

        assertEquals("MAX_DELETIONS must be an integer from 0 to 100, " + got, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "100"})
    void maxDeletionsBoundsAreAllowed(String raw) {
        assertEquals(Integer.parseInt(raw), OffboardConfig.fromEnvironment(env("MAX_DELETIONS", raw)).maxDeletions());
    }
}
