package functions.shared;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import testsupport.Moto;

/** Page-token signers with fixed test keys, as the functions build them from their secret. */
public final class TestPageTokens {

    public static final byte[] KEY = "test-page-token-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private TestPageTokens() {
    }

    public static SignedPageToken of(String list, String sortKey) {
        return new SignedPageToken(list, sortKey, KEY::clone);
    }

    public static SignedPageToken of(String list, String sortKey, byte[] key, Clock clock) {
        return new SignedPageToken(list, sortKey, key::clone, clock);
    }

    /** A fresh page-token secret in moto holding {@code value}, as CloudFormation generates one per stack: its ARN. */
    public static String motoSecret(String value) {
        try (var secrets = Moto.get().configure(SecretsManagerClient.builder()).build()) {
            return secrets.createSecret(r -> r.name("page-token-" + UUID.randomUUID()).secretString(value)).arn();
        }
    }

    /** The variables a product or order function reads its page-token key from, pointing at moto. */
    public static void addMotoSecret(Map<String, String> env) {
        env.put(PageTokenKey.SECRET_ARN, motoSecret("moto-page-token-key-0123456789abcdefghijklmnop"));
        env.put(PageTokenKey.SECRETSMANAGER_ENDPOINT, Moto.get().endpoint().toString());
    }
}
