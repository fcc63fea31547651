package functions.shared;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS and CloudFormation as far as the functions use them (the offboarder, the tenant credentials), on 127.0.0.1: the AWS query protocol (a
 * form-encoded POST with {@code Action} and {@code Version}, an XML answer). Each test scripts the answer per
 * action; every request is recorded with its parameters and the access key id that signed it.
 */
public final class FakeAwsQueryServer implements AutoCloseable {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/[0-9]{8}/([^/]+)/([^/]+)/");

    /** One request as received. */
    public record Call(Map<String, String> params, String accessKeyId, String signingRegion, String signingService,
                String securityToken) {
        public String action() {
            return params.get("Action");
        }
    }

    /** An HTTP status and an XML body. */
    public record Reply(int status, String xml) {
        public static Reply ok(String xml) {
            return new Reply(200, xml);
        }

        /** STS's AssumeRole answer: session credentials {@code <accessKeyId>}, {@code secret-…}, {@code token-…}. */
        public static Reply assumedRole(String accessKeyId, Instant expiration) {
            return ok("""
                    <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <AssumeRoleResult>
                        <AssumedRoleUser>
                          <AssumedRoleId>AROAEXAMPLE:session</AssumedRoleId>
                          <Arn>arn:aws:sts::111122223333:assumed-role/role/session</Arn>
                        </AssumedRoleUser>
                        <Credentials>
                          <AccessKeyId>%1$s</AccessKeyId>
                          <SecretAccessKey>secret-%1$s</SecretAccessKey>
                          <SessionToken>token-%1$s</SessionToken>
                          <Expiration>%2$s</Expiration>
                        </Credentials>
                        <PackedPolicySize>7</PackedPolicySize>
                      </AssumeRoleResult>
                      <ResponseMetadata><RequestId>req-a</RequestId></ResponseMetadata>
                    </AssumeRoleResponse>""".formatted(accessKeyId, expiration));
        }

        /** The query protocol's error document, as STS and CloudFormation send it. */
        public static Reply error(int status, String code, String message) {
            return new Reply(status, "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                    + message + "</Message></Error><RequestId>req-err</RequestId></ErrorResponse>");
        }
    }

    private final HttpServer server;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Function<Call, Reply>> replies = new ConcurrentHashMap<>();

    private FakeAwsQueryServer(HttpServer server) {
        this.server = server;
    }

    public static FakeAwsQueryServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var fake = new FakeAwsQueryServer(server);
        server.createContext("/", fake::handle);
        server.start();
        return fake;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeAwsQueryServer on(String action, Function<Call, Reply> reply) {
        replies.put(action, reply);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String action) {
        return calls().stream().filter(c -> action.equals(c.action())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> params;
            try (InputStream in = exchange.getRequestBody()) {
                params = form(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher credential = CREDENTIAL.matcher(authorization == null ? "" : authorization);
            boolean signed = credential.find();
            var call = new Call(params, signed ? credential.group(1) : null, signed ? credential.group(2) : null,
                    signed ? credential.group(3) : null, exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"));
            calls.add(call);
            Function<Call, Reply> script = replies.get(call.action());
            Reply reply = script != null ? script.apply(call)
                    : Reply.error(400, "InvalidAction", "not scripted: " + call.action());
            byte[] body = reply.xml().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
