package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The pipeline's synth source: silo tenants from a real TenantStackMapping table (on moto), fleet
 * settings from the file. Every failure is a {@link CatalogException} naming the table; nothing partial.
 */
class DynamoDbCatalogSourceTest {

    private static final MotoCatalogTables DDB = MotoCatalogTables.get();
    private static final String ITEM = DynamoDbCatalogSource.ITEM_LABEL;

    @TempDir
    Path dir;

    private final String table = DDB.createTenantStackMapping();

    /** Fleet settings listing no silo tenant: in the pipeline, silo tenants come from the table. */
    private CatalogSource settings() {
        return new JsonFileCatalogSource(Catalogs.write(dir, Catalogs.withTenants("[]")));
    }

    private DynamoDbCatalogSource source() {
        return new DynamoDbCatalogSource(settings(), DDB.client(), table);
    }

    private CatalogException failure(DynamoDbCatalogSource source) {
        var e = assertThrows(CatalogException.class, source::load);
        assertTrue(e.getMessage().startsWith("Invalid tenant catalog DynamoDB table " + table + " "),
                e.getMessage());
        return e;
    }

    private static Map<String, AttributeValue> item(String tenantId) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenantId", s(tenantId));
        item.put("tenantName", s("Name of " + tenantId));
        item.put("tier", s("PLATINUM"));
        item.put("account", s("444444444444"));
        item.put("region", s("eu-west-1"));
        return item;
    }

    private static Map<String, AttributeValue> item(String tenantId, String attribute, AttributeValue value) {
        Map<String, AttributeValue> item = item(tenantId);
        item.put(attribute, value);
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    private static SiloTenant tenant(String tenantId, boolean canary, Integer wave) {
        return new SiloTenant(tenantId, "Name of " + tenantId, Tier.PLATINUM, new AwsEnv("444444444444", "eu-west-1"),
                canary, wave);
    }

    private static void assertNames(String problem, String... parts) {
        for (String part : parts) {
            assertTrue(problem.contains(part), () -> "expected '" + part + "' in: " + problem);
        }
    }

    /** The single problem of a table holding only {@code item}. */
    private String onlyProblem(Map<String, AttributeValue> item) {
        DDB.put(table, List.of(item));
        var e = failure(source());
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void tenantsComeFromTheTableAndFleetSettingsFromTheFile() {
        DDB.put(table, List.of(item("initech"), item("umbrella")));
        FleetCatalog file = settings().load();

        FleetCatalog catalog = source().load();

        assertEquals(List.of(tenant("initech", false, null), tenant("umbrella", false, null)), catalog.tenants());
        assertEquals(file.pipeline(), catalog.pipeline());
        assertEquals(file.baseline(), catalog.baseline());
        assertEquals(file.pooledTiers(), catalog.pooledTiers());
    }

    @Test
    void theSeededSettingsAndOperatorsComeFromTheSettingsSourceLikeTheOtherFleetSettings() {
        DDB.put(table, List.of(item("initech")));
        var withSeeds = Catalogs.withTenants("[]").replaceFirst("\\{", "{\"settings\": {\"siloPlacement\": "
                + "{\"account\": \"222222222222\", \"region\": \"us-east-1\"}}, \"operators\": "
                + "[{\"email\": \"ops@example.com\", \"role\": \"SystemAdmin\"}],");
        var source = new DynamoDbCatalogSource(new JsonFileCatalogSource(Catalogs.write(dir, withSeeds)), DDB.client(),
                table);

        FleetCatalog catalog = source.load();

        assertEquals(List.of(tenant("initech", false, null)), catalog.tenants());
        assertEquals(new AwsEnv("222222222222", "us-east-1"), catalog.settings().orElseThrow().siloPlacement());
        assertEquals(List.of(new OperatorEntry("ops@example.com", "SystemAdmin")), catalog.operators());
    }

    /** README, "Onboarding and offboarding a silo tenant in the pipeline": the table is what the pipeline deploys. */
    @Test
    void aSiloTenantOnlyInTheFileFailsThePipelinesSynthNamingItInsteadOfBeingDropped() {
        DDB.put(table, List.of(item("initech")));
        var listed = new JsonFileCatalogSource(Catalogs.write(dir, Catalogs.withTenants("""
                [{"tenantId": "initech", "tenantName": "Name of initech", "tier": "PLATINUM",
                  "account": "444444444444", "region": "eu-west-1"},
                 {"tenantId": "acme", "tenantName": "Acme Corp", "tier": "PLATINUM",
                  "account": "333333333333", "region": "eu-west-1"}]""")));

        var e = failure(new DynamoDbCatalogSource(listed, DDB.client(), table));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertNames(e.problems().get(0), "silo tenant 'acme'", "not in table " + table, "POST /tenants");
    }

    @Test
    void aSiloTenantInBothFileAndTableMustAgreeWithTheTable() {
        DDB.put(table, List.of(item("initech", "canary", AttributeValue.fromBool(true))));
        String initech = """
                [{"tenantId": "initech", "tenantName": "Name of initech", "tier": "PLATINUM",
                  "account": "444444444444", "region": "eu-west-1", "canary": %s}]""";

        var agreeing = new JsonFileCatalogSource(Catalogs.write(dir, Catalogs.withTenants(initech.formatted("true"))));
        assertEquals(List.of(tenant("initech", true, null)),
                new DynamoDbCatalogSource(agreeing, DDB.client(), table).load().tenants());

        var differing = new JsonFileCatalogSource(Catalogs.write(dir, Catalogs.withTenants(initech.formatted("false"))));
        var e = failure(new DynamoDbCatalogSource(differing, DDB.client(), table));
        assertNames(e.problems().get(0), "silo tenant 'initech'", "canary=false", "canary=true", "table's record");
    }

    @Test
    void everyPageOfALargeTableIsReadConsistentlyAndTenantsAreSortedById() {
        List<String> ids = IntStream.rangeClosed(1, 120).mapToObj(i -> String.format("tenant-%03d", i)).toList();
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(7));
        DDB.put(table, shuffled.stream().map(DynamoDbCatalogSourceTest::item).toList());
        List<ScanRequest> scans = new ArrayList<>();
        ExecutionInterceptor recordScans = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof ScanRequest scan) {
                    scans.add(scan);
                }
            }
        };

        List<SiloTenant> tenants;
        try (DynamoDbClient watched = DDB.client(recordScans)) {
            tenants = new DynamoDbCatalogSource(settings(), watched, table).withPageSize(25).load().tenants();
        }

        assertEquals(ids, tenants.stream().map(SiloTenant::tenantId).toList());
        assertEquals(5, scans.size(), "120 items in pages of 25");
        assertTrue(scans.stream().allMatch(scan -> scan.consistentRead() && scan.limit() == 25), scans::toString);
        assertTrue(scans.stream().skip(1).allMatch(scan -> !scan.exclusiveStartKey().isEmpty()), scans::toString);
    }

    @Test
    void canaryBooleanAndWaveNumberAreRead() {
        var acme = item("acme", "canary", AttributeValue.fromBool(true));
        acme.put("wave", n("1"));
        DDB.put(table, List.of(acme, item("globex", "wave", n("3")), item("initech", "canary",
                AttributeValue.fromBool(false))));

        assertEquals(List.of(tenant("acme", true, 1), tenant("globex", false, 3), tenant("initech", false, null)),
                source().load().tenants());
    }

    @Test
    void bookkeepingAttributesWrittenByProvisioningAreAccepted() {
        var acme = item("acme", "stackName", s("saas-silo-acme"));
        acme.put("createdAt", s("2026-11-02T10:15:00Z"));
        acme.put("updatedAt", s("2026-11-03T08:00:00Z"));
        acme.put("status", s("PROVISIONED"));
        DDB.put(table, List.of(acme));

        assertEquals(List.of(tenant("acme", false, null)), source().load().tenants());
    }

    @Test
    void bookkeepingAttributeOfAnotherTypeIsRejected() {
        assertEquals(ITEM + "1 (tenantId 'acme'): field 'createdAt' must be a string, got number",
                onlyProblem(item("acme", "createdAt", n("1762078500"))));
    }

    @Test
    void unknownAttributeIsRejectedWithSuggestion() {
        assertNames(onlyProblem(item("acme", "cannary", AttributeValue.fromBool(true))),
                ITEM + "1 (tenantId 'acme')", "unknown field 'cannary'", "did you mean 'canary'",
                "stackName, createdAt, updatedAt, status");
    }

    @Test
    void accountStoredAsNumberIsAWrongType() {
        assertEquals(ITEM + "1 (tenantId 'acme'): field 'account' must be a string, got number",
                onlyProblem(item("acme", "account", n("444444444444"))));
    }

    @Test
    void waveThatIsNotAnIntegerIsRejected() {
        assertEquals(ITEM + "1 (tenantId 'acme'): field 'wave' must be an integer >= 1, got number",
                onlyProblem(item("acme", "wave", n("2.5"))));
    }

    @Test
    void listMapSetNullAndBinaryOnKnownFieldsAreWrongTypesNamingItemAndField() {
        DDB.put(table, List.of(
                item("acme", "tenantName", AttributeValue.fromL(List.of(s("Acme")))),
                item("globex", "region", AttributeValue.fromM(Map.of("name", s("eu-west-1")))),
                item("initech", "account", AttributeValue.fromSs(List.of("444444444444"))),
                item("umbrella", "canary", AttributeValue.fromNul(true)),
                item("wayne", "tier", AttributeValue.fromB(SdkBytes.fromUtf8String("PLATINUM")))));

        var e = failure(source());

        assertEquals(List.of(
                ITEM + "1 (tenantId 'acme'): field 'tenantName' must be a string, got array",
                ITEM + "2 (tenantId 'globex'): field 'region' must be a string, got object",
                ITEM + "3 (tenantId 'initech'): field 'account' must be a string, got array",
                ITEM + "4 (tenantId 'umbrella'): field 'canary' must be a boolean (true or false), got null",
                ITEM + "5 (tenantId 'wayne'): field 'tier' must be a string, got binary"), e.problems());
    }

    @Test
    void badRecordFailsNamingItsTenantIdAndField() {
        DDB.put(table, List.of(item("acme"), item("globex", "account", s("4444"))));

        var e = failure(source());

        assertEquals(List.of(ITEM + "2 (tenantId 'globex'): field 'account' must be exactly 12 digits, got '4444'"),
                e.problems());
    }

    @Test
    void everyBadRecordIsReported() {
        DDB.put(table, List.of(item("acme"), item("globex", "tier", s("BASIC")), item("Initech"),
                item("umbrella", "region", s("eu-west-9"))));

        var e = failure(source());

        assertEquals(3, e.problems().size(), e.getMessage());
        assertNames(e.problems().get(0), "(tenantId 'Initech')", "field 'tenantId' must match");
        assertNames(e.problems().get(1), "(tenantId 'globex')", "field 'tier'", "pooled tenants");
        assertNames(e.problems().get(2), "(tenantId 'umbrella')", "field 'region'", "unknown AWS region 'eu-west-9'");
    }

    @Test
    void tableKeyedByAnotherAttributeFailsOnEveryItemByPosition() {
        String otherTable = DDB.createTable("id");
        DDB.put(otherTable, List.of(Map.of("id", s("a"), "tenantName", s("Acme"))));

        var e = assertThrows(CatalogException.class,
                () -> new DynamoDbCatalogSource(settings(), DDB.client(), otherTable).load());

        assertTrue(e.getMessage().contains(otherTable), e.getMessage());
        assertTrue(e.problems().contains(ITEM + "1: unknown field 'id'; allowed: tenantId, tenantName, tier,"
                + " account, region, canary, wave, monthlyBudgetUsd, stackName, createdAt, updatedAt, status"), e.getMessage());
        assertTrue(e.problems().contains(ITEM + "1: field 'tenantId' is missing"), e.getMessage());
    }

    @Test
    void emptyTableWithoutTheFleetMarkerFailsNamingTheTableAndTheFix() {
        var e = failure(source());

        assertEquals(1, e.problems().size(), e.getMessage());
        assertNames(e.problems().get(0), "table " + table + " has no silo tenant and no fleet marker",
                "item tenantId '#fleet'", "remove every tenant stage", "scripts/install-fleet.sh",
                "'scripts/install-fleet.sh mark'");
    }

    @Test
    void emptyTableYieldsAFleetWithoutSiloTenantsOnlyWhenExplicitlyAllowed() {
        FleetCatalog catalog = source().withEmptyFleetAllowed().load();

        assertEquals(List.of(), catalog.tenants());
        assertEquals(settings().load().pooledTiers(), catalog.pooledTiers());
    }

    @Test
    void tableWithOnlyTheFleetMarkerIsAFleetWithoutSiloTenantsSoItsLastTenantCanBeOffboarded() {
        DDB.put(table, List.of(item("acme")));
        assertEquals(List.of("acme"), source().load().tenants().stream().map(SiloTenant::tenantId).toList());
        assertTrue(FleetMarker.write(DDB.client(), table, "saas", Clock.systemUTC()));
        DDB.client().deleteItem(r -> r.tableName(table).key(Map.of("tenantId", s("acme"))));

        FleetCatalog catalog = source().load();

        assertEquals(List.of(), catalog.tenants());
        assertEquals(settings().load().pooledTiers(), catalog.pooledTiers());
    }

    @Test
    void fleetMarkerIsNeverReadAsATenant() {
        FleetMarker.write(DDB.client(), table, "saas", Clock.systemUTC());
        DDB.put(table, List.of(item("acme"), item("globex")));

        assertEquals(List.of(tenant("acme", false, null), tenant("globex", false, null)), source().load().tenants());
    }

    @Test
    void fleetMarkerOfAnotherFleetFailsTheLoad() {
        FleetMarker.write(DDB.client(), table, "other", Clock.systemUTC());

        var e = failure(source());

        assertEquals(1, e.problems().size(), e.getMessage());
        assertNames(e.problems().get(0), "fleet marker in table " + table, "written for fleet 'other', not 'saas'");
    }

    @Test
    void fleetMarkerIsWrittenOnceAndNeverOverwritten() {
        var first = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        var later = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

        assertTrue(FleetMarker.write(DDB.client(), table, "saas", first));
        assertFalse(FleetMarker.write(DDB.client(), table, "saas", later));

        var marker = DDB.client().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("tenantId", s(FleetMarker.TENANT_ID)))).item();
        assertEquals(Map.of("tenantId", s("#fleet"), "fleetName", s("saas"), "installedAt",
                s("2026-01-01T00:00:00Z")), marker);
    }

    @Test
    void missingTableFailsNamingTheTableAndTheInstallation() {
        var source = new DynamoDbCatalogSource(settings(), DDB.client(), "no-such-table");

        var e = assertThrows(CatalogException.class, source::load);

        assertEquals(1, e.problems().size(), e.getMessage());
        assertNames(e.problems().get(0), "cannot read table no-such-table: ResourceNotFoundException",
                "does the table exist", "a fresh installation creates it with scripts/install-fleet.sh");
        assertInstanceOf(ResourceNotFoundException.class, e.getCause());
    }

    @Test
    void missingTableIsAFleetWithoutSiloTenantsOnlyInTheBootstrapSynth() {
        var source = new DynamoDbCatalogSource(settings(), DDB.client(), "no-such-table").withEmptyFleetAllowed();

        assertEquals(List.of(), source.load().tenants());
    }

    @Test
    void theBootstrapSynthStillListsFileTenantsTheMissingTableLacks() {
        var settings = new JsonFileCatalogSource(Catalogs.write(dir, Catalogs.valid()));
        var source = new DynamoDbCatalogSource(settings, DDB.client(), "no-such-table").withEmptyFleetAllowed();

        var e = assertThrows(CatalogException.class, source::load);

        assertTrue(e.problems().stream().allMatch(p -> p.contains("which is not in table no-such-table")),
                e.getMessage());
    }

    @Test
    void unreachableTableFailsAndYieldsNoCatalog() {
        try (DynamoDbClient unreachable = MotoCatalogTables.unreachableClient()) {
            var source = new DynamoDbCatalogSource(settings(), unreachable, table);

            var e = assertThrows(CatalogException.class, source::load);

            assertEquals(1, e.problems().size(), e.getMessage());
            assertNames(e.problems().get(0), "cannot read table " + table + ": SdkClientException",
                    "Unable to execute HTTP request");
            assertInstanceOf(SdkClientException.class, e.getCause());
            // Not even the bootstrap synth takes an unreadable table for an empty fleet.
            assertThrows(CatalogException.class, source.withEmptyFleetAllowed()::load);
        }
    }

    @Test
    void invalidFleetSettingsAreReportedWithTheTableProblems() {
        String settingsFile = Catalogs.withPipeline("""
                {"account": "1111", "region": "us-east-1",
                 "connectionArn": "arn:aws:codeconnections:us-east-1:111111111111:connection/5f2c9a8e-3b1d",
                 "repository": "example-org/saas-fleet", "branch": "main"}""");
        DDB.put(table, List.of(item("acme", "account", s("4444"))));
        var source = new DynamoDbCatalogSource(new JsonFileCatalogSource(Catalogs.write(dir, settingsFile)),
                DDB.client(), table);

        var e = failure(source);

        assertEquals(List.of("fleet settings: pipeline: field 'account' must be exactly 12 digits, got '1111'",
                ITEM + "1 (tenantId 'acme'): field 'account' must be exactly 12 digits, got '4444'"), e.problems());
    }

    @Test
    void describeNamesTheTableAndTheSettingsSource() {
        var settings = settings();
        assertEquals("DynamoDB table " + table + " (fleet settings from " + settings.describe() + ")",
                new DynamoDbCatalogSource(settings, DDB.client(), table).describe());
    }

    @Test
    void blankTableNameAndPageSizeBelowOneAreRejectedUpFront() {
        assertThrows(IllegalArgumentException.class,
                () -> new DynamoDbCatalogSource(settings(), DDB.client(), " "));
        assertThrows(IllegalArgumentException.class, () -> source().withPageSize(0));
    }
}
