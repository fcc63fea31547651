package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/**
 * cdk.json sets every feature flag that the aws-cdk-lib in use recommends (what {@code cdk flags --set --recommended}
 * writes), read from the library's own recommended-feature-flags.json: a bumped aws-cdk-lib with new flags fails
 * here, naming them, until cdk.json sets them in a deliberate commit that says which templates they change.
 */
class CdkJsonTest {

    private static final String RECOMMENDED = "package/recommended-feature-flags.json";

    @Test
    void cdkJsonSetsEveryFeatureFlagTheAwsCdkLibInUseRecommends() throws IOException {
        var recommended = recommendedFlags();
        assertTrue(recommended.size() > 50, "read the library's list: " + recommended.size());
        var differing = new TreeMap<String, String>();
        recommended.forEach((flag, value) -> {
            var set = CdkJson.featureFlags().get(flag);
            if (!value.equals(set)) {
                differing.put(flag, "recommended " + value + ", cdk.json " + set);
            }
        });
        assertEquals(Map.of(), differing);
    }

    // The jsii bundle inside the aws-cdk-lib jar is the npm package: a gzipped tar holding the list.
    private static Map<String, Object> recommendedFlags() throws IOException {
        var jar = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (var zip = new ZipFile(jar.toFile())) {
            var bundle = zip.stream()
                    .filter(e -> e.getName().matches("software/amazon/awscdk/aws-cdk-lib@.*\\.jsii\\.tgz"))
                    .findFirst().orElseThrow(() -> new AssertionError("no jsii bundle in " + jar));
            try (var tar = new GZIPInputStream(zip.getInputStream(bundle), 1 << 16)) {
                return new ObjectMapper().readValue(entry(tar, RECOMMENDED),
                        new TypeReference<TreeMap<String, Object>>() { });
            }
        }
    }

    // Reads ustar headers (512-byte blocks: name at 0, octal size at 124) until the named entry.
    private static byte[] entry(InputStream tar, String name) throws IOException {
        while (true) {
            var header = tar.readNBytes(512);
            if (header.length < 512 || header[0] == 0) {
                throw new AssertionError(name + " not in the jsii bundle");
            }
            var entryName = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "");
            var size = Long.parseLong(
                    new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
            if (entryName.equals(name)) {
                return tar.readNBytes((int) size);
            }
            tar.skipNBytes((size + 511) / 512 * 512);
        }
    }
}
