package functions.offboard;

import static functions.shared.Environment.optional;
import static functions.shared.Environment.required;

import contract.Env;
import functions.provisioning.StackAccess;
import functions.shared.Environment;
import functions.shared.FunctionConfig;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The offboarder's environment, read and checked once at init so a misconfigured deployment fails on its first
 * cold start with a message naming the variable.
 *
 * @param region             the function's region; decides the partition of the deploy-role ARNs
 *                           ({@code AWS_REGION})
 * @param bootstrapQualifier the CDK bootstrap qualifier of every fleet environment, {@code hnb659fds} unless
 *                           customised ({@code BOOTSTRAP_QUALIFIER})
 * @param maxDeletions       the most stacks one run may delete; more candidates delete none
 *                           ({@code MAX_DELETIONS}, 0..100)
 * @param environmentsTable  the table of remembered environments ({@code ENVIRONMENTS_TABLE})
 * @param catalogTable       TenantStackMapping, checked before each delete ({@code CATALOG_TABLE})
 * @param dynamoDbEndpoint   endpoint override ({@code DYNAMODB_ENDPOINT}); only set to reach a local emulator (tests)
 * @param fleetName          the catalog's fleet name: only stacks tagged {@code ManagedBy=<fleetName>-fleet} are
 *                           offboarded ({@code FLEET_NAME}; {@code saas} when unset)
 */
record OffboardConfig(String region, String bootstrapQualifier, int maxDeletions, String environmentsTable,
                      String catalogTable, Optional<URI> dynamoDbEndpoint, String fleetName) {

    /** The default fleet's configuration. */
    OffboardConfig(String region, String bootstrapQualifier, int maxDeletions, String environmentsTable,
                   String catalogTable, Optional<URI> dynamoDbEndpoint) {
        this(region, bootstrapQualifier, maxDeletions, environmentsTable, catalogTable, dynamoDbEndpoint,
                StackAccess.DEFAULT_FLEET_NAME);
    }

    static final String BOOTSTRAP_QUALIFIER = Env.BOOTSTRAP_QUALIFIER.variable();
    static final String MAX_DELETIONS = Env.MAX_DELETIONS.variable();
    static final String ENVIRONMENTS_TABLE = Env.ENVIRONMENTS_TABLE.variable();
    static final String CATALOG_TABLE = Env.CATALOG_TABLE.variable();
    static final int MAX_DELETIONS_LIMIT = 100;

    // CDK's own rule for bootstrap qualifiers.
    private static final Pattern QUALIFIER = Pattern.compile("[a-z0-9]{1,10}");

    OffboardConfig {
        Objects.requireNonNull(region, FunctionConfig.AWS_REGION);
        Objects.requireNonNull(bootstrapQualifier, BOOTSTRAP_QUALIFIER);
        Objects.requireNonNull(environmentsTable, ENVIRONMENTS_TABLE);
        Objects.requireNonNull(catalogTable, CATALOG_TABLE);
        Objects.requireNonNull(dynamoDbEndpoint, FunctionConfig.DYNAMODB_ENDPOINT);
        Objects.requireNonNull(fleetName, StackAccess.FLEET_NAME_VARIABLE);
        if (!QUALIFIER.matcher(bootstrapQualifier).matches()) {
            throw new IllegalStateException(BOOTSTRAP_QUALIFIER + " must match [a-z0-9]{1,10} (CDK's rule), got '"
                    + bootstrapQualifier + "'");
        }
        if (maxDeletions < 0 || maxDeletions > MAX_DELETIONS_LIMIT) {
            throw new IllegalStateException(MAX_DELETIONS + " must be an integer from 0 to " + MAX_DELETIONS_LIMIT
                    + ", got " + maxDeletions);
        }
    }

    /** Reads the configuration; throws {@link IllegalStateException} naming the first bad variable. */
    static OffboardConfig fromEnvironment(Map<String, String> env) {
        return new OffboardConfig(
                required(env, FunctionConfig.AWS_REGION),
                required(env, BOOTSTRAP_QUALIFIER),
                maxDeletions(required(env, MAX_DELETIONS)),
                required(env, ENVIRONMENTS_TABLE),
                required(env, CATALOG_TABLE),
                optional(env, FunctionConfig.DYNAMODB_ENDPOINT).map(raw -> Environment.endpoint(
                        FunctionConfig.DYNAMODB_ENDPOINT, raw, "http://127.0.0.1:8000")),
                StackAccess.fleetName(env));
    }

    private static int maxDeletions(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(MAX_DELETIONS + " must be an integer from 0 to " + MAX_DELETIONS_LIMIT
                    + ", got '" + raw + "'");
        }
    }
}
