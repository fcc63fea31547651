package stages;

import constructs.FunctionCode;
import contract.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import app.AwsEnv;
import app.FleetSettings;
import app.OperatorEntry;
import constructs.CustomResourceFunction;
import constructs.DataTable;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * What the baseline writes into its own control plane from the catalog, so no hand step stands between deploying it
 * and the first registration: {@code Custom::SettingsSeed} puts the catalog's placements into Settings (what
 * {@code functions.provisioning.PlatformSettings} reads), {@code Custom::Operators} makes the catalog's first operators
 * users of the operations pool, with an invitation. Each is answered by its own Java function (lambda-src
 * {@code functions.bootstrap}) whose role can do exactly that: PutItem on Settings; create, read and group users of
 * the operations pool, and never delete or disable one.
 */
final class BootstrapResources extends Construct {

    static final String SETTINGS_HANDLER = Handler.SETTINGS_SEED.handler();
    static final String OPERATORS_HANDLER = Handler.OPERATORS_SEED.handler();
    /** Everything functions.users.Operators.create calls, and the read that finds an existing operator. */
    static final List<String> OPERATOR_SEED_ACTIONS = List.of("cognito-idp:AdminAddUserToGroup",
            "cognito-idp:AdminCreateUser", "cognito-idp:AdminGetUser", "cognito-idp:CreateGroup");

    /**
     * @param code       the functions jar the other baseline functions use (required)
     * @param settings   the Settings table (required)
     * @param operations the operations user pool (required)
     * @param key        the key that encrypts Settings (required)
     * @param placements the catalog's placements (@default none: no Custom::SettingsSeed)
     * @param operators  the catalog's first operators (@default none: no Custom::Operators)
     */
    record Props(FunctionCode code, DataTable settings, IUserPool operations, IKey key, Optional<FleetSettings> placements,
                 List<OperatorEntry> operators) {
        Props {
            Objects.requireNonNull(code, "BootstrapResources: code is required");
            Objects.requireNonNull(settings, "BootstrapResources: settings is required");
            Objects.requireNonNull(operations, "BootstrapResources: operations is required");
            Objects.requireNonNull(key, "BootstrapResources: key is required");
            Objects.requireNonNull(placements, "BootstrapResources: placements is required (may be empty)");
            operators = List.copyOf(Objects.requireNonNull(operators, "BootstrapResources: operators is required"));
        }
    }

    private final Optional<CustomResourceFunction> settingsSeed;
    private final Optional<CustomResourceFunction> operatorsSeed;

    BootstrapResources(Construct scope, String id, Props props) {
        super(scope, id);
        this.settingsSeed = props.placements().map(placements -> settingsSeed(props, placements));
        this.operatorsSeed = props.operators().isEmpty() ? Optional.empty() : Optional.of(operatorsSeed(props));
    }

    private CustomResourceFunction settingsSeed(Props props, FleetSettings placements) {
        var table = props.settings().table();
        var fn = new CustomResourceFunction(this, "SettingsSeed", new CustomResourceFunction.Props(props.code().of(SETTINGS_HANDLER),
                SETTINGS_HANDLER, "Custom::SettingsSeed",
                "Writes the catalog's placements into the Settings table on every deployment that changes them",
                "settings-seed", new TreeMap<>(Map.of("SETTINGS_TABLE", table.getTableName())),
                settingsProperties(placements)));
        // PutItem on the table only (no read, no delete; a table grant would add more).
        fn.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:PutItem"))
                .resources(List.of(table.getTableArn()))
                .build());
        // The table's customer managed key, only as DynamoDB uses it for this table (as the admin authorizer's read).
        fn.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(props.key().getKeyArn()))
                .conditions(Map.of("StringEquals", new TreeMap<>(Map.of(
                        "kms:ViaService", "dynamodb." + Stack.of(this).getRegion() + ".amazonaws.com",
                        "kms:EncryptionContext:aws:dynamodb:tableName", table.getTableName()))))
                .build());
        return fn;
    }

    private CustomResourceFunction operatorsSeed(Props props) {
        var fn = new CustomResourceFunction(this, "Operators", new CustomResourceFunction.Props(props.code().of(OPERATORS_HANDLER),
                OPERATORS_HANDLER, "Custom::Operators",
                "Creates the catalog's first operators in the operations pool; never deletes or disables a user",
                "operators-seed", new TreeMap<>(Map.of("OPERATIONS_USER_POOL_ID",
                        props.operations().getUserPoolId())),
                operatorsProperties(props.operators())));
        props.operations().grant(fn.role(), OPERATOR_SEED_ACTIONS.toArray(String[]::new));
        return fn;
    }

    /** The Custom::SettingsSeed properties: the placements as functions.bootstrap.SettingsSeed reads them. */
    static TreeMap<String, Object> settingsProperties(FleetSettings placements) {
        var silo = env(placements.siloPlacement());
        placements.siloWave().ifPresent(wave -> silo.put("wave", String.valueOf(wave)));
        var properties = new TreeMap<String, Object>();
        properties.put("siloPlacement", silo);
        if (!placements.tierPlacements().isEmpty()) {
            var tiers = new TreeMap<String, Object>();
            placements.tierPlacements().forEach((tier, env) -> tiers.put(tier.name(), env(env)));
            properties.put("tierPlacements", tiers);
        }
        return properties;
    }

    /** The Custom::Operators properties: the operators in catalog order. */
    static TreeMap<String, Object> operatorsProperties(List<OperatorEntry> operators) {
        var list = new ArrayList<Map<String, String>>();
        operators.forEach(o -> list.add(new TreeMap<>(Map.of("email", o.email(), "role", o.role()))));
        var properties = new TreeMap<String, Object>();
        properties.put("operators", list);
        return properties;
    }

    private static TreeMap<String, String> env(AwsEnv env) {
        return new TreeMap<>(Map.of("account", env.account(), "region", env.region()));
    }

    Optional<CustomResourceFunction> settingsSeed() {
        return settingsSeed;
    }

    Optional<CustomResourceFunction> operatorsSeed() {
        return operatorsSeed;
    }
}
