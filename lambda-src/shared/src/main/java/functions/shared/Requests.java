package functions.shared;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.Map;

/** Reading the parts of an API Gateway request a route needs; absent parts are null, never an exception. */
public final class Requests {

    private Requests() {
    }

    public static String pathParameter(APIGatewayProxyRequestEvent event, String name) {
        return value(event.getPathParameters(), name);
    }

    public static String queryParameter(APIGatewayProxyRequestEvent event, String name) {
        return value(event.getQueryStringParameters(), name);
    }

    /** HTTP header names are case-insensitive, and clients and proxies do change their case. */
    public static String header(APIGatewayProxyRequestEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(h -> h.getKey() != null && h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The body as {@code type}, or null when there is none (for routes whose body is optional). */
    public static <T> T optionalBody(APIGatewayProxyRequestEvent event, Class<T> type) {
        String body = event.getBody();
        return body == null || body.isBlank() ? null : Json.readBody(body, type);
    }

    private static String value(Map<String, String> values, String name) {
        return values == null ? null : values.get(name);
    }
}
