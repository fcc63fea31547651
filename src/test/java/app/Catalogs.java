package app;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test catalogs: a valid one, with hooks to swap in one broken part at a time. */
final class Catalogs {

    static final String PIPELINE = """
            {"account": "111111111111", "region": "us-east-1",
             "connectionArn": "arn:aws:codeconnections:us-east-1:111111111111:connection/5f2c9a8e-3b1d",
             "repository": "example-org/saas-fleet", "branch": "main"}""";
    static final String BASELINE = """
            {"account": "111111111111", "region": "us-east-1"}""";
    static final String POOLED = """
            [{"tier": "BASIC", "account": "222222222222", "region": "us-east-1"},
             {"tier": "STANDARD", "account": "222222222222", "region": "us-east-1"}]""";
    static final String TENANTS = """
            [{"tenantId": "acme", "tenantName": "Acme Corp", "tier": "PLATINUM",
              "account": "333333333333", "region": "eu-west-1", "canary": true},
             {"tenantId": "globex", "tenantName": "Globex", "tier": "PLATINUM",
              "account": "333333333333", "region": "us-west-2", "wave": 2}]""";

    private Catalogs() {
    }

    static String valid() {
        return catalog(PIPELINE, BASELINE, POOLED, TENANTS);
    }

    static String catalog(String pipeline, String baseline, String pooledTiers, String tenants) {
        return """
                {"pipeline": %s,
                 "baseline": %s,
                 "pooledTiers": %s,
                 "tenants": %s}
                """.formatted(pipeline, baseline, pooledTiers, tenants);
    }

    static String withTenants(String tenants) {
        return catalog(PIPELINE, BASELINE, POOLED, tenants);
    }

    static String withPooledTiers(String pooledTiers) {
        return catalog(PIPELINE, BASELINE, pooledTiers, TENANTS);
    }

    static String withPipeline(String pipeline) {
        return catalog(pipeline, BASELINE, POOLED, TENANTS);
    }

    /** A catalog with one tenant record whose fields are given as JSON members (without braces). */
    static String withOneTenant(String members) {
        return withTenants("[{" + members + "}]");
    }

    static Path write(Path dir, String text) {
        try {
            return Files.writeString(dir.resolve("tenants.json"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FleetCatalog load(Path dir, String text) {
        return new JsonFileCatalogSource(write(dir, text)).load();
    }

    static CatalogException failure(Path dir, String text) {
        return assertThrows(CatalogException.class, () -> load(dir, text));
    }
}
