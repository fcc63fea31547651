package functions.authorizer;

import static functions.shared.Environment.optional;
import static functions.shared.Environment.required;

import functions.shared.FunctionConfig;
import functions.shared.TenantId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The authorizer's environment, read and checked once at init so a misconfigured deployment fails on its first
 * cold start with a message naming the variable.
 *
 * @param pools            trusted pools by issuer ({@code TRUSTED_POOLS}: comma-separated
 *                         {@code <issuerUrl>|<clientId>[|operations|pooled|tenant:<tenantId>]}, scope
 *                         {@code pooled} when left out; an issuer may be listed once per app client); on the admin
 *                         API only {@code operations} pools: tenant pools are found in TenantDetails, where their
 *                         tenant's status is checked too
 * @param apiKind          the API guarded ({@code API_KIND}: {@code tenant} or {@code admin})
 * @param siloTenant       a silo stack's one tenant ({@code TENANT_ID}); tenant APIs only
 * @param apiKeysTable     the tenants' API key table ({@code TENANT_API_KEYS_TABLE}); required for tenant APIs
 * @param tenantDetails    the control plane's TenantDetails table ({@code TENANT_DETAILS_TABLE}); required for the
 *                         admin API, unused by tenant APIs
 * @param region           the function's region ({@code AWS_REGION})
 * @param dynamoDbEndpoint endpoint override ({@code DYNAMODB_ENDPOINT}); only set to reach a local emulator
 * @param localJwks        where the pools' JWKS are fetched instead of their issuer ({@code LOCAL_JWKS_ENDPOINT}):
 *                         {@code <this>/<poolId>/.well-known/jwks.json}, as the moto emulator serves them, whose
 *                         tokens carry the real Cognito issuer. For tests and a local sandbox only: it must be
 *                         plain http on loopback, so a deployed authorizer can never be pointed at other keys, and
 *                         no synthesized function sets it (a CDK test checks)
 */
