package functions.shared;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Loads the API Gateway REST proxy events under {@code src/test/resources/events/}. */
public final class Events {

    // Lenient like the Lambda runtime's own deserializer: API Gateway sends fields the POJO lacks.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final ObjectMapper BODY_MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private Events() {
    }

    public static APIGatewayProxyRequestEvent load(String name) {
        try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no event file events/" + name);
            }
            return MAPPER.readValue(in, APIGatewayProxyRequestEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event with its path id replaced, for ids the server generated during the test. */
    public static APIGatewayProxyRequestEvent load(String name, String pathParameter, String id) {
        APIGatewayProxyRequestEvent event = load(name);
        event.setPathParameters(Map.of(pathParameter, id));
        event.setPath(event.getResource().replace("{" + pathParameter + "}", id));
        return event;
    }

    /** A response body as a tree, keeping decimals exactly as written (so "1.50" stays 1.50). */
    public static JsonNode json(String body) {
        try {
            return BODY_MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
