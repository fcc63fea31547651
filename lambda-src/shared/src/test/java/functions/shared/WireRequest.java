package functions.shared;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * One signed HTTP request as it leaves an SDK client: what its SigV4 signature names (access key, region, service),
 * its session token, and its body, read as the query protocol's form (STS, CloudFormation) where it is one.
 */
public record WireRequest(SdkHttpRequest http, String body) {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/[0-9]{8}/([^/]+)/([^/]+)/");

    public String accessKeyId() {
        return credential(1);
    }

    public String signingRegion() {
        return credential(2);
    }

    public String signingService() {
        return credential(3);
    }

    public String securityToken() {
        return http.firstMatchingHeader("X-Amz-Security-Token").orElse(null);
    }

    /** A query-protocol parameter of the body ({@code Action}, {@code RoleArn}, ...); null when absent. */
    public String param(String name) {
        return form().get(name);
    }

    /** The query protocol's {@code Action}, or the JSON protocols' {@code X-Amz-Target} operation. */
    public String action() {
        String target = http.firstMatchingHeader("X-Amz-Target").orElse(null);
        return target != null ? target.substring(target.indexOf('.') + 1) : param("Action");
    }

    public String method() {
        return http.method().name();
    }

    public String path() {
        return http.encodedPath();
    }

    /** One query string parameter of the URL; null when absent. */
    public String query(String name) {
        List<String> values = http.rawQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private Map<String, String> form() {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty() || body.startsWith("{") || body.startsWith("<")) {
            return params;
        }
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private String credential(int group) {
        Matcher matcher = CREDENTIAL.matcher(http.firstMatchingHeader("Authorization").orElse(""));
        return matcher.find() ? matcher.group(group) : null;
    }
}
