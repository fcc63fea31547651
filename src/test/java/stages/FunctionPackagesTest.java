package stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import constructs.FunctionCode;
import contract.Family;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What each function deploys, as lambda-src built it: its family's jar on top of its family's runtime layer
 * ({@link Family#layer()}). The split is only sound if the two together hold everything the family's code runs on
 * and nothing twice, and if they fit Lambda's deployment limits.
 */
class FunctionPackagesTest {

    private static final Path FUNCTIONS = Path.of(PipelineFleet.FUNCTIONS);
    /** The product and order functions' jar (issue #18): at most 10 MB. */
    private static final long TENANT_API_JAR_BYTES = 10_000_000;
    /** Every family jar: at most 15 MB. */
    private static final long FAMILY_JAR_BYTES = 15_000_000;
    /**
     * "Deployment package (.zip file archive) size: 250 MB (unzipped)", counting the function's layers
     * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
     */
    private static final long UNZIPPED_BYTES = 250L * 1024 * 1024;
    /**
     * Classes the family jars may name without holding: Nimbus JOSE's optional cryptography providers (Tink for
     * Ed25519/X25519/XChaCha20, Bouncy Castle), which nothing here asks for: the authorizer verifies Cognito's
     * RS256 tokens with the JDK's own RSA.
     */
    private static final List<String> OPTIONAL = List.of("com.google.crypto.tink.", "org.bouncycastle.");

    @Test
    void theProductAndOrderJarIsAtMost10MbAndEveryFamilyJarAtMost15Mb() throws IOException {
        for (Family family : Family.values()) {
            long size = Files.size(FunctionCode.jar(FUNCTIONS, family));
            long bound = family == Family.TENANT_API ? TENANT_API_JAR_BYTES : FAMILY_JAR_BYTES;
            assertTrue(size <= bound, family.module() + ".jar is " + size + " bytes, over " + bound);
        }
    }

    @Test
    void aFunctionAndItsLayerUnzipWithinLambdasDeploymentPackageLimit() throws IOException {
        for (Family family : Family.values()) {
            long unzipped = unzippedSize(FunctionCode.jar(FUNCTIONS, family))
                    + unzippedSize(FunctionCode.layer(FUNCTIONS, family.layer()));
            assertTrue(unzipped <= UNZIPPED_BYTES, family.module() + " with its layer unzips to " + unzipped);
        }
    }

    @Test
    void noClassIsInBothAFamilyJarAndItsLayer() throws IOException {
        for (Family family : Family.values()) {
            var inLayer = new HashSet<String>();
            for (Path jar : DeployedCode.layerJars(family.layer())) {
                inLayer.addAll(classes(jar));
            }
            var twice = new TreeSet<>(classes(FunctionCode.jar(FUNCTIONS, family)));
            twice.retainAll(inLayer);
            assertEquals(Set.of(), twice, family.module() + " and " + family.layer().module());
        }
    }

    /**
     * The family jar's classes, ours and its libraries' alike, name no class that is neither in the jar, nor in its
     * layer, nor in the JDK (jdeps --missing-deps, the JDK's own dependency analyser), but for {@link #OPTIONAL}:
     * a library the jar leaves to the layer is there, on the same SDK release.
     */
    @Test
    void everyClassAFamilyJarNamesIsInTheJarItsLayerOrTheJdk() throws IOException {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        for (Family family : Family.values()) {
            var classPath = String.join(java.io.File.pathSeparator,
                    DeployedCode.layerJars(family.layer()).stream().map(Path::toString).toList());
            var out = new ByteArrayOutputStream();
            try (var print = new PrintWriter(out, true)) {
                int code = jdeps.run(print, print, "--multi-release", "17", "--missing-deps", "--class-path",
                        classPath, FunctionCode.jar(FUNCTIONS, family).toString());
                assertEquals(0, code, out.toString());
            }
            var missing = new ArrayList<String>();
            for (String line : out.toString().split("\n")) {
                // "   a.B   -> c.D   not found", under a header line "x.jar -> not found"
                if (line.startsWith(" ") && line.strip().endsWith("not found") && line.contains("->")) {
                    String named = line.substring(line.indexOf("->") + 2).strip().split("\\s+")[0];
                    if (OPTIONAL.stream().noneMatch(named::startsWith)) {
                        missing.add(line.strip());
                    }
                }
            }
            assertEquals(List.of(), missing, family.module() + " on " + family.layer().module());
        }
    }

    /**
     * SDK modules of different releases intermixed "can create unexpected" failures, which is why the SDK has a BOM
     * (https://aws.amazon.com/blogs/developer/managing-dependencies-with-aws-sdk-for-java-bill-of-materials-module-bom/)
     * so a family's service clients and the SDK core in its layer are of one release, read from each SDK module's
     * pom.properties. Fails when a family is put on the other release's layer.
     */
    @Test
    void everySdkModuleOfAFamilyJarAndItsLayerIsOfOneRelease() throws IOException {
        for (Family family : Family.values()) {
            var releases = new TreeSet<String>();
            var modules = new TreeSet<String>();
            for (Path jar : DeployedCode.classPath(family)) {
                try (var zip = new ZipFile(jar.toFile())) {
                    for (var entry : zip.stream().toList()) {
                        String name = entry.getName();
                        if (name.startsWith("META-INF/maven/software.amazon.awssdk/")
                                && name.endsWith("/pom.properties")) {
                            var properties = new java.util.Properties();
                            try (var in = zip.getInputStream(entry)) {
                                properties.load(in);
                            }
                            releases.add(properties.getProperty("version"));
                            modules.add(properties.getProperty("artifactId"));
                        }
                    }
                }
            }
            assertTrue(modules.contains("sdk-core") && modules.contains("dynamodb"), family.module() + ": " + modules);
            assertEquals(1, releases.size(), family.module() + " and " + family.layer().module() + ": " + releases);
        }
    }

    /** cdk.json's app rebuilds what the functions deploy: its list is contract.Family's jars and layers, no other. */
    @Test
    void theCdkAppScriptWatchesEveryJarAndLayerTheFunctionsDeploy() throws IOException, InterruptedException {
        var process = new ProcessBuilder("bash", "-c",
                "source <(sed -n '/^FAMILY=/,/^}/p' scripts/cdk-app.sh) && function_artifacts")
                .redirectErrorStream(true).start();
        var listed = new TreeSet<>(List.of(new String(process.getInputStream().readAllBytes()).strip().split("\n")));
        assertEquals(0, process.waitFor());
        var deployed = new TreeSet<String>();
        for (Family family : Family.values()) {
            deployed.add(FunctionCode.jar(FUNCTIONS, family).toString());
            deployed.add(FunctionCode.layer(FUNCTIONS, family.layer()).toString());
        }
        assertEquals(deployed, listed);
    }

    private static Set<String> classes(Path jar) throws IOException {
        var names = new HashSet<String>();
        try (var zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                    .forEach(names::add);
        }
        return names;
    }

    private static long unzippedSize(Path archive) throws IOException {
        long total = 0;
        try (var zip = new ZipFile(archive.toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                total += entries.nextElement().getSize();
            }
        }
        return total;
    }
}
