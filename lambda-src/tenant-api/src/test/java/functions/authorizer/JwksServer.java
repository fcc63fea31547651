package functions.authorizer;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cognito's JWKS endpoints, played on 127.0.0.1 on a free port: {@code /<poolId>/.well-known/jwks.json} serves
 * what the test published for that pool (404 for an unknown pool, 500 while a pool is marked failing) and
 * counts every request.
 */
final class JwksServer implements AutoCloseable {

    private static final String SUFFIX = "/.well-known/jwks.json";

    private final HttpServer server;
    private final Map<String, JWKSet> published = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

    JwksServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.start();
    }

    /** The issuer URL of {@code poolId} on this server, as a token's {@code iss} and in TRUSTED_POOLS. */
    String issuer(String poolId) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + poolId;
    }

    /** Serves only the public parts of {@code keys} from now on. */
    void publish(String poolId, JWKSet keys) {
        published.put(poolId, keys.toPublicJWKSet());
    }

    void failing(String poolId, boolean fail) {
        failing.put(poolId, fail);
    }

    int fetches(String poolId) {
        return fetches.computeIfAbsent(poolId, id -> new AtomicInteger()).get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String poolId = path.endsWith(SUFFIX) ? path.substring(1, path.length() - SUFFIX.length()) : "";
        fetches.computeIfAbsent(poolId, id -> new AtomicInteger()).incrementAndGet();
        JWKSet keys = published.get(poolId);
        int status = failing.getOrDefault(poolId, false) ? 500 : keys == null ? 404 : 200;
        byte[] body = (status == 200 ? keys.toString() : "{\"message\":\"nope\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
