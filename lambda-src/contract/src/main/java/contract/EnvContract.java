package contract;

import static contract.Env.*;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which {@link Env} variables each {@link Handler} requires and which it may read: the declaration both sides are
 * tested against (lambda-src's it module: the code reads nothing else and fails naming each missing required variable;
 * the CDK app's tests: every synthesized function sets each deployed required variable and nothing undeclared).
 * Runtime variables ({@link Env.Kind#RUNTIME}) are listed where the code requires them; the CDK never sets them.
 * Telemetry variables ({@link Env.Kind#TELEMETRY}) may be set on and read by every function.
 */
public final class EnvContract {

    /** {@link Env#API_KIND} of the tenant API's authorizer. */
    public static final String TENANT_API = "tenant";
    /** {@link Env#API_KIND} of the admin API's authorizer. */
    public static final String ADMIN_API = "admin";
    /** A selector value: the variable is set, to any value. */
    public static final String SET = "*";
    /** A selector value: the variable is not set. */
    public static final String UNSET = "";

    /**
     * One way a handler is deployed: the variables fixed to {@code selector}'s values pick it (empty: the handler's
     * only variant).
     *
     * @param name     what the variant is, for messages
     * @param selector variables whose values pick this variant: a value, {@link #SET} or {@link #UNSET}
     * @param required variables without which the function must not start
     * @param optional variables it may read (defaults apply when unset)
     */
    public record Variant(Handler handler, String name, Map<Env, String> selector, Set<Env> required,
            Set<Env> optional) {
        public Variant {
            selector = Map.copyOf(selector);
            required = Set.copyOf(required);
            optional = Set.copyOf(optional);
        }

        /** True when a function with environment {@code env} is deployed as this variant. */
        public boolean selects(Map<String, ?> env) {
            return selector.entrySet().stream().allMatch(s -> {
                Object value = env.get(s.getKey().variable());
                return switch (s.getValue()) {
                    case SET -> value != null;
                    case UNSET -> value == null;
                    default -> s.getValue().equals(value);
                };
            });
        }

        /** True when the function may read {@code variable}: required, optional, runtime or telemetry. */
        public boolean mayRead(Env variable) {
            return required.contains(variable) || optional.contains(variable)
                    || variable.kind() == Env.Kind.RUNTIME || variable.kind() == Env.Kind.TELEMETRY;
        }

        /** True when a deployed function may set {@code variable}: required, optional or telemetry, never local. */
        public boolean maySet(Env variable) {
            return variable.kind() == Env.Kind.TELEMETRY || variable.kind() == Env.Kind.DEPLOYED
                    && (required.contains(variable) || optional.contains(variable));
        }

        /** The required variables the CDK app must set (the runtime sets the others). */
        public Set<Env> deployedRequired() {
            Set<Env> deployed = EnumSet.noneOf(Env.class);
            required.stream().filter(e -> e.kind() != Env.Kind.RUNTIME).forEach(deployed::add);
            return Collections.unmodifiableSet(deployed);
        }
    }

    private EnvContract() {
    }

    /**
     * {@code handler}'s variants: one, except the authorizer (per {@link Env#API_KIND}) and the product and order
     * functions (pooled, silo).
     */
    public static List<Variant> of(Handler handler) {
        return switch (handler) {
            case AUTHORIZER -> List.of(
                    new Variant(handler, "tenant API", Map.of(API_KIND, TENANT_API),
                            set(TRUSTED_POOLS, API_KIND, AWS_REGION, TENANT_API_KEYS_TABLE),
                            set(TENANT_ID, TENANT_DETAILS_TABLE, DYNAMODB_ENDPOINT, LOCAL_JWKS_ENDPOINT)),
                    new Variant(handler, "admin API", Map.of(API_KIND, ADMIN_API),
                            set(TRUSTED_POOLS, API_KIND, AWS_REGION, TENANT_DETAILS_TABLE),
                            set(TENANT_API_KEYS_TABLE, DYNAMODB_ENDPOINT, LOCAL_JWKS_ENDPOINT)));
            case PRODUCT, ORDER -> List.of(
                    new Variant(handler, "pooled", Map.of(TENANT_ID, UNSET),
                            union(tenantService(), set(TENANT_ACCESS_ROLE_ARN, TENANT_TABLE_ARNS)),
                            set(TENANT_TABLE_KEY_ARNS, DYNAMODB_ENDPOINT, STS_ENDPOINT, SECRETSMANAGER_ENDPOINT)),
                    new Variant(handler, "silo", Map.of(TENANT_ID, SET), union(tenantService(), set(TENANT_ID)),
                            set(DYNAMODB_ENDPOINT, SECRETSMANAGER_ENDPOINT)));
            case REGISTRATION -> one(handler, union(controlPlane(), set(REGISTRANT_POOL_ID)),
                    union(controlPlaneOptional(), set(SIGN_UP_MAILS_PER_DAY)));
            case TENANT_ADMIN -> one(handler, controlPlane(),
                    union(controlPlaneOptional(), set(INTERNAL_CALLER_ROLES)));
            case TENANT_USER -> one(handler, controlPlane(), controlPlaneOptional());
            case TENANT_ACCESS -> one(handler, controlPlane(), controlPlaneOptional());
            case OPERATOR -> one(handler, set(OPERATIONS_USER_POOL_ID, AWS_REGION), set());
            case PIPELINE_TRIGGER -> one(handler, set(PIPELINE_NAMES, AWS_REGION), set(ONBOARD_PROJECT));
            case OFFBOARD -> one(handler,
                    set(BOOTSTRAP_QUALIFIER, CATALOG_TABLE, ENVIRONMENTS_TABLE, MAX_DELETIONS, AWS_REGION),
                    set(FLEET_NAME, DYNAMODB_ENDPOINT));
            case USAGE_COLLECTOR -> one(handler, set(TENANT_DETAILS_TABLE, TENANT_USAGE_TABLE, AWS_REGION),
                    metering());
            case COST_ALLOCATOR -> one(handler,
                    set(TENANT_DETAILS_TABLE, TENANT_USAGE_TABLE, TENANT_COST_TABLE, AWS_REGION),
                    union(metering(), set(COST_EXPLORER_ROLE_ARN, COST_TAG_KEY, TIER_TAG_KEY, POOLED_TIER_STACKS)));
            case METERING_API -> one(handler, set(TENANT_USAGE_TABLE, TENANT_COST_TABLE, AWS_REGION), metering());
            case ONBOARDING_WATCH -> one(handler, set(REGISTRATIONS_TABLE, AWS_REGION),
                    union(metering(), set(STUCK_AFTER_MINUTES)));
            case SETTINGS_SEED -> one(handler, set(SETTINGS_TABLE, AWS_REGION), set());
            case OPERATORS_SEED -> one(handler, set(OPERATIONS_USER_POOL_ID, AWS_REGION), set());
        };
    }

    /** What the product and order functions need in both variants. */
    private static Set<Env> tenantService() {
        return set(TABLE_NAME, SHARD_COUNT, AWS_REGION, PAGE_TOKEN_SECRET_ARN);
    }

    /** What every control-plane function needs: its tables, the pooled tier stacks, its region. */
    private static Set<Env> controlPlane() {
        return set(TENANT_DETAILS_TABLE, TENANT_USER_MAPPING_TABLE, TENANT_STACK_MAPPING_TABLE, SETTINGS_TABLE,
                REGISTRATIONS_TABLE, POOLED_TIER_STACKS, AWS_REGION);
    }

    /** Every control-plane function may have: the fleet's name, the access queue (TenantAdmin and TenantAccess). */
    private static Set<Env> controlPlaneOptional() {
        return set(FLEET_NAME, TENANT_ACCESS_QUEUE_URL, DYNAMODB_ENDPOINT);
    }

    /**
     * Every metering function may have: the fleet's name (functions.provisioning.StackAccess reads it once per
     * process, for stack names), the emulator endpoint.
     */
    private static Set<Env> metering() {
        return set(FLEET_NAME, DYNAMODB_ENDPOINT);
    }

    private static List<Variant> one(Handler handler, Set<Env> required, Set<Env> optional) {
        return List.of(new Variant(handler, handler.name(), Map.of(), required, optional));
    }

    private static Set<Env> set(Env... variables) {
        Set<Env> set = new LinkedHashSet<>();
        Collections.addAll(set, variables);
        return set;
    }

    private static Set<Env> union(Set<Env> a, Set<Env> b) {
        Set<Env> set = new LinkedHashSet<>(a);
        set.addAll(b);
        return set;
    }
}
