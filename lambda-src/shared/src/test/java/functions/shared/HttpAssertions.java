package functions.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Response checks the handler tests share. */
public final class HttpAssertions {

    private HttpAssertions() {
    }

    /** A JSON body of exactly {@code error} and {@code message}, with this status and error; no stack trace. */
    public static JsonNode assertError(APIGatewayProxyResponseEvent response, int status, String error) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        JsonNode body = Events.json(response.getBody());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("error", "message"), fields);
        assertEquals(error, body.get("error").asText());
        assertFalse(response.getBody().contains("\tat "), "no stack trace in a response");
        return body;
    }

    public static JsonNode assertJson(APIGatewayProxyResponseEvent response, int status) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        return Events.json(response.getBody());
    }
}
