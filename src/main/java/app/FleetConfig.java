package app;

import contract.Family;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import software.constructs.Node;

/**
 * The app's CDK context flags (documented in README.md), read once.
 *
 * @param tenantsFile     catalog file; context {@code tenantsFile}, @default {@code tenants.json}
 * @param functionsDir    the lambda-src directory, whose modules build one jar per function family
 *                        ({@link Family}); context {@code functionsDir}, @default {@code lambda-src}
 * @param tenantSource    where silo tenants come from; context {@code tenantSource}: {@code file} (the
 *                        tenants file) or {@code dynamodb} (the TenantStackMapping table, as the pipeline's synth
 *                        does), @default {@code file}
 * @param allowEmptyFleet the bootstrap synth of a fresh installation ({@code scripts/install-fleet.sh}): a
 *                        TenantStackMapping table that does not exist yet, or has neither records nor the fleet
 *                        marker, synthesizes a fleet without silo tenants; context {@code allowEmptyFleet},
 *                        @default {@code false} (a marked table without records is an empty fleet without it)
 * @param onlyTenant      the onboarding fast lane's synth ({@code scripts/onboard-tenant.sh}): only this silo
 *                        tenant's stack, as its pipeline would deploy it, no pipeline and no plan file; context
 *                        {@code onlyTenant}, @default none (the whole fleet)
 */
public record FleetConfig(Path tenantsFile, Path functionsDir, TenantSource tenantSource, boolean allowEmptyFleet,
                          Optional<String> onlyTenant) {

    public FleetConfig(Path tenantsFile, Path functionsDir, TenantSource tenantSource, boolean allowEmptyFleet) {
        this(tenantsFile, functionsDir, tenantSource, allowEmptyFleet, Optional.empty());
    }

    /** Where the silo tenants of the catalog are read from. */
    public enum TenantSource { FILE, DYNAMODB }

    static final String DEFAULT_TENANTS_FILE = "tenants.json";
    static final String DEFAULT_FUNCTIONS_DIR = "lambda-src";

    public static FleetConfig from(Node node) {
        var source = context(node, "tenantSource", "file").toUpperCase(Locale.ROOT);
        TenantSource tenantSource;
        try {
            tenantSource = TenantSource.valueOf(source);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Context tenantSource must be 'file' or 'dynamodb', got '"
                    + context(node, "tenantSource", "") + "'");
        }
        return new FleetConfig(
                Path.of(context(node, "tenantsFile", DEFAULT_TENANTS_FILE)),
                Path.of(context(node, "functionsDir", DEFAULT_FUNCTIONS_DIR)),
                tenantSource,
                Boolean.parseBoolean(context(node, "allowEmptyFleet", "false")),
                Optional.ofNullable(context(node, "onlyTenant", null)));
    }

    private static String context(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString().strip();
    }

    /** Fails, naming the missing file and the fix, when a family's jar or its runtime layer has not been built. */
    public Path requireFunctionJars() {
        for (Family family : Family.values()) {
            requireBuilt(functionsDir.resolve(family.jar()), "Functions jar of family " + family.module());
            requireBuilt(functionsDir.resolve(family.layer().zip()),
                    "Runtime layer " + family.layer().module() + " of family " + family.module());
        }
        return functionsDir;
    }

    private static void requireBuilt(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(what + " not found at " + file
                    + ": build it with 'mvn -f lambda-src/pom.xml package' (npx cdk synth does this for you)");
        }
    }
}
