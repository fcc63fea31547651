package app;

import com.fasterxml.jackson.databind.JsonNode;
import contract.Tier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a parsed catalog document into a {@link FleetCatalog}, collecting every problem rather than
 * stopping at the first, so one failed synth tells the operator everything to fix.
 */
final class CatalogValidator {

    static final List<String> TOP_LEVEL = List.of("pipeline", "baseline", "pooledTiers", "tenants");
    /** Top-level keys a catalog may leave out; {@code fleetName} defaults to {@link FleetCatalog#DEFAULT_FLEET_NAME}. */
    static final List<String> OPTIONAL_TOP_LEVEL = List.of("fleetName", "mail", "settings", "operators");
    private static final List<String> ALL_TOP_LEVEL = java.util.stream.Stream.concat(TOP_LEVEL.stream(),
            OPTIONAL_TOP_LEVEL.stream()).toList();
    private static final List<String> PIPELINE_FIELDS = List.of("account", "region", "connectionArn", "repository",
            "branch", "approveAfterCanary");
    private static final List<String> ENV_FIELDS = List.of("account", "region");
    private static final List<String> POOLED_FIELDS = List.of("tier", "account", "region");
    private static final List<String> MAIL_FIELDS = List.of("fromAddress", "sesIdentityArn", "configurationSet");
    private static final String ROOT = "catalog";

    private CatalogValidator() {
    }

    /** Returns the catalog, or empty when any problem was appended to {@code problems}. */
    static Optional<FleetCatalog> validate(JsonNode root, List<String> problems) {
        if (!root.isObject()) {
            problems.add(ROOT + ": must be a JSON object with " + String.join(", ", TOP_LEVEL) + ", got "
                    + RecordReader.typeName(root));
            return Optional.empty();
        }
        int before = problems.size();
        var reader = new RecordReader(root, ROOT, problems);
        reader.rejectUnknownFields(ALL_TOP_LEVEL, "top-level key");
        String fleetName = reader.optionalText("fleetName", AwsRules::fleetNameIssue, FleetCatalog.DEFAULT_FLEET_NAME);
        PipelineSettings pipeline = pipeline(reader.object("pipeline"), problems);
        AwsEnv baseline = baseline(reader.object("baseline"), problems);
        List<PooledTierEntry> pooledTiers = pooledTiers(reader, problems);
        List<SiloTenant> tenants = tenants(reader.array("tenants"), problems);
        Optional<MailSettings> mail = mail(reader.optionalObject("mail"), problems);
        Optional<FleetSettings> settings = BootstrapValidator.settings(reader.optionalObject("settings"),
                pooledTiers, tenants, problems);
        List<OperatorEntry> operators = BootstrapValidator.operators(reader, problems);
        if (fleetName != null) {
            problems.addAll(roleNameProblems(fleetName, tenants));
        }
        if (pipeline != null && baseline != null && !pipeline.env().equals(baseline)) {
            // The pipeline's synth scans, and the onboarding trigger watches, the baseline's TenantStackMapping
            // table with same-account, same-region permissions.
            problems.add("pipeline: account/region " + pipeline.env().key() + " must equal baseline's "
                    + baseline.key() + " (the pipeline reads the baseline's TenantStackMapping table)");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new FleetCatalog(pipeline, baseline, pooledTiers, tenants, fleetName, mail, settings,
                operators));
    }

    private static PipelineSettings pipeline(JsonNode node, List<String> problems) {
        if (node == null) {
            return null;
        }
        var reader = new RecordReader(node, "pipeline", problems);
        reader.rejectUnknownFields(PIPELINE_FIELDS);
        AwsEnv env = reader.env();
        String connectionArn = reader.text("connectionArn", AwsRules::connectionArnIssue);
        String repository = reader.text("repository", AwsRules::repositoryIssue);
        String branch = reader.text("branch", AwsRules::branchIssue);
        boolean approveAfterCanary = reader.optionalBoolean("approveAfterCanary", false);
        if (env == null || connectionArn == null || repository == null || branch == null) {
            return null;
        }
        return new PipelineSettings(env, connectionArn, repository, branch, approveAfterCanary);
    }

