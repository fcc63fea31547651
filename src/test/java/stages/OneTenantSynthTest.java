package stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import app.CdkJson;
import app.TempDirs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * The onboarding fast lane deploys a stack the pipeline then adopts: its one-tenant synth ({@code onlyTenant}) must
 * give the tenant's stack exactly as the full synth does (same template bytes, stack name, env, tags, bootstrap
 * roles), or the pipeline's change set would not be empty. Compared with the shipped fleet's assembly, which other
 * tests synthesize anyway ({@link PipelineFleet#shipped()}).
 */
class OneTenantSynthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path oneTenantAssembly(String tenantId) {
        var app = new App(AppProps.builder().outdir(TempDirs.createDeletedOnExit("one-tenant").toString())
                .context(CdkJson.featureFlags())
                .stackTraces(false).build());
        OneTenantSynth.addTo(app, PipelineFleet.shippedCatalog(), PipelineFleet.FUNCTIONS, tenantId);
        return Path.of(app.synth().getDirectory());
    }

    private static List<Path> nestedAssemblies(Path assembly) throws IOException {
        try (Stream<Path> files = Files.list(assembly)) {
            return files.filter(f -> f.getFileName().toString().startsWith("assembly-")).sorted().toList();
        }
    }

    private static JsonNode stackArtifacts(Path nestedAssembly) throws IOException {
        var artifacts = JSON.readTree(nestedAssembly.resolve("manifest.json").toFile()).get("artifacts");
        var stacks = JSON.createObjectNode();
        artifacts.fields().forEachRemaining(e -> {
            if (e.getValue().path("type").asText().equals("aws:cloudformation:stack")) {
                stacks.set(e.getKey(), e.getValue());
            }
        });
        return stacks;
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "globex"})
    void theOneTenantSynthGivesTheTenantsStackByteForByteAsThePipelineHasIt(String tenantId) throws IOException {
        var one = oneTenantAssembly(tenantId);
        var nested = nestedAssemblies(one);
        assertEquals(1, nested.size(), "one stage only: " + nested);
        var full = PipelineFleet.shipped().assemblyDirectory().resolve(nested.get(0).getFileName());
        assertTrue(Files.isDirectory(full), "the full synth has the same stage directory " + full);

        var oneStacks = stackArtifacts(nested.get(0));
        assertEquals(1, oneStacks.size(), oneStacks.toString());
        // Stack name, env, tags, bootstrap role ARNs, template file and asset manifest as in the full synth.
        assertEquals(stackArtifacts(full), oneStacks);
        var templateFile = oneStacks.elements().next().path("properties").path("templateFile").asText();
        assertArrayEquals(Files.readAllBytes(full.resolve(templateFile)), Files.readAllBytes(nested.get(0)
                .resolve(templateFile)), templateFile + " differs");
        assertTrue(Files.readString(nested.get(0).resolve(templateFile)).contains(tenantId));
    }

    @Test
    void anIdThatIsNoSiloTenantOfTheCatalogIsRefusedByName() {
        for (var id : List.of("nobody", "basic")) {
            var app = new App(AppProps.builder().outdir(TempDirs.createDeletedOnExit("one-tenant").toString())
                .context(CdkJson.featureFlags())
                    .build());
            var e = assertThrows(IllegalStateException.class,
                    () -> OneTenantSynth.addTo(app, PipelineFleet.shippedCatalog(), PipelineFleet.FUNCTIONS, id));
            assertTrue(e.getMessage().contains("onlyTenant: '" + id + "' is not a silo tenant"), e.getMessage());
        }
    }
}
