package app;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Typed, problem-collecting access to the fields of one JSON object. Every getter records a problem
 * instead of throwing and returns null (or the default) so validation can go on and report everything.
 */
final class RecordReader {

    private static final int MAX_ECHO = 80;

    private final JsonNode node;
    private final String label;
    private final List<String> problems;

    RecordReader(JsonNode node, String label, List<String> problems) {
        this.node = node;
        this.label = label;
        this.problems = problems;
    }

    void problem(String field, String issue) {
        problems.add(label + ": field '" + field + "' " + issue);
    }

    /** Rejects fields outside {@code allowed}: a typo like {@code cannary} must not be silently dropped. */
    void rejectUnknownFields(List<String> allowed) {
        rejectUnknownFields(allowed, "field");
    }

    /** As {@link #rejectUnknownFields(List)}, calling the members {@code kind} (e.g. "top-level key"). */
    void rejectUnknownFields(List<String> allowed, String kind) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!allowed.contains(name)) {
                problems.add(label + ": unknown " + kind + " " + quote(name) + hint(name, allowed)
                        + "; allowed: " + String.join(", ", allowed));
            }
        }
    }

    /** Whether the record has {@code field} at all (null included). */
    boolean has(String field) {
        return node.has(field);
    }

    /** The field's JSON node if present with the expected type, else null after recording why. */
    private JsonNode typed(String field, String expected, Predicate<JsonNode> isExpected,
                           boolean required) {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                problem(field, "is missing");
            }
            return null;
        }
        if (!isExpected.test(value)) {
            problem(field, "must be " + expected + ", got " + typeName(value));
            return null;
        }
        return value;
    }

    /** A required non-blank string, or null. */
    String text(String field) {
        JsonNode value = typed(field, "a string", JsonNode::isTextual, true);
        if (value == null) {
            return null;
        }
        if (value.asText().isBlank()) {
            problem(field, "must not be empty");
            return null;
        }
        return value.asText();
    }

    /** A required string that must pass {@code rule} (which returns the issue, if any), or null. */
    String text(String field, Function<String, Optional<String>> rule) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        Optional<String> issue = rule.apply(value);
        issue.ifPresent(i -> problem(field, i));
        return issue.isPresent() ? null : value;
    }

    /** An optional string of any content (bookkeeping the catalog carries but does not use), or null. */
    String optionalText(String field) {
        JsonNode value = typed(field, "a string", JsonNode::isTextual, false);
        return value == null ? null : value.asText();
    }

    /** An optional string that must pass {@code rule} when present: {@code fallback} when absent, null if invalid. */
    String optionalText(String field, Function<String, Optional<String>> rule, String fallback) {
        JsonNode value = typed(field, "a string", JsonNode::isTextual, false);
        if (value == null) {
            return node.has(field) ? null : fallback;
        }
        Optional<String> issue = rule.apply(value.asText());
        issue.ifPresent(i -> problem(field, i));
        return issue.isPresent() ? null : value.asText();
    }

    JsonNode object(String field) {
        return typed(field, "an object", JsonNode::isObject, true);
    }

    /** An optional object, or null when absent (or, after recording why, not an object). */
    JsonNode optionalObject(String field) {
        return typed(field, "an object", JsonNode::isObject, false);
    }

    JsonNode array(String field) {
        return typed(field, "an array", JsonNode::isArray, true);
    }

    boolean optionalBoolean(String field, boolean fallback) {
        JsonNode value = typed(field, "a boolean (true or false)", JsonNode::isBoolean, false);
        return value == null ? fallback : value.booleanValue();
    }

    /** An optional integer >= 1, or null when absent or invalid. */
    Integer optionalPositiveInt(String field) {
        JsonNode value = typed(field, "an integer >= 1", JsonNode::isIntegralNumber, false);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToInt() || value.intValue() < 1) {
            problem(field, "must be an integer >= 1, got " + value.asText());
            return null;
        }
        return value.intValue();
    }

    /** An optional number > 0, or null when absent or invalid. */
    BigDecimal optionalPositiveNumber(String field, String unit) {
        JsonNode value = typed(field, "a number > 0 (" + unit + ")", JsonNode::isNumber, false);
        if (value == null) {
            return null;
        }
        if (value.decimalValue().signum() <= 0) {
            problem(field, "must be a number > 0 (" + unit + "), got " + value.asText());
            return null;
        }
        return value.decimalValue();
    }

    /** A required tier name; {@code tierRule} reports tiers that are valid names but wrong here. */
    Tier tier(Function<Tier, Optional<String>> tierRule) {
        String name = text("tier");
        if (name == null) {
            return null;
        }
        Tier tier;
        try {
            tier = Tier.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            List<String> names = Arrays.stream(Tier.values()).map(Enum::name).toList();
            problem("tier", "has unknown tier " + quote(name) + hint(name, names) + "; expected one of "
                    + String.join(", ", names));
            return null;
        }
        Optional<String> issue = tierRule.apply(tier);
        issue.ifPresent(i -> problem("tier", i));
        return issue.isPresent() ? null : tier;
    }

    /** Reads {@code account} and {@code region}; null if either is invalid. */
    AwsEnv env() {
        String account = text("account", AwsRules::accountIssue);
        String region = text("region", AwsRules::regionIssue);
        return account == null || region == null ? null : new AwsEnv(account, region);
    }

    static String typeName(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Quotes a value for a problem line: control characters escaped, long values cut. */
    static String quote(String value) {
        var out = new StringBuilder("'");
        value.codePoints().limit(MAX_ECHO).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        if (value.codePointCount(0, value.length()) > MAX_ECHO) {
            out.append("...");
        }
        return out.append('\'').toString();
    }

    /** " (did you mean 'x'?)" for a near miss, else "". */
    static String hint(String name, List<String> candidates) {
        return closest(name, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /** The candidate within edit distance 2 of {@code name}, to turn a typo into a fix. */
    static Optional<String> closest(String name, List<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : candidates) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