    /**
     * The optional SES sender of every user pool. The FROM address must be the identity's own address or one of its
     * domain, since Cognito sends only from a verified identity
     * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html).
     */
    private static Optional<MailSettings> mail(JsonNode node, List<String> problems) {
        if (node == null) {
            return Optional.empty();
        }
        int before = problems.size();
        var reader = new RecordReader(node, "mail", problems);
        reader.rejectUnknownFields(MAIL_FIELDS);
        String from = reader.text("fromAddress", AwsRules::emailIssue);
        String identityArn = reader.text("sesIdentityArn", AwsRules::sesIdentityArnIssue);
        String configurationSet = reader.optionalText("configurationSet", AwsRules::configurationSetIssue, null);
        if (from == null || identityArn == null || problems.size() > before) {
            return Optional.empty();
        }
        var mail = new MailSettings(from, identityArn, Optional.ofNullable(configurationSet));
        String identity = mail.identityName();
        boolean covered = mail.identityDomain().map(domain -> AwsRules.emailDomain(from).equals(domain))
                .orElse(identity.equals(from));
        if (!covered) {
            reader.problem("fromAddress", RecordReader.quote(from) + " is not covered by SES identity "
                    + RecordReader.quote(identity) + ": use the identity's own address, or an address of its domain");
            return Optional.empty();
        }
        return Optional.of(mail);
    }

    private static AwsEnv baseline(JsonNode node, List<String> problems) {
        if (node == null) {
            return null;
        }
        var reader = new RecordReader(node, "baseline", problems);
        reader.rejectUnknownFields(ENV_FIELDS);
        return reader.env();
    }

    private static List<PooledTierEntry> pooledTiers(RecordReader root, List<String> problems) {
        JsonNode array = root.array("pooledTiers");
        if (array == null) {
            return List.of();
        }
        if (array.isEmpty()) {
            // Without a pooled tier, pooled tenants signing up at run time would have nowhere to go.
            root.problem("pooledTiers", "must list at least one pooled tier");
            return List.of();
        }
        List<PooledTierEntry> entries = new ArrayList<>();
        Map<String, String> firstLabelByTierAndEnv = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String label = "pooledTiers[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                problems.add(label + ": must be an object, got " + RecordReader.typeName(node));
                continue;
            }
            var reader = new RecordReader(node, label, problems);
            reader.rejectUnknownFields(POOLED_FIELDS);
            Tier tier = reader.tier(CatalogValidator::pooledTierIssue);
            AwsEnv env = reader.env();
            if (tier == null || env == null) {
                continue;
            }
            String first = firstLabelByTierAndEnv.putIfAbsent(tier + "@" + env.key(), label);
            if (first != null) {
                reader.problem("tier", tier + " in " + env.key() + " is already listed by " + first
                        + "; a pooled tier has one stack per account/region");
                continue;
            }
            entries.add(new PooledTierEntry(tier, env));
        }
        return entries;
    }

    private static List<SiloTenant> tenants(JsonNode array, List<String> problems) {
        if (array == null) {
            return List.of();
        }
        var validator = new TenantRecordValidator();
        List<SiloTenant> tenants = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            validator.validate(array.get(i), "tenants[" + i + "]", problems).ifPresent(tenants::add);
        }
        return tenants;
    }

    /**
     * A silo tenant's control-plane access role is {@code <fleetName>-silo-<tenantId>-cp-<region>}, and IAM role
     * names are at most 64 characters (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html):
     * a long fleet name with a long tenant id would only fail at deploy time, so the synth says so first.
     */
    static List<String> roleNameProblems(String fleetName, List<SiloTenant> tenants) {
        List<String> problems = new ArrayList<>();
        for (SiloTenant tenant : tenants) {
            String role = contract.Names.controlPlaneAccessRole(
                    contract.Names.siloStack(fleetName, tenant.tenantId()), tenant.env().region());
            if (role.length() > MAX_ROLE_NAME) {
                problems.add(ROOT + ": field 'fleetName' " + RecordReader.quote(fleetName) + " makes tenant '"
                        + tenant.tenantId() + "''s control-plane role " + role + " " + role.length()
                        + " characters long, over IAM's " + MAX_ROLE_NAME + ": use a shorter fleetName");
            }
        }
        return problems;
    }

    private static final int MAX_ROLE_NAME = 64;

    private static Optional<String> pooledTierIssue(Tier tier) {
        return tier.pooled()
                ? Optional.empty()
                : Optional.of("is " + tier + ", a silo tier: silo tenants get their own stack from 'tenants',"
                        + " there is no pooled " + tier + " stack");
    }
}
