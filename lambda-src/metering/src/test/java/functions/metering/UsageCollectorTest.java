package functions.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.EmfLines;
import functions.shared.MotoAccount;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The daily usage record per tenant, from each stack's usage plan through the stack's control-plane role. */
class UsageCollectorTest {

    private static final LocalDate DAY = LocalDate.parse("2026-12-01");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), ZoneOffset.UTC);

    private static Map<String, Long> requests(MeteringWorld world) {
        Map<String, Long> byTenant = new TreeMap<>();
        world.dynamo.scan(r -> r.tableName(world.usage).consistentRead(true)).items().stream()
                .filter(i -> !i.get("tenantId").s().equals(DayMarkers.PARTITION))
                .forEach(i -> assertEquals(null, byTenant.put(i.get("tenantId").s() + "@" + i.get("day").s(),
                        Long.parseLong(i.get("requests").n())), "one item per tenant and day"));
        return byTenant;
    }

    @Test
    void scheduledRunMetersThePreviousUtcDayPerTenantFromItsStacksUsagePlan() {
        MeteringWorld world = new MeteringWorld(CLOCK);
        MeteringWorld.Fleet fleet = world.workedExampleFleet();

        var points = EmfLines.during(() -> new UsageCollectorHandler(world.collector(), CLOCK)
                .handleRequest(Map.of("source", "aws.events", "detail-type", "Scheduled Event"), null));

        assertEquals(Map.of("acme@2026-12-01", 50L, "basic-a@2026-12-01", 1000L, "basic-b@2026-12-01", 1000L,
                "basic-c@2026-12-01", 1000L, "basic-d@2026-12-01", 0L, "std-x@2026-12-01", 2000L,
                "std-y@2026-12-01", 1000L), requests(world));
        assertTrue(world.usageTable().complete(DAY));
        UsageRecord acme = world.usageTable().range("acme", DAY, DAY).get(0);
        assertEquals(Map.of("a1b2c3d4e5/prod", 50L), acme.requestsByApi());
        assertEquals(fleet.silo().id(), acme.location().account());
        assertEquals(Map.of("ProductTable", 0L, "OrderTable", 0L), acme.itemsStoredByTable());
        assertEquals(0L, acme.itemsStored());
        // Each GetUsage asked for exactly that one day, signed for the stack's region with the stack role's session.
        assertEquals(3, world.apiGatewayWire.answered().size());
        world.apiGatewayWire.answered().forEach(r -> {
            assertEquals("2026-12-01", r.query("startDate"));
            assertEquals("2026-12-01", r.query("endDate"));
            assertTrue(r.securityToken() != null, "assumed-role credentials");
        });
        assertEquals(java.util.Set.of("us-east-1", "eu-west-1", "us-west-2"), world.apiGatewayWire.answered().stream()
                .map(r -> r.signingRegion()).collect(java.util.stream.Collectors.toSet()));
        var metered = points.stream().filter(p -> p.metric().equals(MeteringMetrics.TENANTS_METERED)).toList();
        assertEquals(1, metered.size());
        assertEquals(7.0, metered.get(0).value());
        assertEquals(java.util.List.of("Service", "Tier"), metered.get(0).dimensionKeys());
    }

    @Test
    void rerunningADayOverwritesItAndNeverDoublesIt() {
        MeteringWorld world = new MeteringWorld(CLOCK);
        world.workedExampleFleet();
        world.collector().collect(DAY);
        Map<String, Long> first = requests(world);

        world.collector().collect(DAY);

        assertEquals(first, requests(world));
        assertEquals(1000L, first.get("basic-a@2026-12-01"));
    }

    @Test
    void aStackThatCannotBeReadLeavesTheDayIncompleteAndFailsTheRunAfterWritingTheOthers() {
        MeteringWorld world = new MeteringWorld(CLOCK);
        world.workedExampleFleet();
        // A tenant placed in an account whose stack was never deployed: no control-plane role, no outputs.
        world.tenant("lost-tenant", "PREMIUM", "ACTIVE", "saas-pooled-premium", MotoAccount.fresh(), "us-east-1",
                "key-lost");

        java.util.List<UsageRecord> billed = new java.util.ArrayList<>();
        var e = assertThrows(UsageCollector.IncompleteDayException.class,
                () -> world.collector(java.util.List.of((day, records) -> billed.addAll(records))).collect(DAY));

        assertTrue(e.getMessage().contains("saas-pooled-premium"), e.getMessage());
        assertEquals(1000L, requests(world).get("basic-a@2026-12-01"));
        assertFalse(requests(world).containsKey("lost-tenant@2026-12-01"));
        assertFalse(world.usageTable().complete(DAY));
        assertEquals(java.util.List.of(), billed, "a billing sink never gets a day that is not complete");
    }

    @Test
    void billingSinksGetTheDayOnlyOnceItsMarkerSaysComplete() {
        MeteringWorld world = new MeteringWorld(CLOCK);
        world.workedExampleFleet();
        java.util.List<Boolean> completeWhenDelivered = new java.util.ArrayList<>();
        java.util.List<UsageRecord> billed = new java.util.ArrayList<>();

        world.collector(java.util.List.of((day, records) -> {
            completeWhenDelivered.add(world.usageTable().complete(day));
            billed.addAll(records);
        })).collect(DAY);

        assertEquals(java.util.List.of(true), completeWhenDelivered);
        assertEquals(7, billed.size(), "every metered tenant of the day, once");
    }

    @Test
    void itemsStoredCountsEachTenantsOwnItemsOverEveryShardOfEachTenantTableFollowingPages() {
        MeteringWorld world = new MeteringWorld(CLOCK);
        world.workedExampleFleet();
        // basic-a: 9 products of ~350 KB; its shard 0 holds items 0, 4 and 8 (over 1 MB), so counting it takes two
        // Query pages (DynamoDB counts at most 1 MB per page; moto pages at 1 MB as well).
        world.storeItems("saas-pooled-basic", "ProductTable", "basic-a", 9, 350_000);
        world.storeItems("saas-pooled-basic", "ProductTable", "basic-b", 1, 10);
        world.storeItems("saas-pooled-basic", "OrderTable", "basic-b", 2, 10);
        world.storeItems("saas-silo-acme", "OrderTable", "acme", 5, 10);
        assertTrue(world.firstCountPageIsPartial("saas-pooled-basic", "ProductTable", "basic-a-0"),
                "precondition: basic-a's shard 0 takes more than one Query page");

        world.collector().collect(DAY);

        Map<String, Map<String, Long>> byTable = new TreeMap<>();
        Map<String, Long> total = new TreeMap<>();
        for (String t : java.util.List.of("basic-a", "basic-b", "basic-c", "acme", "std-x")) {
            UsageRecord record = world.usageTable().range(t, DAY, DAY).get(0);
            byTable.put(t, record.itemsStoredByTable());
            total.put(t, record.itemsStored());
        }
        assertEquals(Map.of("ProductTable", 9L, "OrderTable", 0L), byTable.get("basic-a"));
        assertEquals(Map.of("ProductTable", 1L, "OrderTable", 2L), byTable.get("basic-b"));
        assertEquals(Map.of("ProductTable", 0L, "OrderTable", 0L), byTable.get("basic-c"));
        assertEquals(Map.of("ProductTable", 0L, "OrderTable", 5L), byTable.get("acme"));
        assertEquals(Map.of("acme", 5L, "basic-a", 9L, "basic-b", 3L, "basic-c", 0L, "std-x", 0L), total);
        var item = world.dynamo.getItem(r -> r.tableName(world.usage).key(DayMarkers.key("basic-b", DAY))).item();
        assertEquals("3", item.get("itemsStored").n());
        assertEquals("2", item.get("itemsStoredByTable").m().get("OrderTable").n());
    }

    @Test
    void aStackThatPublishesNoTenantTablesLeavesTheDayIncomplete() {
        MeteringWorld world = new MeteringWorld(CLOCK);
        world.workedExampleFleet();
        MotoAccount premium = MotoAccount.fresh();
        world.usageOf(world.stack("saas-pooled-premium", premium, "us-east-1", false),
                "aws/apigateway-get-usage-basic.json");
        world.tenant("prem-a", "PREMIUM", "ACTIVE", "saas-pooled-premium", premium, "us-east-1", "key-basic-a");

        var e = assertThrows(UsageCollector.IncompleteDayException.class, () -> world.collector().collect(DAY));

        assertTrue(e.getMessage().contains("saas-pooled-premium"), e.getMessage());
        assertFalse(requests(world).containsKey("prem-a@2026-12-01"));
        assertEquals(1000L, requests(world).get("basic-a@2026-12-01"));
        assertFalse(world.usageTable().complete(DAY));
    }
}
