package functions.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A local HTTP server standing in for the pre-signed S3 ResponseURL: it answers every PUT 200 and keeps what came,
 * so a test reads the custom resource's answer as CloudFormation would.
 */
final class ResponseCatcher implements AutoCloseable {

    /** One request as received. */
    record Received(String method, String path, String contentType, byte[] body) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();

    ResponseCatcher() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** A URL like a pre-signed one, with a query string the answer must keep. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort()
                + "/cloudformation-custom-resource-response-useast1/stack?X-Amz-Signature=abc";
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The only answer received; fails unless exactly one came. */
    Received only() {
        List<Received> all = received();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one answer, got " + all.size());
        }
        return all.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
