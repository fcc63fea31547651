package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The fleet marker's key is one contract with the deployed functions, read from both sides: the shipped functions
 * jar's pipeline trigger ignores exactly this key, and the control plane's own tenant id rule can never produce it.
 */
class FleetMarkerContractTest {

    private static final Path JAR = Path.of("lambda-src", contract.Family.DELIVERY.jar());

    @Test
    void theTriggerIgnoresTheMarkerKeyAndNoTenantIdCanBeIt() throws Exception {
        try (var loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, null)) {
            var marker = loader.loadClass("functions.pipeline.TenantChange").getDeclaredField("FLEET_MARKER_ID");
            marker.setAccessible(true);
            assertEquals(FleetMarker.TENANT_ID, marker.get(null));
            var tenantId = loader.loadClass("functions.shared.TenantId");
            assertFalse((Boolean) tenantId.getMethod("isValid", String.class).invoke(null, FleetMarker.TENANT_ID));
        }
    }
}
