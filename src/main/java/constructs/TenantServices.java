package constructs;

import contract.Env;
import contract.EnvContract;
import contract.Handler;
import contract.Keys;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Stack;
import java.util.Map;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.codedeploy.ILambdaDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.LambdaApplication;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.constructs.Construct;

/**
 * The tenant-facing application of the fleet: a user pool, an API, and the product and order services with
 * their tables. A pooled tier stack holds one shared by all tenants of the tier; a silo stack holds one
 * dedicated to a single tenant. Items are partitioned by shard key {@code <tenantId>-<n>} in both cases, so
 * the same function code serves both and a tenant can move between them.
 */
public final class TenantServices extends Construct {

    public static final String SHARD_KEY = Keys.SHARD_ID;

    /**
     * @param description       what this instance serves, e.g. "pooled tier basic" (required)
     * @param functionsDir       path of the functions jar built from lambda-src (required)
     * @param key               KMS key that encrypts the tables (required)
     * @param limits            usage plan limits per API key (required)
     * @param shardCount        shards per tenant, at least 1
     * @param dedicatedTenantId the one tenant a silo serves; {@code null} for a pooled tier (@default pooled)
     * @param rollout           how each new function version takes traffic (required)
     * @param controlPlane      who may provision tenants here through {@link ControlPlaneAccess} (required)
     * @param mfa               the user pool's MFA (@default {@link Mfa#OPTIONAL}); the tier table decides it
     * @param ses               the user pool's SES sender (@default none: Cognito's default mailer)
     */
    public record Props(String description, String functionsDir, IKey key, UsageLimits limits, int shardCount,
                        String dedicatedTenantId, ILambdaDeploymentConfig rollout,
                        ControlPlaneAccess.Trust controlPlane, Mfa mfa, TenantUserPool.SesSender ses) {
        public Props {
            mfa = mfa == null ? Mfa.OPTIONAL : mfa;
            Objects.requireNonNull(controlPlane, "TenantServices: controlPlane is required");
            Objects.requireNonNull(description, "TenantServices: description is required");
            Objects.requireNonNull(functionsDir, "TenantServices: functionsDir is required");
            Objects.requireNonNull(key, "TenantServices: key is required");
            Objects.requireNonNull(limits, "TenantServices: limits is required");
            Objects.requireNonNull(rollout, "TenantServices: rollout is required");
            if (shardCount < 1) {
                throw new IllegalArgumentException("TenantServices: shardCount must be >= 1, got " + shardCount);
            }
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private String description;
            private String functionsDir;
            private IKey key;
            private UsageLimits limits;
            private Integer shardCount;
            private String dedicatedTenantId;
            private ILambdaDeploymentConfig rollout;
            private ControlPlaneAccess.Trust controlPlane;
            private Mfa mfa;
            private TenantUserPool.SesSender ses;

            private Builder() {
            }

            public Builder description(String description) { this.description = description; return this; }
            public Builder functionsDir(String functionsDir) { this.functionsDir = functionsDir; return this; }
            public Builder key(IKey key) { this.key = key; return this; }
            public Builder limits(UsageLimits limits) { this.limits = limits; return this; }
            public Builder shardCount(int shardCount) { this.shardCount = shardCount; return this; }
            public Builder dedicatedTenantId(String dedicatedTenantId) {
                this.dedicatedTenantId = dedicatedTenantId;
                return this;
            }
            public Builder rollout(ILambdaDeploymentConfig rollout) { this.rollout = rollout; return this; }
            public Builder controlPlane(ControlPlaneAccess.Trust controlPlane) {
                this.controlPlane = controlPlane;
                return this;
            }
            public Builder mfa(Mfa mfa) { this.mfa = mfa; return this; }
            public Builder ses(TenantUserPool.SesSender ses) { this.ses = ses; return this; }

            public Props build() {
                return new Props(description, functionsDir, key, limits,
                        Objects.requireNonNull(shardCount, "TenantServices: shardCount is required"), dedicatedTenantId,
                        rollout, controlPlane, mfa, ses);
            }
        }
    }