record AuthorizerConfig(
        Map<String, TrustedPool> pools,
        ApiKind apiKind,
        Optional<TenantId> siloTenant,
        Optional<String> apiKeysTable,
        Optional<String> tenantDetails,
        String region,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> localJwks) {

    static final String TRUSTED_POOLS = contract.Env.TRUSTED_POOLS.variable();
    static final String API_KIND = contract.Env.API_KIND.variable();
    static final String TENANT_API_KEYS_TABLE = contract.Env.TENANT_API_KEYS_TABLE.variable();
    static final String TENANT_DETAILS_TABLE = contract.Env.TENANT_DETAILS_TABLE.variable();
    static final String LOCAL_JWKS_ENDPOINT = contract.Env.LOCAL_JWKS_ENDPOINT.variable();

    AuthorizerConfig {
        pools = Map.copyOf(pools);
        Objects.requireNonNull(apiKind, API_KIND);
        Objects.requireNonNull(siloTenant, FunctionConfig.TENANT_ID);
        Objects.requireNonNull(apiKeysTable, TENANT_API_KEYS_TABLE);
        Objects.requireNonNull(tenantDetails, TENANT_DETAILS_TABLE);
        Objects.requireNonNull(region, FunctionConfig.AWS_REGION);
        Objects.requireNonNull(dynamoDbEndpoint, FunctionConfig.DYNAMODB_ENDPOINT);
        Objects.requireNonNull(localJwks, LOCAL_JWKS_ENDPOINT);
        if (pools.isEmpty()) {
            throw new IllegalStateException(TRUSTED_POOLS + " must name at least one pool");
        }
        if (apiKind == ApiKind.TENANT && apiKeysTable.isEmpty()) {
            throw new IllegalStateException("environment variable " + TENANT_API_KEYS_TABLE
                    + " is required when " + API_KIND + " is tenant");
        }
        if (apiKind == ApiKind.ADMIN && siloTenant.isPresent()) {
            throw new IllegalStateException(FunctionConfig.TENANT_ID + " is only for a silo tenant API, not with "
                    + API_KIND + " admin");
        }
        if (apiKind == ApiKind.ADMIN && tenantDetails.isEmpty()) {
            throw new IllegalStateException("environment variable " + TENANT_DETAILS_TABLE
                    + " is required when " + API_KIND + " is admin");
        }
        // A tenant pool listed here would let its users past the admin API's status check.
        if (apiKind == ApiKind.ADMIN && pools.values().stream().anyMatch(p -> p.scope() != PoolScope.OPERATIONS)) {
            throw new IllegalStateException(TRUSTED_POOLS + ": with " + API_KIND + " admin, list only operations"
                    + " pools (scope 'operations'); tenant pools are read from " + TENANT_DETAILS_TABLE);
        }
    }

    /** Reads the configuration; throws {@link IllegalStateException} naming the first bad variable. */
    static AuthorizerConfig fromEnvironment(Map<String, String> env) {
        return new AuthorizerConfig(
                pools(required(env, TRUSTED_POOLS)),
                ApiKind.fromConfig(required(env, API_KIND)),
                optional(env, FunctionConfig.TENANT_ID).map(AuthorizerConfig::siloTenant),
                optional(env, TENANT_API_KEYS_TABLE),
                optional(env, TENANT_DETAILS_TABLE),
                required(env, FunctionConfig.AWS_REGION),
                optional(env, FunctionConfig.DYNAMODB_ENDPOINT).map(URI::create),
                optional(env, LOCAL_JWKS_ENDPOINT).map(AuthorizerConfig::localJwks));
    }

    /** Constructor form without a JWKS override: every deployed configuration. */
    AuthorizerConfig(Map<String, TrustedPool> pools, ApiKind apiKind, Optional<TenantId> siloTenant,
            Optional<String> apiKeysTable, Optional<String> tenantDetails, String region,
            Optional<URI> dynamoDbEndpoint) {
        this(pools, apiKind, siloTenant, apiKeysTable, tenantDetails, region, dynamoDbEndpoint, Optional.empty());
    }

    private static URI localJwks(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !isLoopback(uri) || !"http".equals(uri.getScheme()) || uri.getPort() < 1 || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
            throw new IllegalStateException(LOCAL_JWKS_ENDPOINT + " must be http://127.0.0.1:<port> (a local "
                    + "emulator; never set in a deployed function), got '" + raw + "'");
        }
        return uri;
    }

    private static TenantId siloTenant(String raw) {
        if (!TenantId.isValid(raw)) {
            throw new IllegalStateException(FunctionConfig.TENANT_ID
                    + " must match [a-z0-9][a-z0-9-]{2,31} or be a lowercase UUID, got '" + raw + "'");
        }
        return new TenantId(raw);
    }

    static Map<String, TrustedPool> pools(String raw) {
        Map<String, TrustedPool> pools = new LinkedHashMap<>();
        for (String entry : raw.split(",", -1)) {
            String[] fields = entry.strip().split("\\|", -1);
            if (fields.length < 2 || fields.length > 3) {
                throw badPools("'" + entry.strip() + "' is not <issuerUrl>|<clientId>[|<scope>]");
            }
            String issuer = issuer(fields[0].strip());
            String clientId = fields[1].strip();
            if (!TrustedPool.isClientId(clientId)) {
                throw badPools("client id '" + clientId + "' is not a Cognito app client id");
            }
            PoolScope scope;
            try {
                scope = fields.length == 3 ? PoolScope.parse(fields[2].strip()) : PoolScope.POOLED;
            } catch (IllegalArgumentException e) {
                throw badPools(e.getMessage());
            }
            TrustedPool known = pools.get(issuer);
            if (known != null && !known.scope().equals(scope)) {
                throw badPools("issuer " + issuer + " is listed with two different scopes");
            }
            Set<String> clientIds = new HashSet<>(known == null ? Set.of() : known.clientIds());
            clientIds.add(clientId);
            pools.put(issuer, new TrustedPool(issuer, clientIds, scope));
        }
        return pools;
    }

    // The issuer is compared byte for byte with the token's iss and the JWKS URL is derived from it: only a
    // plain https URL (http on loopback, for tests) without query, fragment or trailing slash can be both.
    private static String issuer(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw badPools("issuer '" + raw + "' is not a URL");
        }
        boolean schemeOk = "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && isLoopback(uri));
        if (!schemeOk || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawPath() == null || uri.getRawPath().length() < 2 || raw.endsWith("/")) {
            throw badPools("issuer '" + raw + "' must be https://<host>/<userPoolId> (http only on loopback)");
        }
        return raw;
    }

    // The one definition of "this machine" for both rules that allow plain http.
    private static boolean isLoopback(URI uri) {
        return "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
    }

    private static IllegalStateException badPools(String why) {
        return new IllegalStateException(TRUSTED_POOLS + ": " + why);
    }
}
