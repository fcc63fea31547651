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
}
