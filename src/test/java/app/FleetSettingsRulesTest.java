package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules on pipeline, baseline and pooledTiers, and the all-problems-at-once contract. */
class FleetSettingsRulesTest {

    private static final String ARN = "arn:aws:codeconnections:us-east-1:111111111111:connection/abc-123";

    @TempDir
    Path dir;

    private static String pipeline(String connectionArn, String repository, String branch) {
        return """
                {"account": "111111111111", "region": "us-east-1", "connectionArn": "%s",
                 "repository": "%s", "branch": "%s"}""".formatted(connectionArn, repository, branch);
    }

    private String onlyProblem(String catalog) {
        var e = Catalogs.failure(dir, catalog);
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void platinumInPooledTiersIsRejected() {
        String pooled = """
                [{"tier": "BASIC", "account": "222222222222", "region": "us-east-1"},
                 {"tier": "PLATINUM", "account": "222222222222", "region": "us-east-1"}]""";
        String problem = onlyProblem(Catalogs.withPooledTiers(pooled));
        assertTrue(problem.startsWith("pooledTiers[1]: field 'tier' is PLATINUM, a silo tier"), problem);
    }

    @Test
    void samePooledTierTwiceInOneEnvNamesBothRecords() {
        String pooled = """
                [{"tier": "BASIC", "account": "222222222222", "region": "us-east-1"},
                 {"tier": "BASIC", "account": "222222222222", "region": "us-west-2"},
                 {"tier": "BASIC", "account": "222222222222", "region": "us-east-1"}]""";
        String problem = onlyProblem(Catalogs.withPooledTiers(pooled));
        assertEquals("pooledTiers[2]: field 'tier' BASIC in 222222222222/us-east-1 is already listed by"
                + " pooledTiers[0]; a pooled tier has one stack per account/region", problem);
    }

    @Test
    void unknownKeyInPooledTierIsNamed() {
        String pooled = """
                [{"tier": "BASIC", "account": "222222222222", "region": "us-east-1", "regoin": "x"}]""";
        String problem = onlyProblem(Catalogs.withPooledTiers(pooled));
        assertTrue(problem.startsWith("pooledTiers[0]: unknown field 'regoin' (did you mean 'region'?)"), problem);
    }

    @Test
    void connectionArnOfWrongShapeIsRejected() {
        String problem = onlyProblem(Catalogs.withPipeline(pipeline(
                "arn:aws:codecommit:us-east-1:111111111111:repo", "example-org/saas-fleet", "main")));
        assertTrue(problem.startsWith("pipeline: field 'connectionArn' must look like arn:<partition>:codeconnections:"),
                problem);
    }

    @Test
    void connectionArnWithUnknownRegionOrWrongPartitionIsRejected() {
        String unknownRegion = onlyProblem(Catalogs.withPipeline(pipeline(
                "arn:aws:codeconnections:us-moon-1:111111111111:connection/abc", "o/n", "main")));
        assertTrue(unknownRegion.contains("field 'connectionArn' names unknown AWS region 'us-moon-1'"),
                unknownRegion);
        String wrongPartition = onlyProblem(Catalogs.withPipeline(pipeline(
                "arn:aws:codeconnections:cn-north-1:111111111111:connection/abc", "o/n", "main")));
        assertTrue(wrongPartition.contains("partition 'aws' but region 'cn-north-1' is in partition 'aws-cn'"),
                wrongPartition);
    }

    @Test
    void olderCodestarConnectionsArnIsAccepted() {
        String arn = "arn:aws:codestar-connections:eu-west-1:111111111111:connection/abc-123";
        FleetCatalog catalog = Catalogs.load(dir, Catalogs.withPipeline(pipeline(arn, "o/n", "release/1.x")));
        assertEquals(arn, catalog.pipeline().connectionArn());
        assertEquals("release/1.x", catalog.pipeline().branch());
    }

    @Test
    void repositoryMustBeOwnerSlashName() {
        String problem = onlyProblem(Catalogs.withPipeline(pipeline(ARN, "saas-fleet", "main")));
        assertEquals("pipeline: field 'repository' must be 'owner/name', got 'saas-fleet'", problem);
        String nested = onlyProblem(Catalogs.withPipeline(pipeline(ARN, "a/b/c", "main")));
        assertTrue(nested.startsWith("pipeline: field 'repository'"), nested);
    }

    @Test
    void branchWithWhitespaceIsRejected() {
        String problem = onlyProblem(Catalogs.withPipeline(pipeline(ARN, "o/n", "my branch")));
        assertTrue(problem.startsWith("pipeline: field 'branch' must not contain whitespace"), problem);
    }

    @Test
    void baselineWithBadAccountIsRejected() {
        String catalog = Catalogs.catalog(Catalogs.PIPELINE, "{\"account\": \"1234\", \"region\": \"us-east-1\"}",
                Catalogs.POOLED, Catalogs.TENANTS);
        assertEquals("baseline: field 'account' must be exactly 12 digits, got '1234'", onlyProblem(catalog));
    }

    @Test
    void pipelineOutsideTheBaselinesAccountAndRegionIsRejected() {
        String otherAccount = "{\"account\": \"999999999999\", \"region\": \"us-east-1\"}";
        String catalog = Catalogs.catalog(Catalogs.PIPELINE, otherAccount, Catalogs.POOLED, Catalogs.TENANTS);
        String problem = onlyProblem(catalog);
        assertTrue(problem.startsWith("pipeline: account/region 111111111111/us-east-1 must equal baseline's "
                + "999999999999/us-east-1"), problem);
    }

    @Test
    void catalogWithSeveralProblemsReportsAllOfThemInOneException() {
        String pipeline = pipeline("not-an-arn", "o/n", "main");
        String baseline = "{\"account\": \"111111111111\"}";
        String pooled = "[{\"tier\": \"PLATINUM\", \"account\": \"222222222222\", \"region\": \"us-east-1\"}]";
        String tenants = """
                [{"tenantId": "acme", "tenantName": "Acme", "tier": "PLATINUM", "account": "12",
                  "region": "eu-west-1", "cannary": true},
                 {"tenantId": "acme", "tenantName": "Acme 2", "tier": "BASIC", "account": "333333333333",
                  "region": "mars-1", "wave": 0}]""";
        var e = Catalogs.failure(dir, Catalogs.catalog(pipeline, baseline, pooled, tenants));
        String[] expected = {
            "pipeline: field 'connectionArn'",
            "baseline: field 'region' is missing",
            "pooledTiers[0]: field 'tier' is PLATINUM",
            "tenants[0] (tenantId 'acme'): unknown field 'cannary'",
            "tenants[0] (tenantId 'acme'): field 'account'",
            "tenants[1] (tenantId 'acme'): field 'tenantId' 'acme' is already used by tenants[0]",
            "tenants[1] (tenantId 'acme'): field 'tier' is BASIC",
            "tenants[1] (tenantId 'acme'): field 'region'",
            "tenants[1] (tenantId 'acme'): field 'wave'",
        };
        assertEquals(expected.length, e.problems().size(), e.getMessage());
        for (int i = 0; i < expected.length; i++) {
            assertTrue(e.problems().get(i).startsWith(expected[i]), e.problems().get(i));
            assertTrue(e.getMessage().contains("\n  - " + e.problems().get(i)), e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("Invalid tenant catalog file "
                + dir.resolve("tenants.json").toAbsolutePath() + " (9 problems):"), e.getMessage());
    }
}
