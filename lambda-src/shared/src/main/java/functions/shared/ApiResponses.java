package functions.shared;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** The single place where results and errors become HTTP responses. */
public final class ApiResponses {

    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

    private ApiResponses() {
    }

    public static APIGatewayProxyResponseEvent of(ApiResult result) {
        var response = new APIGatewayProxyResponseEvent().withStatusCode(result.statusCode());
        if (result.body() == null) {
            return response;
        }
        return response.withHeaders(JSON_HEADERS).withBody(Json.write(result.body()));
    }

    public static APIGatewayProxyResponseEvent error(ApiException e) {
        return errorBody(e.statusCode(), e.errorCode(), e.getMessage());
    }

    /** For failures the caller did not cause: the details go to the log, never into the response. */
    public static APIGatewayProxyResponseEvent internalError() {
        return errorBody(500, "InternalError", "An unexpected error occurred");
    }

    private static APIGatewayProxyResponseEvent errorBody(int status, String error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(JSON_HEADERS)
                .withBody(Json.write(body));
    }
}
