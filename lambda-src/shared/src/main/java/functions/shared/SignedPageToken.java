package functions.shared;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque {@code nextToken} of a list that spans a tenant's shards: {@code <payload>.<mac>}, both base64url. The
 * payload holds the {@link ShardCursor} (shard index and LastEvaluatedKey) and an expiry; the MAC is HMAC-SHA256,
 * under a key only the function holds ({@link PageTokenKey}), over the list's name, the calling tenant's id and the
 * payload. So a token cannot be forged or edited, and one issued to another tenant (or for another list) fails the
 * MAC of this tenant's request. Decoding checks the MAC before it parses anything; {@link ShardedTenantTable#page}
 * still checks the key belongs to the caller's shards.
 *
 * <p>Tokens expire after {@link #VALIDITY}, as AWS advises for any HMAC-signed message
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html). Every refusal is the same 400 naming
 * {@code nextToken}, so a caller learns nothing about why.
 */
public final class SignedPageToken {

    static final Duration VALIDITY = Duration.ofHours(24);
    private static final String ALGORITHM = "HmacSHA256";
    private static final String DOMAIN = "saas-page-token-v1";
    private static final int MAX_TOKEN_LENGTH = 2048;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final String list;
    private final List<String> keyNames;
    private final Supplier<byte[]> key;
    private final Clock clock;

    /**
     * @param list    the list's name ({@code products}, {@code orders}): a token of one list is refused by another
     * @param sortKey the table's sort key; with {@link ShardedTenantTable#PARTITION_KEY} the only key names a token
     *                may hold
     * @param key     the HMAC key, fetched on first use
     */
    public SignedPageToken(String list, String sortKey, Supplier<byte[]> key) {
        this(list, sortKey, key, Clock.systemUTC());
    }

    SignedPageToken(String list, String sortKey, Supplier<byte[]> key, Clock clock) {
        this.list = Objects.requireNonNull(list, "list");
        this.keyNames = List.of(ShardedTenantTable.PARTITION_KEY, Objects.requireNonNull(sortKey, "sortKey"));
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The token for {@code tenant}'s next page at {@code cursor}. */
    public String encode(TenantId tenant, ShardCursor cursor) {
        Map<String, Object> payload = new TreeMap<>();
        payload.put("e", clock.instant().plus(VALIDITY).getEpochSecond());
        payload.put("s", cursor.shard());
        if (cursor.startKey() != null) {
            Map<String, String> startKey = new TreeMap<>();
            cursor.startKey().forEach((name, value) -> startKey.put(name, Objects.requireNonNull(value.s(),
                    () -> "page keys must be strings, " + name + " is not")));
            payload.put("k", startKey);
        }
        String body = ENCODER.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(tenant, body));
    }

    /** The cursor in {@code token} for {@code tenant}; the first page for no token; 400 naming the field otherwise. */
    public ShardCursor decode(TenantId tenant, String token) {
        if (token == null) {
            return ShardCursor.first();
        }
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        int dot = token.indexOf('.');
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            throw invalid();
        }
        String body = token.substring(0, dot);
        byte[] presented;
        JsonNode payload;
        try {
            presented = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(tenant, body), presented)) {
                throw invalid();
            }
            payload = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(body));
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
        return cursor(payload);
    }

    private ShardCursor cursor(JsonNode payload) {
        if (payload == null || !payload.isObject() || !payload.path("s").canConvertToInt()
                || !payload.path("e").isIntegralNumber()) {
            throw invalid();
        }
        if (clock.instant().getEpochSecond() > payload.get("e").longValue()) {
            throw new ValidationException(PageToken.FIELD, "has expired: list again from the first page");
        }
        JsonNode startKey = payload.get("k");
        if (startKey == null) {
            return new ShardCursor(payload.get("s").intValue(), null);
        }
        if (!startKey.isObject() || startKey.size() != keyNames.size()) {
            throw invalid();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : keyNames) {
            JsonNode value = startKey.get(name);
            if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                throw invalid();
            }
            key.put(name, AttributeValue.fromS(value.asText()));
        }
        return new ShardCursor(payload.get("s").intValue(), key);
    }

    private byte[] mac(TenantId tenant, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.get(), ALGORITHM));
            String signed = DOMAIN + "\n" + list + "\n" + tenant.value() + "\n" + body;
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute " + ALGORITHM, e);
        }
    }

    static ValidationException invalid() {
        return new ValidationException(PageToken.FIELD, "is not a valid page token");
    }
}
