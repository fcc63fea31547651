package functions.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * No log line carries a token, API key, password, verification code or email address. Runs last in the test JVM
 * (junit-platform.properties orders classes by {@code @Order}) and scans every line all handler tests printed to
 * stdout ({@link LogCapture}): every email and JWT by pattern, and every code and token the tests minted by value.
 * Its own first test logs the secret-bearing fields itself, so the scan never passes on an empty capture. Every
 * module with handler tests runs it through a subclass of its own (each module's tests run in their own JVM).
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class NoSecretsInLogsTest {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    @Order(1)
    void secretsHandedToTheLoggerAreMaskedBeforeTheLineIsWritten() {
        TestContext context = new TestContext();
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
        Telemetry.invoke(context, () -> {
            Telemetry.warn("sign-up of ada@example.com failed", "adminEmail", "ada@example.com", "code", "123456",
                    "password", "Tr0ub4dor&3", "apiKey", "k3yV4lue0123456789abcdef", "authorizationToken",
                    "Bearer " + token, "reason", "user grace@example.org exists; token " + token,
                    "nested", Map.of("email", "x@example.net", "note", "ok"));
            return null;
        });

        List<JsonNode> lines = context.jsonLines();
        assertEquals(1, lines.size());
        String line = lines.get(0).toString();
        for (String secret : List.of("ada@example.com", "123456", "Tr0ub4dor&3", "k3yV4lue0123456789abcdef", token,
                "grace@example.org", "x@example.net")) {
            assertFalse(line.contains(secret), secret + " in " + line);
        }
        assertEquals("***", lines.get(0).get("code").asText());
        assertEquals("ok", lines.get(0).get("nested").get("note").asText());
        assertTrue(lines.get(0).get("reason").asText().contains("<email>"), line);
    }

    @Test
    @Order(2)
    void noLineAnyHandlerTestPrintedCarriesAnEmailATokenOrACodeItWasGiven() {
        List<String> lines = LogCapture.all();
        List<String> offending = new ArrayList<>();
        int logLines = 0;
        for (String line : lines) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode json = read(line);
            if (json == null || !json.has("level")) {
                continue;
            }
            logLines++;
            if (EMAIL.matcher(line).find() || JWT.matcher(line).find()
                    || LogCapture.secrets().stream().anyMatch(line::contains)) {
                offending.add(line);
            }
        }
        assertTrue(logLines > 0, "nothing was captured");
        assertEquals(List.of(), offending);
    }

    private static JsonNode read(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (Exception e) {
            return null;
        }
    }
}
