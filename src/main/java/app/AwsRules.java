package app;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.regioninfo.RegionInfo;

/**
 * Format rules for AWS and repository values. Each rule returns the issue as text (to follow
 * "field 'x' ") or empty when the value is fine.
 */
final class AwsRules {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern CONNECTION_ARN = Pattern.compile(
            "arn:(aws[a-z-]*):(codeconnections|codestar-connections):([a-z0-9-]+):([0-9]{12}):connection/[A-Za-z0-9-]{1,64}");
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservicev2.html
    private static final Pattern SES_IDENTITY_ARN = Pattern.compile(
            "arn:(aws[a-z-]*):ses:([a-z0-9-]+):([0-9]{12}):identity/(.+)");
    // A practical subset of RFC 5321: one @, no spaces or quotes, a dotted domain; what SES verifies as an address.
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63})");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    // The pattern of EmailConfiguration.ConfigurationSet
    // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_EmailConfigurationType.html).
    private static final Pattern CONFIGURATION_SET = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+");

    // Starts every stack, role and table name: lowercase so it fits S3/ECR-style names, short so that
    // <fleet>-silo-<tenantId>-cp-<region> role names stay near IAM's 64 characters.
    private static final Pattern FLEET_NAME = Pattern.compile("[a-z][a-z0-9-]{2,20}");
    private static final List<String> RESERVED_SEGMENTS = List.of("fleet", "pooled", "silo");

    private AwsRules() {
    }

    static Optional<String> accountIssue(String account) {
        return unmatched(ACCOUNT, account, "must be exactly 12 digits");
    }

    static Optional<String> regionIssue(String region) {
        if (KnownRegions.PARTITION_BY_REGION.containsKey(region)) {
            return Optional.empty();
        }
        return Optional.of("has unknown AWS region " + RecordReader.quote(region)
                + RecordReader.hint(region, KnownRegions.NAMES));
    }

    static Optional<String> connectionArnIssue(String arn) {
        Matcher m = CONNECTION_ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.of("must look like arn:<partition>:codeconnections:<region>:<12-digit account>"
                    + ":connection/<id> (or codestar-connections), got " + RecordReader.quote(arn));
        }
        String partition = m.group(1);
        String region = m.group(3);
        String regionPartition = KnownRegions.PARTITION_BY_REGION.get(region);
        if (regionPartition == null) {
            return Optional.of("names unknown AWS region " + RecordReader.quote(region) + " in "
                    + RecordReader.quote(arn));
        }
        if (!regionPartition.equals(partition)) {
            return Optional.of("has partition '" + partition + "' but region '" + region + "' is in partition '"
                    + regionPartition + "': " + RecordReader.quote(arn));
        }
        return Optional.empty();
    }

    static Optional<String> sesIdentityArnIssue(String arn) {
        Matcher m = SES_IDENTITY_ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.of("must look like arn:<partition>:ses:<region>:<12-digit account>:identity/<email or domain>,"
                    + " got " + RecordReader.quote(arn));
        }
        String partition = m.group(1);
        String region = m.group(2);
        String identity = m.group(4);
        String regionPartition = KnownRegions.PARTITION_BY_REGION.get(region);
        if (regionPartition == null) {
            return Optional.of("names unknown AWS region " + RecordReader.quote(region) + " in " + RecordReader.quote(arn));
        }
        if (!regionPartition.equals(partition)) {
            return Optional.of("has partition '" + partition + "' but region '" + region + "' is in partition '"
                    + regionPartition + "': " + RecordReader.quote(arn));
        }
        if (!EMAIL.matcher(identity).matches() && !DOMAIN.matcher(identity).matches()) {
            return Optional.of("must name an email address or a domain after 'identity/', got "
                    + RecordReader.quote(identity));
        }
        return Optional.empty();
    }

    static Optional<String> emailIssue(String address) {
        return unmatched(EMAIL, address, "must be an email address like no-reply@example.com");
    }

    /** The domain of a valid address ({@link #emailIssue} empty). */
    static String emailDomain(String address) {
        Matcher m = EMAIL.matcher(address);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an email address: " + address);
        }
        return m.group(1);
    }

    static Optional<String> configurationSetIssue(String name) {
        return unmatched(CONFIGURATION_SET, name, "must be 1 to 64 letters, digits, '_' or '-' (SES configuration set"
                + " name)");
    }

    static Optional<String> fleetNameIssue(String fleetName) {
        if (!FLEET_NAME.matcher(fleetName).matches()) {
            return Optional.of("must match [a-z][a-z0-9-]{2,20} (3 to 21 characters: a lowercase letter, then"
                    + " lowercase letters, digits or '-'), got " + RecordReader.quote(fleetName));
        }
        // The control plane assumes <fleet>-pooled-*-cp-* and <fleet>-silo-*-cp-*, the synth reads
        // <fleet>-fleet-*-offboard-environments: with none of these words as a segment of any fleet name, one fleet's
        // patterns never match another fleet's names in a shared account (acme's never match acme-stg's).
        for (String segment : RESERVED_SEGMENTS) {
            if (("-" + fleetName + "-").contains("-" + segment + "-")) {
                return Optional.of("must not contain the word '" + segment + "' between dashes (it is part of the"
                        + " fleet's stack, role and table names, and another fleet's name patterns would match), got "
                        + RecordReader.quote(fleetName));
            }
        }
        return Optional.empty();
    }


    static Optional<String> repositoryIssue(String repository) {
        return unmatched(REPOSITORY, repository, "must be 'owner/name'");
    }

    static Optional<String> branchIssue(String branch) {
        boolean bad = branch.codePoints().anyMatch(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp));
        return bad
                ? Optional.of("must not contain whitespace or control characters, got " + RecordReader.quote(branch))
                : Optional.empty();
    }

    /**
     * The regions aws-cdk-lib knows offline. Loaded once and lazily: the call goes through jsii (the
     * Node runtime), and a catalog that fails earlier should not pay for it.
     */
    private static final class KnownRegions {
        static final Map<String, String> PARTITION_BY_REGION = load();
        static final List<String> NAMES = java.util.List.copyOf(PARTITION_BY_REGION.keySet());

        private static Map<String, String> load() {
            Map<String, String> regions = new TreeMap<>();
            for (RegionInfo info : RegionInfo.getRegions()) {
                regions.put(info.getName(), info.getPartition());
            }
            return Collections.unmodifiableMap(regions);
        }
    }

    /** Empty when {@code value} matches {@code pattern}; else {@code expectation}, then the value as given. */
    private static Optional<String> unmatched(Pattern pattern, String value, String expectation) {
        return pattern.matcher(value).matches()
                ? Optional.empty()
                : Optional.of(expectation + ", got " + RecordReader.quote(value));
    }
}
