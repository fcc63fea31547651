package functions.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;

/**
 * The real directory and SDK client against {@link CognitoJsonStub} replaying a recorded Cognito answer, for the one
 * answer moto 5.2.1 does not give as Cognito does: a pagination token Cognito rejects. Everything else is tested on
 * moto (CognitoUserDirectoryTest, CognitoUserLifecycleTest).
 */
class CognitoUserDirectoryWireTest {

    private static final String POOL = "eu-west-1_Stub";
    private static final String INVALID_TOKEN = "/cognito/list-users-invalid-pagination-token.json";

    @Test
    void aPaginationTokenCognitoRejectsIsInvalidPageToken() {
        JsonNode recorded = recorded(INVALID_TOKEN);
        try (var stub = new CognitoJsonStub(request -> new CognitoJsonStub.Response(recorded.get("status").asInt(),
                recorded.get("body").toString()))) {
            var directory = new CognitoUserDirectory(stub.client());

            var e = assertThrows(InvalidPageTokenException.class, () -> directory.listUsers(POOL, 10, "forged"));
            assertTrue(e.getMessage().contains(POOL), e.getMessage());
            // Without a token the same answer is not about a token: it stays Cognito's own exception.
            assertThrows(InvalidParameterException.class, () -> directory.listUsers(POOL, 10, null));
            var sent = stub.requests().get(0);
            assertEquals(List.of("ListUsers", "ListUsers"),
                    stub.requests().stream().map(CognitoJsonStub.Request::operation).toList());
            assertEquals("forged", sent.body().get("PaginationToken").asText());
            assertEquals(POOL, sent.body().get("UserPoolId").asText());
        }
    }

    /**
     * Why the test above replays a recording: moto answers a forged token with its own error code. If an upgrade
     * answers as Cognito does, this fails and the test above can move to moto.
     */
    @Test
    void motoAnswersAForgedPaginationTokenWithInvalidTokenNotCognitosInvalidParameter() {
        MotoCognito cognito = MotoCognito.get();
        String pool = cognito.createUserPool();

        var e = assertThrows(CognitoIdentityProviderException.class,
                () -> cognito.directory().listUsers(pool, 10, "forged"));

        assertEquals("InvalidToken", e.awsErrorDetails().errorCode());
    }

    private static JsonNode recorded(String resource) {
        try (InputStream in = CognitoUserDirectoryWireTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return CognitoJsonStub.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
