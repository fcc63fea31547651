package app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The catalog's top-level {@code settings} and {@code operators}, which the baseline's custom resources write into
 * the control plane (Settings items, operations pool users). Checked like every other field: unknown keys rejected,
 * accounts and regions by {@link AwsRules}, each problem naming its record (e.g. {@code operators[1]: field 'role'}).
 */
final class BootstrapValidator {

    private static final List<String> SETTINGS_FIELDS = List.of("siloPlacement", "tierPlacements");
    private static final List<String> SILO_FIELDS = List.of("account", "region", "wave");
    private static final List<String> ENV_FIELDS = List.of("account", "region");
    private static final List<String> OPERATOR_FIELDS = List.of("email", "role");

    private BootstrapValidator() {
    }

    /**
     * The placements, or empty when absent or invalid. The silo placement must be an environment the catalog already
     * deploys to (a pooled tier's or a silo tenant's: bootstrapped and trusted by the pipeline); a tier placement one
     * of that tier's {@code pooledTiers} environments, and a tier listed in several environments needs one.
     */
    static Optional<FleetSettings> settings(JsonNode node, List<PooledTierEntry> pooledTiers, List<SiloTenant> tenants,
                                            List<String> problems) {
        if (node == null) {
            return Optional.empty();
        }
        int before = problems.size();
        var reader = new RecordReader(node, "settings", problems);
        reader.rejectUnknownFields(SETTINGS_FIELDS);
        AwsEnv silo = null;
        Integer wave = null;
        JsonNode siloNode = reader.object("siloPlacement");
        if (siloNode != null) {
            var siloReader = new RecordReader(siloNode, "settings.siloPlacement", problems);
            siloReader.rejectUnknownFields(SILO_FIELDS);
            silo = siloReader.env();
            wave = siloReader.optionalPositiveInt("wave");
            Set<String> deployed = Stream.concat(pooledTiers.stream().map(PooledTierEntry::env),
                    tenants.stream().map(SiloTenant::env)).map(AwsEnv::key).collect(Collectors.toCollection(
                    LinkedHashSet::new));
            if (silo != null && !deployed.contains(silo.key())) {
                problems.add("settings.siloPlacement: " + silo.key() + " is not an environment the catalog deploys"
                        + " to (a pooled tier's or a silo tenant's, so CDK-bootstrapped and trusted by the pipeline);"
                        + " one of: " + String.join(", ", deployed));
            }
        }
        Map<Tier, AwsEnv> tiers = tierPlacements(reader.optionalObject("tierPlacements"), pooledTiers, problems);
        if (problems.size() > before || silo == null) {
            return Optional.empty();
        }
        return Optional.of(new FleetSettings(silo, Optional.ofNullable(wave), tiers));
    }

    private static Map<Tier, AwsEnv> tierPlacements(JsonNode node, List<PooledTierEntry> pooledTiers,
                                                    List<String> problems) {
        Map<Tier, List<AwsEnv>> envsByTier = new TreeMap<>();
        pooledTiers.forEach(entry -> envsByTier.computeIfAbsent(entry.tier(), t -> new ArrayList<>()).add(entry.env()));
        Map<Tier, AwsEnv> placements = new TreeMap<>();
        if (node != null) {
            List<String> catalogTiers = envsByTier.keySet().stream().map(Enum::name).toList();
            new RecordReader(node, "settings.tierPlacements", problems).rejectUnknownFields(catalogTiers, "tier");
            for (var field : node.properties()) {
                Tier tier = catalogTiers.contains(field.getKey()) ? Tier.valueOf(field.getKey()) : null;
                String label = "settings.tierPlacements." + field.getKey();
                if (tier == null) {
                    continue;
                }
                if (!field.getValue().isObject()) {
                    problems.add(label + ": must be an object, got " + RecordReader.typeName(field.getValue()));
                    continue;
                }
                var reader = new RecordReader(field.getValue(), label, problems);
                reader.rejectUnknownFields(ENV_FIELDS);
                AwsEnv env = reader.env();
                if (env == null) {
                    continue;
                }
                List<AwsEnv> allowed = envsByTier.get(tier);
                if (!allowed.contains(env)) {
                    problems.add(label + ": " + env.key() + " is not one of " + tier + "'s pooledTiers environments: "
                            + allowed.stream().map(AwsEnv::key).collect(Collectors.joining(", ")));
                    continue;
                }
                placements.put(tier, env);
            }
        }
        envsByTier.forEach((tier, envs) -> {
            if (envs.size() > 1 && !placements.containsKey(tier) && (node == null || !node.has(tier.name()))) {
                problems.add("settings.tierPlacements: tier " + tier + " has " + envs.size() + " environments in"
                        + " pooledTiers, so it needs a placement naming the one that takes new tenants");
            }
        });
        return placements;
    }

    /** The first operators, or none when absent; every entry checked, duplicates (any case) rejected. */
    static List<OperatorEntry> operators(RecordReader root, List<String> problems) {
        if (!root.has("operators")) {
            return List.of();
        }
        JsonNode array = root.array("operators");
        if (array == null) {
            return List.of();
        }
        List<OperatorEntry> operators = new ArrayList<>();
        Map<String, String> firstLabelByEmail = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String label = "operators[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                problems.add(label + ": must be an object, got " + RecordReader.typeName(node));
                continue;
            }
            var reader = new RecordReader(node, label, problems);
            reader.rejectUnknownFields(OPERATOR_FIELDS);
            String email = reader.text("email", AwsRules::emailIssue);
            String role = reader.text("role", BootstrapValidator::roleIssue);
            if (email == null || role == null) {
                continue;
            }
            var entry = new OperatorEntry(email, role);
            String first = firstLabelByEmail.putIfAbsent(entry.email(), label);
            if (first != null) {
                reader.problem("email", RecordReader.quote(email) + " is already listed by " + first);
                continue;
            }
            operators.add(entry);
        }
        return operators;
    }

    private static Optional<String> roleIssue(String role) {
        return OperatorEntry.ROLES.contains(role) ? Optional.empty()
                : Optional.of("must be one of " + String.join(", ", OperatorEntry.ROLES) + ", got "
                        + RecordReader.quote(role) + RecordReader.hint(role, OperatorEntry.ROLES));
    }
}
