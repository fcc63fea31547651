package functions.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import testsupport.Moto;

class PageTokenKeyTest {

    private final SecretsManagerClient secrets = Moto.get().configure(SecretsManagerClient.builder()).build();

    @Test
    void theKeyIsReadFromTheSecretOnceAndThenServedFromMemory() {
        String value = "a-64-character-generated-secret-0123456789abcdefghijklmnopqrstuv";
        String arn = TestPageTokens.motoSecret(value);
        var key = new PageTokenKey(secrets, arn);

        assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), key.get());
        secrets.deleteSecret(r -> r.secretId(arn).forceDeleteWithoutRecovery(true));

        assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), key.get(), "no second GetSecretValue");
    }

    @Test
    void aSecretTooShortForHmacSha256IsRefusedNamingTheSecret() {
        String arn = TestPageTokens.motoSecret("only-31-bytes-0123456789abcdef");
        var key = new PageTokenKey(secrets, arn);

        var e = assertThrows(IllegalStateException.class, key::get);
        assertTrue(e.getMessage().contains(arn) && e.getMessage().contains("32"), e.getMessage());
    }
}
