package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Every tool a pipeline installs is pinned to an exact version: an unpinned {@code aws-cdk@2} or
 * {@code cdk-assets@latest} in CDK Pipelines' generated steps takes whatever npm serves that day, which has broken
 * every CDK pipeline at once before (aws-cdk issues #33491, #32744).
 */
class PipelineToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NPM_INSTALL = Pattern.compile("\\bnpm\\s+(?:install|i|add)\\b([^\"',;&|\\n]*)");
    private static final Pattern EXACT = Pattern.compile("(?:@[a-z0-9][\\w.-]*/)?[a-z0-9][\\w.-]*@\\d+\\.\\d+\\.\\d+");

    /**
     * The text of every CodeBuild project's buildspec in the pipeline stacks: inline (JSON) or, for CDK Pipelines'
     * asset steps, the file the project names in the assembly (YAML).
     */
    private static List<String> buildSpecs() throws IOException {
        var fleet = PipelineFleet.shipped();
        var assembly = fleet.assemblyDirectory();
        var specs = new ArrayList<String>();
        for (var stack : fleet.pipelines) {
            JsonNode projects = JSON.valueToTree(Template.fromStack(stack).findResources("AWS::CodeBuild::Project"));
            for (var project : projects) {
                var spec = project.get("Properties").get("Source").get("BuildSpec").asText();
                var file = assembly.resolve(spec);
                specs.add(spec.startsWith("buildspec-") && Files.isRegularFile(file) ? Files.readString(file) : spec);
            }
        }
        return specs;
    }

    /** The package specs every {@code npm install} in {@code text} names (its arguments that are not options). */
    static List<String> installedPackages(String text) {
        var found = new ArrayList<String>();
        var matcher = NPM_INSTALL.matcher(text);
        while (matcher.find()) {
            for (var arg : matcher.group(1).trim().split("\\s+")) {
                if (!arg.isBlank() && !arg.startsWith("-")) {
                    found.add(arg);
                }
            }
        }
        return found;
    }

    @Test
    void noPipelineStepInstallsAnNpmPackageWithoutAnExactVersion() throws IOException {
        var specs = buildSpecs();
        var installed = specs.stream().flatMap(c -> installedPackages(c).stream()).distinct().sorted().toList();
        // CDK Pipelines' self-mutation and asset steps are the ones that install tools globally.
        assertEquals(List.of("aws-cdk@" + FleetPipelineStack.CDK_CLI_VERSION,
                "cdk-assets@" + FleetPipelineStack.CDK_ASSETS_VERSION), installed, specs.toString());
        installed.forEach(spec -> assertTrue(EXACT.matcher(spec).matches(), spec));
    }

    @Test
    void theCheckRecognisesUnpinnedInstalls() {
        assertEquals(List.of("aws-cdk@2", "cdk-assets@latest"),
                installedPackages("npm install -g aws-cdk@2 && npm i -g cdk-assets@latest"));
        assertTrue(!EXACT.matcher("aws-cdk@2").matches() && !EXACT.matcher("cdk-assets@latest").matches()
                && !EXACT.matcher("aws-cdk@^2.1.0").matches());
    }

    @Test
    void selfMutationUsesTheCliVersionOfPackageJson() throws IOException {
        var packageJson = JSON.readTree(Path.of("package.json").toFile());
        assertEquals(packageJson.get("devDependencies").get("aws-cdk").asText(), FleetPipelineStack.CDK_CLI_VERSION,
                "package.json's aws-cdk and FleetPipelineStack.CDK_CLI_VERSION move together");
        var lock = JSON.readTree(Path.of("package-lock.json").toFile());
        assertEquals(FleetPipelineStack.CDK_CLI_VERSION,
                lock.get("packages").get("node_modules/aws-cdk").get("version").asText());
    }
}
