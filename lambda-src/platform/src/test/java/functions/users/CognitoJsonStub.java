package functions.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * A loopback HTTP server speaking Cognito's JSON 1.1 protocol, to replay recorded Cognito answers that moto does not
 * give as Cognito does (CognitoUserDirectoryWireTest says which). Each request's operation (from
 * {@code X-Amz-Target}) and body go to a {@link Responder}; every request is kept for assertions. Only for those
 * answers: everything moto answers as Cognito does is tested against moto.
 */
final class CognitoJsonStub implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    record Request(String operation, JsonNode body) {
    }

    /** An HTTP status and a JSON body (Cognito's errors: the exception name in {@code __type}, HTTP 400). */
    record Response(int status, String json) {
    }

    @FunctionalInterface
    interface Responder {
        Response answer(Request request) throws IOException;
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    CognitoJsonStub(Responder responder) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> handle(exchange, responder));
        server.start();
    }

    private void handle(HttpExchange exchange, Responder responder) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            var request = new Request(target.substring(target.indexOf('.') + 1), JSON.readTree(in.readAllBytes()));
            requests.add(request);
            Response response = responder.answer(request);
            byte[] body = response.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    CognitoIdentityProviderClient client() {
        return CognitoIdentityProviderClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("stub", "stub")))
                .build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
