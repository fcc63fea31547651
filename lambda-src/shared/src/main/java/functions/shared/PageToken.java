package functions.shared;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque {@code nextToken} of a paginated list: base64url of a DynamoDB LastEvaluatedKey whose attributes
 * are all strings. Decoding checks the token is exactly such a key (the expected attribute names, nothing
 * else, string values), so a tampered token is a 400 naming the field instead of a DynamoDB error.
 */
public final class PageToken {

    public static final String FIELD = "nextToken";
    public static final String LIMIT = "limit";
    private static final int MAX_TOKEN_LENGTH = 2048;

    private PageToken() {
    }

    /** The token for the page after {@code lastEvaluatedKey}; null when there is none (the last page). */
    public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        Map<String, String> plain = new TreeMap<>();
        lastEvaluatedKey.forEach((name, value) -> {
            if (value.s() == null) {
                throw new IllegalArgumentException("page keys must be strings, " + name + " is not");
            }
            plain.put(name, value.s());
        });
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /** The ExclusiveStartKey in {@code token}; null for no token; 400 unless it holds exactly {@code keyNames}. */
    public static Map<String, AttributeValue> decode(String token, Set<String> keyNames) {
        if (token == null) {
            return null;
        }
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
        if (node == null || !node.isObject() || node.size() != keyNames.size()) {
            throw invalid();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : keyNames) {
            JsonNode value = node.get(name);
            if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                throw invalid();
            }
            key.put(name, AttributeValue.fromS(value.asText()));
        }
        return key;
    }

    /** The {@code limit} query parameter: {@code fallback} when absent, else an integer in 1..max. */
    public static int limit(String raw, int fallback, int max) {
        if (raw == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below with the same message as an out-of-range number.
        }
        throw new ValidationException(LIMIT, "must be an integer 1.." + max);
    }

    private static ValidationException invalid() {
        return new ValidationException(FIELD, "is not a valid page token");
    }
}
