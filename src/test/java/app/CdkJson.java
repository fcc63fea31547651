package app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The context of the repository's cdk.json, which the CDK CLI hands every synth ({@code npx cdk synth} and the
 * pipeline's synth): the tests build their apps with the same feature flags, so the templates they check are the
 * templates that ship.
 */
public final class CdkJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, Object> context;

    private CdkJson() {
    }

    /** cdk.json's whole {@code context}, as the CLI passes it. */
    public static synchronized Map<String, Object> context() {
        if (context == null) {
            try {
                var cdkJson = JSON.readTree(Path.of("cdk.json").toFile());
                context = JSON.convertValue(cdkJson.get("context"), new TypeReference<TreeMap<String, Object>>() { });
            } catch (IOException e) {
                throw new UncheckedIOException("cdk.json", e);
            }
        }
        return context;
    }

    /** Only cdk.json's CDK feature flags ({@code @aws-cdk...} keys): for an app built in a test. */
    public static Map<String, Object> featureFlags() {
        var flags = new TreeMap<String, Object>();
        context().forEach((key, value) -> {
            if (key.startsWith("@aws-cdk")) {
                flags.put(key, value);
            }
        });
        return flags;
    }

    /** {@code contextJson} over cdk.json's context, as the CLI merges {@code -c} options over cdk.json. */
    static String withCdkJson(String contextJson) {
        try {
            var merged = new TreeMap<String, Object>(context());
            merged.putAll(JSON.readValue(contextJson, new TypeReference<Map<String, Object>>() { }));
            return JSON.writeValueAsString(merged);
        } catch (IOException e) {
            throw new UncheckedIOException("context " + contextJson, e);
        }
    }
}
