package app;

import java.nio.file.Files;
import java.nio.file.Path;

import software.constructs.Node;

/**
 * The app's CDK context flags (documented in README.md), read once.
 *
 * @param tenantsFile catalog file; context {@code tenantsFile}, @default {@code tenants.json}
 * @param lambdaJar   functions jar built from lambda-src; context {@code lambdaJar},
 *                    @default {@code lambda-src/target/saas-functions.jar}
 */
public record FleetConfig(Path tenantsFile, Path lambdaJar) {

    static final String DEFAULT_TENANTS_FILE = "tenants.json";
    static final String DEFAULT_LAMBDA_JAR = "lambda-src/target/saas-functions.jar";

    public static FleetConfig from(Node node) {
        return new FleetConfig(
                Path.of(context(node, "tenantsFile", DEFAULT_TENANTS_FILE)),
                Path.of(context(node, "lambdaJar", DEFAULT_LAMBDA_JAR)));
    }

    private static String context(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    /** Fails with the fix when the functions jar has not been built. */
    public Path requireLambdaJar() {
        if (!Files.isRegularFile(lambdaJar)) {
            throw new IllegalStateException("Functions jar not found at " + lambdaJar
                    + ": build it with 'mvn -f lambda-src/pom.xml package' (npx cdk synth does this for you)");
        }
        return lambdaJar;
    }
}
