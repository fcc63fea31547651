package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contract.Family;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A synth never starts without every family's jar and runtime layer, and says which one is missing and the fix. */
class FleetConfigTest {

    @TempDir
    Path functions;

    private FleetConfig config() {
        return new FleetConfig(Path.of("tenants.json"), functions, FleetConfig.TenantSource.FILE, false);
    }

    private void build(String relative) throws IOException {
        Path file = functions.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "built");
    }

    private void buildAll() throws IOException {
        for (Family family : Family.values()) {
            build(family.jar());
            build(family.layer().zip());
        }
    }

    @Test
    void everyJarAndLayerBuiltGivesTheFunctionsDirectory() throws IOException {
        buildAll();
        assertEquals(functions, config().requireFunctionJars());
    }

    @Test
    void aMissingRuntimeLayerStopsNamingItItsFamilyAndTheBuildCommand() throws IOException {
        buildAll();
        Files.delete(functions.resolve(Family.Layer.SDK_2_40.zip()));

        var e = assertThrows(IllegalStateException.class, () -> config().requireFunctionJars());

        assertTrue(e.getMessage().startsWith("Runtime layer runtime-layer-sdk240 of family delivery not found at "
                + functions.resolve(Family.Layer.SDK_2_40.zip())), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -f lambda-src/pom.xml package"), e.getMessage());
    }

    @Test
    void aMissingFamilyJarStopsNamingItAndTheBuildCommand() throws IOException {
        buildAll();
        Files.delete(functions.resolve(Family.BOOTSTRAP.jar()));

        var e = assertThrows(IllegalStateException.class, () -> config().requireFunctionJars());

        assertTrue(e.getMessage().startsWith("Functions jar of family bootstrap not found at "
                + functions.resolve(Family.BOOTSTRAP.jar())), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -f lambda-src/pom.xml package"), e.getMessage());
    }
}
