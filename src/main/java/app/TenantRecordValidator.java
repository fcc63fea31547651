package app;

import com.fasterxml.jackson.databind.JsonNode;
import contract.Tier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates silo tenant records one at a time, whatever their origin (a {@code tenants[i]} entry of the
 * JSON catalog, a TenantStackMapping item converted to JSON). Use one instance per batch of records: it
 * remembers the tenant ids it has seen so a duplicate names both records.
 *
 * <p>{@link #TenantRecordValidator()} accepts exactly {@link #FIELDS}, as tenants.json must.
 * {@link #forTenantStackMapping()} also accepts the {@link #BOOKKEEPING_FIELDS} that provisioning writes on
 * table items (optional strings, not used by synth); any other key is still rejected.
 */
public final class TenantRecordValidator {

    static final List<String> FIELDS = List.of("tenantId", "tenantName", "tier", "account", "region", "canary",
            "wave", "monthlyBudgetUsd");
    /** Written by provisioning on TenantStackMapping items; the file catalog has no reason to carry them. */
    static final List<String> BOOKKEEPING_FIELDS = List.of("stackName", "createdAt", "updatedAt", "status");

    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,31}");
    private static final int MAX_NAME_LENGTH = 100;

    private final Map<String, String> firstLabelByTenantId = new HashMap<>();
    private final List<String> bookkeeping;
    private final List<String> allowed;

    /** A strict validator for tenants.json records: only {@link #FIELDS}. */
    public TenantRecordValidator() {
        this(List.of());
    }

    private TenantRecordValidator(List<String> bookkeeping) {
        this.bookkeeping = bookkeeping;
        this.allowed = Stream.concat(FIELDS.stream(), bookkeeping.stream()).toList();
    }

    /**
     * A validator for TenantStackMapping items: {@link #FIELDS} plus the optional string attributes
     * {@link #BOOKKEEPING_FIELDS} ({@code stackName}, {@code createdAt}, {@code updatedAt}, {@code status}).
     */
    public static TenantRecordValidator forTenantStackMapping() {
        return new TenantRecordValidator(BOOKKEEPING_FIELDS);
    }

    /**
     * Validates one tenant record, appending one line per problem to {@code problems}.
     *
     * @param record   the record as JSON
     * @param label    where the record came from, e.g. {@code tenants[3]} or {@code TenantStackMapping item 7}
     * @param problems collects problems; nothing is thrown for an invalid record
     * @return the tenant when this record has no problem, else empty
     */
    public Optional<SiloTenant> validate(JsonNode record, String label, List<String> problems) {
        Objects.requireNonNull(label, "TenantRecordValidator: label is required");
        Objects.requireNonNull(problems, "TenantRecordValidator: problems is required");
        if (record == null || !record.isObject()) {
            problems.add(label + ": must be an object, got " + (record == null ? "nothing"
                    : RecordReader.typeName(record)));
            return Optional.empty();
        }
        int before = problems.size();
        JsonNode idNode = record.get("tenantId");
        boolean idReadable = idNode != null && idNode.isTextual() && !idNode.asText().isBlank();
        // The tenant id in every line lets an operator find the record without counting array entries.
        String fullLabel = idReadable ? label + " (tenantId " + RecordReader.quote(idNode.asText()) + ")" : label;
        var reader = new RecordReader(record, fullLabel, problems);

        reader.rejectUnknownFields(allowed);
        String tenantId = reader.text("tenantId", TenantRecordValidator::tenantIdIssue);
        if (idReadable) {
            rejectDuplicate(idNode.asText(), label, reader);
        }
        String tenantName = reader.text("tenantName", TenantRecordValidator::tenantNameIssue);
        Tier tier = reader.tier(TenantRecordValidator::siloTierIssue);
        AwsEnv env = reader.env();
        boolean canary = reader.optionalBoolean("canary", false);
        Integer wave = reader.optionalPositiveInt("wave");
        var monthlyBudgetUsd = reader.optionalPositiveNumber("monthlyBudgetUsd", "US dollars a month");
        bookkeeping.forEach(reader::optionalText);

        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new SiloTenant(tenantId, tenantName, tier, env, canary, wave, monthlyBudgetUsd));
    }

    private void rejectDuplicate(String tenantId, String label, RecordReader reader) {
        String first = firstLabelByTenantId.putIfAbsent(tenantId, label);
        if (first != null) {
            reader.problem("tenantId", RecordReader.quote(tenantId) + " is already used by " + first
                    + "; tenant ids must be unique");
        }
    }

    /** The pooled tiers' canary probe tenants' ids (functions.tenants.ProbeTenants) start with this: reserved. */
    static final String RESERVED_PREFIX = "canary-probe-";

    static Optional<String> tenantIdIssue(String tenantId) {
        if (tenantId.startsWith(RESERVED_PREFIX)) {
            return Optional.of("must not start with " + RecordReader.quote(RESERVED_PREFIX) + ", reserved for the"
                    + " pooled tiers' canary probe tenants, got " + RecordReader.quote(tenantId));
        }
        return TENANT_ID.matcher(tenantId).matches()
                ? Optional.empty()
                : Optional.of("must match [a-z0-9][a-z0-9-]{2,31} (3 to 32 lowercase letters, digits or '-',"
                        + " not starting with '-'), got " + RecordReader.quote(tenantId));
    }

    static Optional<String> tenantNameIssue(String name) {
        int length = name.codePointCount(0, name.length());
        if (length > MAX_NAME_LENGTH) {
            return Optional.of("must be at most " + MAX_NAME_LENGTH + " characters, got " + length);
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters, got " + RecordReader.quote(name));
        }
        return Optional.empty();
    }

    private static Optional<String> siloTierIssue(Tier tier) {
        return tier.pooled()
                ? Optional.of("is " + tier + ", but only silo tenants (" + Tier.PLATINUM + ") are listed here:"
                        + " pooled tenants are onboarded at run time and need no stack")
                : Optional.empty();
    }
}
