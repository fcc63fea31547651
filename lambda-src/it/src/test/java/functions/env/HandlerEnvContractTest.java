package functions.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import contract.Env;
import contract.EnvContract;
import contract.Handler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Holds every handler's code to its {@link EnvContract}: it starts from exactly its required variables, it fails
 * naming each one that is missing, and it reads nothing outside required, optional, runtime and telemetry variables.
 * Each handler class is built the way Lambda builds it, through its {@code (Map<String, String> env)} constructor (the
 * public no-argument one passes {@code System.getenv()}); building reads the configuration and makes the SDK clients,
 * and calls no AWS service.
 */
class HandlerEnvContractTest {

    /** A valid value for each variable, the shape the CDK app gives it. */
    static final Map<Env, String> SAMPLES = new EnumMap<>(Map.ofEntries(
            Map.entry(Env.AWS_REGION, "us-east-1"),
            Map.entry(Env.AWS_LAMBDA_FUNCTION_NAME, "saas-baseline-fn"),
            Map.entry(Env.AWS_LAMBDA_FUNCTION_VERSION, "7"),
            Map.entry(Env.AWS_XRAY_DAEMON_ADDRESS, "169.254.79.129:2000"),
            Map.entry(Env._X_AMZN_TRACE_ID, "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"),
            Map.entry(Env.POWERTOOLS_SERVICE_NAME, "svc"),
            Map.entry(Env.POWERTOOLS_METRICS_NAMESPACE, "SaaSFleet/saas"),
            Map.entry(Env.POWERTOOLS_LOG_LEVEL, "INFO"),
            Map.entry(Env.TIER, "PLATINUM"),
            Map.entry(Env.TENANT_ID, "acme"),
            Map.entry(Env.DYNAMODB_ENDPOINT, "http://127.0.0.1:1"),
            Map.entry(Env.STS_ENDPOINT, "http://127.0.0.1:1"),
            Map.entry(Env.SECRETSMANAGER_ENDPOINT, "http://127.0.0.1:1"),
            Map.entry(Env.LOCAL_JWKS_ENDPOINT, "http://127.0.0.1:1"),
            Map.entry(Env.FLEET_NAME, "saas"),
            Map.entry(Env.POOLED_TIER_STACKS, "BASIC=222222222222/us-east-1,STANDARD=222222222222/us-east-1"),
            Map.entry(Env.BOOTSTRAP_QUALIFIER, "hnb659fds"),
            Map.entry(Env.TRUSTED_POOLS,
                    "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ops123456|client1|operations"),
            Map.entry(Env.API_KIND, EnvContract.TENANT_API),
            Map.entry(Env.TENANT_API_KEYS_TABLE, "TenantApiKeys"),
            Map.entry(Env.TABLE_NAME, "Products"),
            Map.entry(Env.SHARD_COUNT, "4"),
            Map.entry(Env.PAGE_TOKEN_SECRET_ARN, "arn:aws:secretsmanager:us-east-1:111111111111:secret:page-AbCdEf"),
            Map.entry(Env.TENANT_ACCESS_ROLE_ARN, "arn:aws:iam::111111111111:role/tenant-access"),
            Map.entry(Env.TENANT_TABLE_ARNS, "arn:aws:dynamodb:us-east-1:111111111111:table/Products"),
            Map.entry(Env.TENANT_TABLE_KEY_ARNS,
                    "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            Map.entry(Env.TENANT_DETAILS_TABLE, "TenantDetails"),
            Map.entry(Env.TENANT_USER_MAPPING_TABLE, "TenantUserMapping"),
            Map.entry(Env.TENANT_STACK_MAPPING_TABLE, "TenantStackMapping"),
            Map.entry(Env.SETTINGS_TABLE, "Settings"),
            Map.entry(Env.REGISTRATIONS_TABLE, "Registrations"),
            Map.entry(Env.REGISTRANT_POOL_ID, "us-east-1_Reg123456"),
            Map.entry(Env.SIGN_UP_MAILS_PER_DAY, "100"),
            Map.entry(Env.OPERATIONS_USER_POOL_ID, "us-east-1_Ops123456"),
            Map.entry(Env.TENANT_ACCESS_QUEUE_URL, "https://sqs.us-east-1.amazonaws.com/111111111111/access"),
            Map.entry(Env.INTERNAL_CALLER_ROLES, "arn:aws:iam::111111111111:role/onboard"),
            Map.entry(Env.PIPELINE_NAMES, "saas-pipeline"),
            Map.entry(Env.ONBOARD_PROJECT, "saas-onboard"),
            Map.entry(Env.MAX_DELETIONS, "5"),
            Map.entry(Env.ENVIRONMENTS_TABLE, "Environments"),
            Map.entry(Env.CATALOG_TABLE, "Catalog"),
            Map.entry(Env.TENANT_USAGE_TABLE, "TenantUsage"),
            Map.entry(Env.TENANT_COST_TABLE, "TenantCost"),
            Map.entry(Env.STUCK_AFTER_MINUTES, "30"),
            Map.entry(Env.COST_TAG_KEY, "TenantId"),
            Map.entry(Env.TIER_TAG_KEY, "Tier"),
            Map.entry(Env.COST_EXPLORER_ROLE_ARN, "arn:aws:iam::333333333333:role/cost-explorer")));

    @ParameterizedTest
    @EnumSource(Handler.class)
    void everyVariantStartsFromExactlyItsRequiredVariables(Handler handler) {
        for (EnvContract.Variant variant : EnvContract.of(handler)) {
            var env = required(variant);
            assertNotNull(build(handler, env), variant + " with " + names(env));
        }
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void aMissingRequiredVariableFailsTheStartNamingIt(Handler handler) {
        for (EnvContract.Variant variant : EnvContract.of(handler)) {
            for (Env missing : variant.required()) {
                var env = required(variant);
                env.remove(missing.variable());
                String message = startFailure(handler, env);
                assertNotNull(message, handler + " (" + variant.name() + ") started without " + missing);
                assertTrue(message.contains(missing.variable()), handler + " (" + variant.name() + ") without "
                        + missing + " failed with a message that does not name it: " + message);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void readsNoVariableOutsideItsContract(Handler handler) {
        for (EnvContract.Variant variant : EnvContract.of(handler)) {
            for (var env : new Map[] {required(variant), declared(variant)}) {
                @SuppressWarnings("unchecked")
                var recording = new RecordingEnv((Map<String, String>) env);
                build(handler, recording);
                var undeclared = new TreeSet<String>();
                for (String name : recording.read) {
                    if (!known(name).map(variant::mayRead).orElse(false)) {
                        undeclared.add(name);
                    }
                }
                assertEquals(Set.of(), undeclared, handler + " (" + variant.name() + ") reads variables outside "
                        + "its EnvContract (declare them in contract.EnvContract, or stop reading them)");
                assertTrue(!recording.read.isEmpty(), handler + ": the recording saw its reads");
            }
        }
    }

    /** Exactly the variant's required variables, with the selector's values. */
    private static Map<String, String> required(EnvContract.Variant variant) {
        var env = new TreeMap<String, String>();
        variant.required().forEach(e -> env.put(e.variable(), sample(e)));
        variant.selector().forEach((e, value) -> {
            switch (value) {
                case EnvContract.SET -> env.put(e.variable(), sample(e));
                case EnvContract.UNSET -> env.remove(e.variable());
                default -> env.put(e.variable(), value);
            }
        });
        assertTrue(variant.selects(env), variant + " selects its own environment " + env.keySet());
        return env;
    }

    /** Every variable the variant declares (required and optional), with the selector's values. */
    private static Map<String, String> declared(EnvContract.Variant variant) {
        var env = required(variant);
        variant.optional().stream().filter(e -> !variant.selector().containsKey(e))
                .forEach(e -> env.put(e.variable(), sample(e)));
        return env;
    }

    private static String sample(Env variable) {
        String value = SAMPLES.get(variable);
        assertNotNull(value, "no sample value for " + variable + ": add one to SAMPLES");
        return value;
    }

    private static java.util.Optional<Env> known(String name) {
        try {
            return java.util.Optional.of(Env.valueOf(name));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static Object build(Handler handler, Map<String, String> env) {
        try {
            return constructor(handler).newInstance(env);
        } catch (InvocationTargetException e) {
            throw new AssertionError(handler + " failed to start with " + names(env) + ": " + messages(e), e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> names(Map<String, String> env) {
        return env instanceof RecordingEnv recording ? recording.values.keySet() : env.keySet();
    }

    /** The failure's messages (cause chain), or null when the handler started. */
    private static String startFailure(Handler handler, Map<String, String> env) {
        try {
            constructor(handler).newInstance(env);
            return null;
        } catch (InvocationTargetException e) {
            return messages(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Constructor<?> constructor(Handler handler) {
        try {
            Constructor<?> constructor = Class.forName(handler.className()).getDeclaredConstructor(Map.class);
            constructor.setAccessible(true);
            return constructor;
        } catch (ReflectiveOperationException e) {
            return fail(handler.className() + " needs a constructor (Map<String, String> env): the seam this test "
                    + "builds it through", e);
        }
    }

    private static String messages(Throwable failure) {
        var messages = new ArrayList<String>();
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            messages.add(t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        return String.join(" <- ", messages);
    }

    /** An environment that remembers every variable the code asked for, and refuses to be listed whole. */
    static final class RecordingEnv extends AbstractMap<String, String> {
        private final Map<String, String> values;
        final Set<String> read = new TreeSet<>();

        RecordingEnv(Map<String, String> values) {
            this.values = Map.copyOf(values);
        }

        @Override
        public String get(Object key) {
            read.add(String.valueOf(key));
            return values.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            read.add(String.valueOf(key));
            return values.containsKey(key);
        }

        @Override
        public String getOrDefault(Object key, String defaultValue) {
            read.add(String.valueOf(key));
            return values.getOrDefault(key, defaultValue);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            throw new UnsupportedOperationException("the code lists the whole environment: read variables by name");
        }
    }
}