    private final TenantUserPool userPool;
    private final DataTable apiKeyTable;
    private final ServiceFunction authorizer;
    private final TenantApi api;
    private final DataTable productTable;
    private final DataTable orderTable;
    private final ServiceFunction productFunction;
    private final ServiceFunction orderFunction;
    private final Secret pageTokenKey;
    private final LambdaApplication deployments;
    private final Role tenantAccessRole;
    private final ControlPlaneAccess controlPlaneAccess;
    private final ServiceAlarms alarms;
    private final NoisyTenantRules noisyTenants;
    private final ServiceDashboard dashboard;

    public TenantServices(Construct scope, String id, Props props) {
        super(scope, id);
        this.userPool = new TenantUserPool(this, "Users", new TenantUserPool.Props("users of " + props.description())
                .withMfa(props.mfa()).withSes(props.ses()));
        // One asset per stack: an asset binds to the first stack that uses it.
        var code = new FunctionCode(this, props.functionsDir());
        this.deployments = new LambdaApplication(this, "Deployments");
        // Each tenant's API key value (written by the control plane's provisioning), read by the authorizer.
        this.apiKeyTable = new DataTable(this, "TenantApiKeys", DataTable.Props.builder()
                .partitionKey(Keys.TENANT_ID).key(props.key()).build());
        this.authorizer = authorizer(code, props);
        this.api = new TenantApi(this, "Api", new TenantApi.Props(
                "Tenant API of " + props.description(), props.limits(), authorizer.alias()));
        this.productTable = new DataTable(this, "ProductTable", DataTable.Props.builder()
                .partitionKey(SHARD_KEY).sortKey(Keys.PRODUCT_ID).key(props.key()).build());
        this.orderTable = new DataTable(this, "OrderTable", DataTable.Props.builder()
                .partitionKey(SHARD_KEY).sortKey(Keys.ORDER_ID).key(props.key()).build());

        this.pageTokenKey = pageTokenKey(props);
        this.productFunction = service("ProductService", "product", Handler.PRODUCT.handler(),
                "Product service of " + props.description(), code, productTable, props);
        this.orderFunction = service("OrderService", "order", Handler.ORDER.handler(),
                "Order service of " + props.description(), code, orderTable, props);
        this.tenantAccessRole = props.dedicatedTenantId() == null ? tenantAccess(props) : null;
        route("products", "productId", productFunction);
        route("orders", "orderId", orderFunction);
        this.controlPlaneAccess = new ControlPlaneAccess(this, "ControlPlaneAccess", ControlPlaneAccess.Props.builder()
                .trust(props.controlPlane()).userPool(userPool.userPool()).usagePlan(api.usagePlan())
                .apiKeyTable(apiKeyTable.table()).key(props.key())
                .tenantTables(tenantTables().stream().map(DataTable::table).map(ITable.class::cast).toList())
                .build());
        this.alarms = new ServiceAlarms(this, "Alarms", new ServiceAlarms.Props(api,
                List.of(productFunction, orderFunction), authorizer));
        // Who is noisy matters where tenants share: a silo's API serves one tenant.
        this.noisyTenants = props.dedicatedTenantId() == null
                ? new NoisyTenantRules(this, "NoisyTenants", new NoisyTenantRules.Props(api.accessLogs()))
                : null;
        this.dashboard = new ServiceDashboard(this, "Dashboard", ServiceDashboard.Props.builder()
                .services(this).alarms(alarms).rules(noisyTenants).build());
    }

    /** The API's operational alarms. */
    public ServiceAlarms alarms() {
        return alarms;
    }

    /** The tier's Contributor Insights rules; {@code null} in a silo. */
    public NoisyTenantRules noisyTenants() {
        return noisyTenants;
    }

    public ServiceDashboard dashboard() {
        return dashboard;
    }

    /** The data actions of functions.shared.ShardedTenantTable: no Scan, which LeadingKeys cannot limit. */
    static final List<String> TENANT_DATA_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query");

    // Pooled functions hold no table grant of their own: each call runs on credentials of this role, assumed per
    // tenant with a session policy limiting dynamodb:LeadingKeys to that tenant's shard keys
    // (functions.isolation). Only the tier's product and order function roles may assume it.
    private Role tenantAccess(Props props) {
        var functionRoles = List.of(productFunction.role(), orderFunction.role());
        var role = Role.Builder.create(this, "TenantAccessRole")
                .assumedBy(new CompositePrincipal(functionRoles.toArray(IPrincipal[]::new)))
                .description("Tenant-scoped data access of " + props.description() + ", assumed per tenant with a "
                        + "session policy")
                .maxSessionDuration(Duration.hours(1))
                .build();
        var tables = List.of(productTable.table().getTableArn(), orderTable.table().getTableArn());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(TENANT_DATA_ACTIONS)
                .resources(tables)
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"))
                .resources(List.of(props.key().getKeyArn()))
                .conditions(Map.of("StringLike", Map.of("kms:ViaService", "dynamodb.*.amazonaws.com")))
                .build());
        for (var fn : List.of(productFunction, orderFunction)) {
            role.grantAssumeRole(fn.role());
            fn.function().addEnvironment(Env.TENANT_ACCESS_ROLE_ARN.variable(), role.getRoleArn());
            fn.function().addEnvironment(Env.TENANT_TABLE_ARNS.variable(), String.join(",", tables));
            fn.function().addEnvironment(Env.TENANT_TABLE_KEY_ARNS.variable(), props.key().getKeyArn());
        }
        return role;
    }

    // Trusts this stack's pool and app client only: pooled tenants of the tier, or the silo's one tenant.
    private ServiceFunction authorizer(FunctionCode code, Props props) {
        var pool = userPool.userPool();
        var issuer = "https://cognito-idp." + Stack.of(this).getRegion() + ".amazonaws.com/" + pool.getUserPoolId();
        var scope = props.dedicatedTenantId() == null ? "pooled" : "tenant:" + props.dedicatedTenantId();
        var environment = new TreeMap<String, String>();
        environment.put(Env.API_KIND.variable(), EnvContract.TENANT_API);
        environment.put(Env.TENANT_API_KEYS_TABLE.variable(), apiKeyTable.table().getTableName());
        environment.put(Env.TRUSTED_POOLS.variable(),
                issuer + "|" + userPool.client().getUserPoolClientId() + "|" + scope);
        if (props.dedicatedTenantId() != null) {
            environment.put(Env.TENANT_ID.variable(), props.dedicatedTenantId());
        }
        var fn = new ServiceFunction(this, "Authorizer", ServiceFunction.Props.builder()
                .code(code.of(Handler.AUTHORIZER)).handler(Handler.AUTHORIZER.handler())
                .description("Verifies tokens of " + props.description()
                        + " and returns route policy, tenant and API key")
                .environment(environment).deployments(deployments).rollout(props.rollout())
                .signal(CanaryRollout.Signal.AUTHORIZER).service("tenant-authorizer").build());
        apiKeyTable.table().grantReadData(fn.role());
        return fn;
    }

    private ServiceFunction service(String id, String service, String handler, String description, FunctionCode code,
                                    DataTable table, Props props) {
        var environment = new TreeMap<String, String>();
        environment.put(Env.TABLE_NAME.variable(), table.table().getTableName());
        environment.put(Env.SHARD_COUNT.variable(), Integer.toString(props.shardCount()));
        environment.put(PAGE_TOKEN_SECRET_VARIABLE, pageTokenKey.getSecretArn());
        if (props.dedicatedTenantId() != null) {
            environment.put(Env.TENANT_ID.variable(), props.dedicatedTenantId());
        }
        var fn = new ServiceFunction(this, id, ServiceFunction.Props.builder()
                .code(code.of(handler)).handler(handler).description(description).environment(environment)
                .deployments(deployments).rollout(props.rollout()).signal(CanaryRollout.Signal.API).service(service)
                .build());
        readPageTokenKey(fn, props);
        if (props.dedicatedTenantId() == null) {
            return fn; // pooled: data access only through the tenant-access role (tenantAccess)
        }
        // A silo's tables hold one tenant's data: the function's own role may use them.
        table.table().grantReadWriteData(fn.role());
        NagSuppressions.addResourceSuppressions(fn.role(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("The DynamoDB read/write grant on a table encrypted with a customer-managed key adds the "
                        + "kms:ReEncrypt* and kms:GenerateDataKey* families, on this stack's one data key only")
                .appliesTo(List.of("Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*"))
                .build()), true);
        return fn;
    }

    /** The variable functions.shared.PageTokenKey reads the secret's ARN from. */
    public static final String PAGE_TOKEN_SECRET_VARIABLE = Env.PAGE_TOKEN_SECRET_ARN.variable();

    // The HMAC key of the lists' nextToken (lambda-src functions.shared.SignedPageToken): 64 generated characters
    // (~380 bits), encrypted with this stack's data key. Replacing it only invalidates page tokens in flight.
    private Secret pageTokenKey(Props props) {
        var secret = Secret.Builder.create(this, "PageTokenKey")
                .description("HMAC key of the product and order lists' nextToken, " + props.description())
                .encryptionKey(props.key())
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(64).excludePunctuation(true).includeSpace(false).build())
                .build();
        NagSuppressions.addResourceSuppressions(secret, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SMG4")
                .reason("An HMAC key for short-lived page tokens (24 h), never a credential: rotating it would only "
                        + "cut lists in flight, and no rotation Lambda is worth that; redeploying a new secret rotates it")
                .build()));
        return secret;
    }

    // GetSecretValue on this one secret (not DescribeSecret, which grantRead adds), and Decrypt of the data key only
    // through Secrets Manager for this secret (https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html).
    private void readPageTokenKey(ServiceFunction fn, Props props) {
        fn.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resources(List.of(pageTokenKey.getSecretArn()))
                .build());
        fn.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(props.key().getKeyArn()))
                .conditions(Map.of("StringEquals", new TreeMap<>(Map.of(
                        "kms:ViaService", "secretsmanager." + Stack.of(this).getRegion() + ".amazonaws.com",
                        "kms:EncryptionContext:SecretARN", pageTokenKey.getSecretArn()))))
                .build());
    }

    private void route(String collection, String idParameter, ServiceFunction target) {
        var path = "/" + collection;
        var itemPath = path + "/{" + idParameter + "}";
        api.addRoute("GET", path, target.alias());
        api.addRoute("POST", path, target.alias());
        api.addRoute("GET", itemPath, target.alias());
        api.addRoute("PUT", itemPath, target.alias());
        api.addRoute("DELETE", itemPath, target.alias());
    }

    public TenantUserPool userPool() {
        return userPool;
    }

    public TenantApi api() {
        return api;
    }

    /** The role pooled functions assume per tenant; {@code null} in a silo. */
    public Role tenantAccessRole() {
        return tenantAccessRole;
    }

    /** The role the control plane provisions tenants through. */
    public ControlPlaneAccess controlPlaneAccess() {
        return controlPlaneAccess;
    }

    /** The Lambda TOKEN authorizer of the API. */
    public ServiceFunction authorizer() {
        return authorizer;
    }

    /** tenantId → the tenant's API key value, read by the authorizer. */
    public DataTable apiKeyTable() {
        return apiKeyTable;
    }

    public DataTable productTable() {
        return productTable;
    }

    /** The sharded tables of tenant data (product, order), in that order: what the usage collector counts. */
    public List<DataTable> tenantTables() {
        return List.of(productTable, orderTable);
    }

    public DataTable orderTable() {
        return orderTable;
    }

    public ServiceFunction productFunction() {
        return productFunction;
    }

    public ServiceFunction orderFunction() {
        return orderFunction;
    }

    /** The secret holding the HMAC key of the product and order lists' page tokens. */
    public Secret pageTokenKey() {
        return pageTokenKey;
    }
}
