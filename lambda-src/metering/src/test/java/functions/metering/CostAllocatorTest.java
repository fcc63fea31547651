package functions.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.provisioning.AccountRegion;
import functions.provisioning.PooledTierStacks;
import functions.provisioning.StackLocation;
import contract.Tier;
import functions.shared.EmfLines;
import functions.shared.FailingRequests;
import functions.shared.MotoAccount;
import functions.shared.MotoDynamoDb;
import functions.shared.RecordedAnswers;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.DataUnavailableException;
import software.amazon.awssdk.services.costexplorer.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Cost per tenant and day from Cost Explorer (moto's configured GetCostAndUsage results; the throttle and failure
 * as AWS's recorded error answers, which moto never gives) and the day's metered usage.
 */
class CostAllocatorTest {

    private static final LocalDate DAY = LocalDate.parse("2026-12-01");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T06:00:00Z"), ZoneOffset.UTC);

    private static Map<String, String> amounts(MeteringWorld world, LocalDate day, List<String> tenants) {
        Map<String, String> byTenant = new TreeMap<>();
        for (String tenant : tenants) {
            world.costTable().range(tenant, day, day).forEach(r -> byTenant.put(tenant,
                    r.cost().text() + " " + r.cost().currency() + " " + r.method()));
        }
        return byTenant;
    }

    private static final List<String> EVERYONE = List.of("acme", "globex", "basic-a", "basic-b", "basic-c", "basic-d",
            "basic-gone", "std-x", "std-y");

    private static List<Map<String, Object>> workedExampleCosts() {
        return List.of(
                MeteringWorld.groupedResult("2026-12-01", "2026-12-02", Map.of(
                        "TenantId$acme", "12.345", "TenantId$globex", "0.004",
                        "TenantId$", "99.99", "TenantId$Not_A_Tenant", "1.00")),
                MeteringWorld.totalResult("2026-12-01", "2026-12-02", "10.0049999"),
                MeteringWorld.totalResult("2026-12-01", "2026-12-02", "7.005"));
    }

    @Test
    void workedExampleSiloTenantsByTagAndPooledTiersApportionedByRequestsExactToTheCent() {
        MeteringWorld world = new MeteringWorld(CLOCK);
        MeteringWorld.Fleet fleet = world.workedExampleFleet();
        world.collector().collect(DAY);
        world.costExplorerAnswers(workedExampleCosts());

        var points = EmfLines.during(() -> new CostAllocatorHandler(
                world.allocator(world.costExplorer(), fleet.pooled()), CLOCK).handleRequest(Map.of(), null));

        assertEquals(new TreeMap<>(Map.of(
                // Silo: the TenantId tag's cost, rounded half-up to the cent once.
                "acme", "12.35 USD tagged", "globex", "0.00 USD tagged",
                // BASIC: 10.0049999 -> 10.00 over 1000:1000:1000:0 requests; the cent left goes to basic-a.
                "basic-a", "3.34 USD apportioned", "basic-b", "3.33 USD apportioned",
                "basic-c", "3.33 USD apportioned", "basic-d", "0.00 USD apportioned",
                // STANDARD: 7.005 -> 7.01 over 2000:1000 requests (467.33 and 233.67 cents).
                "std-x", "4.67 USD apportioned", "std-y", "2.34 USD apportioned")), amounts(world, DAY, EVERYONE));
        assertEquals(new BigDecimal("10.00"), sum(world, DAY, List.of("basic-a", "basic-b", "basic-c", "basic-d")));
        assertEquals(new BigDecimal("7.01"), sum(world, DAY, List.of("std-x", "std-y")));

        CostRecord basicA = world.costTable().range("basic-a", DAY, DAY).get(0);
        assertEquals(Map.of("environment", "BASIC " + fleet.basic() + "/us-east-1", "environmentCost", "10.00",
                "tenantRequests", "1000", "environmentRequests", "3000", "share", "1000/3000", "estimated", "false"),
                basicA.basis());
        assertEquals(Map.of("tag", "TenantId=acme", "metric", "UnblendedCost", "estimated", "false"),
                world.costTable().range("acme", DAY, DAY).get(0).basis());
        Map<String, AttributeValue> marker = world.dynamo.getItem(r -> r.tableName(world.cost)
                .key(DayMarkers.key(DayMarkers.PARTITION, DAY))).item();
        assertEquals("12.35", marker.get("totals").m().get("silo").s());
        assertEquals("1.00", marker.get("totals").m().get("unattributed").s());
        assertEquals("99.99", marker.get("totals").m().get("untagged").s(), "the TenantId$ group, summed");
        assertEquals("8", marker.get("records").n());
        var written = points.stream().filter(p -> p.metric().equals(MeteringMetrics.COST_RECORDS_WRITTEN)).toList();
        assertEquals(1, written.size());
        assertEquals(8.0, written.get(0).value());
    }

    private static BigDecimal sum(MeteringWorld world, LocalDate day, List<String> tenants) {
        return tenants.stream().flatMap(t -> world.costTable().range(t, day, day).stream())
                .map(r -> r.cost().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** A small committed day D-1 and the same fleet's usage of DAY, ready for a failing run of DAY. */
    private static MeteringWorld committedDayBefore(MotoAccount pooledAccount) {
        MeteringWorld world = new MeteringWorld(CLOCK);
        LocalDate before = DAY.minusDays(1);
        StackLocation basic = new StackLocation("saas-pooled-basic",
                new AccountRegion(pooledAccount.id(), "us-east-1"));
        world.tenant("basic-a", "BASIC", "ACTIVE", basic.stackName(), pooledAccount, "us-east-1", "key-basic-a");
        world.tenant("basic-b", "BASIC", "ACTIVE", basic.stackName(), pooledAccount, "us-east-1", "key-basic-b");
        for (LocalDate day : List.of(before, DAY)) {
            world.usageTable().put(new UsageRecord("basic-a", day, Tier.BASIC, basic, 3, Map.of(), "plan", "t"));
            world.usageTable().put(new UsageRecord("basic-b", day, Tier.BASIC, basic, 1, Map.of(), "plan", "t"));
            world.usageTable().markComplete(day, List.of("basic-a", "basic-b"), "t");
        }
        world.costExplorerAnswers(List.of(
                MeteringWorld.groupedResult("2026-11-30", "2026-12-01", Map.of("TenantId$acme", "1.00")),
                MeteringWorld.totalResult("2026-11-30", "2026-12-01", "2.00"),
                MeteringWorld.groupedResult("2026-12-01", "2026-12-02", Map.of("TenantId$acme", "5.00"))));
        world.allocator(world.costExplorer(), pools(pooledAccount)).allocate(before);
        return world;
    }

    private static PooledTierStacks pools(MotoAccount account) {
        return PooledTierStacks.parse("BASIC=" + account + "/us-east-1");
    }

    private static CostExplorerClient answering(MeteringWorld world, RecordedAnswers wire) {
        return CostExplorerCostSource.retrying(world.costAccount.configure(CostExplorerClient.builder(), "us-east-1"),
                BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(20))).httpClient(wire).build();
    }

    @Test
    void aCostExplorerThrottleIsRetriedWithBackoffAndTheDayIsCosted() {
        MotoAccount pooled = MotoAccount.fresh();
        MeteringWorld world = committedDayBefore(pooled);
        AtomicInteger throttles = new AtomicInteger();
        // AWS's LimitExceededException (HTTP 400) twice on the pooled query, then moto's answer.
        RecordedAnswers wire = new RecordedAnswers(UrlConnectionHttpClient.create()).answer(
                r -> r.body() != null && r.body().contains("LINKED_ACCOUNT") && throttles.incrementAndGet() <= 2,
                "aws/ce-get-cost-and-usage-limit-exceeded.json");
        world.costExplorerAnswers(List.of(MeteringWorld.totalResult("2026-12-01", "2026-12-02", "2.00")));

        world.allocator(answering(world, wire), pools(pooled)).allocate(DAY);

        assertEquals(2, wire.answered().size());
        assertTrue(world.costTable().committedRun(DAY).isPresent());
        assertEquals(Map.of("acme", "5.00 USD tagged", "basic-a", "1.50 USD apportioned",
                "basic-b", "0.50 USD apportioned"), amounts(world, DAY, List.of("acme", "basic-a", "basic-b")));
    }

    @Test
    void throttledCostExplorerWritesNothingOfTheDayLeavesEarlierDaysAndFailsTheRun() {
        MotoAccount pooled = MotoAccount.fresh();
        MeteringWorld world = committedDayBefore(pooled);
        var earlier = world.costItems();
        // The silo query is answered; the pooled environment's query is throttled (every retry too).
        RecordedAnswers wire = new RecordedAnswers(UrlConnectionHttpClient.create()).answer(
                r -> r.body() != null && r.body().contains("LINKED_ACCOUNT"),
                "aws/ce-get-cost-and-usage-limit-exceeded.json");
        CostExplorerClient throttled = answering(world, wire);
        CostAllocatorHandler handler = new CostAllocatorHandler(world.allocator(throttled, pools(pooled)), CLOCK);

        var points = EmfLines.during(() -> assertThrows(LimitExceededException.class,
                () -> handler.handleRequest(Map.of(), null)));

        assertEquals(earlier, world.costItems(), "no item of the day, earlier days untouched");
        assertFalse(world.costTable().committedRun(DAY).isPresent());
        assertEquals(Map.of("acme", "1.00 USD tagged", "basic-a", "1.50 USD apportioned",
                "basic-b", "0.50 USD apportioned"),
                amounts(world, DAY.minusDays(1), List.of("acme", "basic-a", "basic-b")));
        assertTrue(points.stream().noneMatch(p -> p.metric().equals(MeteringMetrics.COST_RECORDS_WRITTEN)));
        assertEquals(1, wire.sent().size() - wire.answered().size(), "the silo query reached Cost Explorer");
        assertEquals(CostExplorerCostSource.MAX_ATTEMPTS, wire.answered().size(), "the pooled query, every attempt");
    }

    @Test
    void failingCostExplorerWritesNothingOfTheDayAndFailsTheRun() {
        MotoAccount pooled = MotoAccount.fresh();
        MeteringWorld world = committedDayBefore(pooled);
        var earlier = world.costItems();
        RecordedAnswers wire = new RecordedAnswers(UrlConnectionHttpClient.create())
                .answer(r -> true, "aws/ce-get-cost-and-usage-data-unavailable.json");
        CostExplorerClient failing = answering(world, wire);
        int mark = functions.shared.LogCapture.mark();

        assertThrows(DataUnavailableException.class,
                () -> world.allocator(failing, pools(pooled)).allocate(DAY));

        var failed = functions.shared.LogCapture.since(mark).stream()
                .filter(l -> l.contains("\"cost_explorer_failed\"")).toList();
        assertEquals(1, failed.size(), "one line saying what to do");
        assertTrue(failed.get(0).contains("DataUnavailableException") && failed.get(0).contains("rerun"),
                failed.get(0));

        assertEquals(earlier, world.costItems());
        assertEquals(1, wire.sent().size(), "no data is no throttle: not retried");
    }

    @Test
    void aDayWhoseUsageIsIncompleteIsNotCosted() {
        MeteringWorld world = new MeteringWorld(CLOCK);
        MotoAccount pooled = MotoAccount.fresh();

        var e = assertThrows(IllegalStateException.class,
                () -> world.allocator(world.costExplorer(), pools(pooled)).allocate(DAY));

        assertTrue(e.getMessage().contains("usage of 2026-12-01 is not complete"), e.getMessage());
        assertEquals(List.of(), world.costItems());
    }

    @Test
    void aRerunThatFailsWhileWritingLeavesTheCommittedDayAndAGoodRerunReplacesItWhole() {
        MotoAccount pooled = MotoAccount.fresh();
        MeteringWorld world = committedDayBefore(pooled);
        LocalDate before = DAY.minusDays(1);
        List<String> tenants = List.of("acme", "basic-a", "basic-b");
        Map<String, String> committed = amounts(world, before, tenants);
        // Cost Explorer's figures for the day changed since (another account's answers: 9.00 silo, 4.00 pooled).
        MotoAccount revised = MotoAccount.fresh();
        MeteringWorld.costExplorerAnswers(revised, List.of(
                MeteringWorld.groupedResult("2026-11-30", "2026-12-01", Map.of("TenantId$acme", "9.00")),
                MeteringWorld.totalResult("2026-11-30", "2026-12-01", "4.00")));
        AtomicInteger updates = new AtomicInteger();
        var failing = MotoDynamoDb.get().clientWith(new FailingRequests(
                r -> r instanceof UpdateItemRequest && updates.incrementAndGet() == 2));
        var crashing = new CostAllocator(world.directory(), world.usageTable(),
                new CostExplorerCostSource(MeteringWorld.costExplorer(revised), "TenantId", "Tier"), pools(pooled),
                new TenantCostTable(failing, world.cost), world.metrics(), CLOCK, "TenantId");

        assertThrows(RuntimeException.class, () -> crashing.allocate(before));
        assertEquals(committed, amounts(world, before, tenants), "readers still see the committed run whole");

        var good = new CostAllocator(world.directory(), world.usageTable(),
                new CostExplorerCostSource(MeteringWorld.costExplorer(revised), "TenantId", "Tier"), pools(pooled),
                world.costTable(), world.metrics(), CLOCK, "TenantId");
        good.allocate(before);
        good.allocate(before);

        assertEquals(Map.of("acme", "9.00 USD tagged", "basic-a", "3.00 USD apportioned",
                "basic-b", "1.00 USD apportioned"), amounts(world, before, tenants));
        for (String tenant : tenants) {
            Map<String, AttributeValue> item = world.dynamo.getItem(r -> r.tableName(world.cost)
                    .key(DayMarkers.key(tenant, before))).item();
            assertEquals(1, item.keySet().stream().filter(k -> k.startsWith(TenantCostTable.RUN_PREFIX)).count(),
                    tenant + ": the replaced runs are tidied away: " + item.keySet());
        }
    }

    @Test
    void aTenantOffboardedAfterItsDayWasMeteredStillGetsItsShareOfThatDay() {
        MeteringWorld world = new MeteringWorld(CLOCK);
        MeteringWorld.Fleet fleet = world.workedExampleFleet();
        world.collector().collect(DAY);
        // Offboarded between the day's metering and its costing: its usage item of DAY stays the basis.
        world.tenant("basic-a", "BASIC", "OFFBOARDED", "saas-pooled-basic", fleet.basic(), "us-east-1", "key-basic-a");
        world.costExplorerAnswers(workedExampleCosts());

        world.allocator(world.costExplorer(), fleet.pooled()).allocate(DAY);

        assertEquals(Map.of("basic-a", "3.34 USD apportioned", "basic-b", "3.33 USD apportioned",
                "basic-c", "3.33 USD apportioned", "basic-d", "0.00 USD apportioned"),
                amounts(world, DAY, List.of("basic-a", "basic-b", "basic-c", "basic-d")));
    }

    @Test
    void costExplorersEstimatedFlagIsRecordedInEachRecordsBasis() {
        MeteringWorld world = new MeteringWorld(CLOCK);
        MotoAccount pooled = MotoAccount.fresh();
        StackLocation basic = new StackLocation("saas-pooled-basic", new AccountRegion(pooled.id(), "us-east-1"));
        world.tenant("basic-a", "BASIC", "ACTIVE", basic.stackName(), pooled, "us-east-1", "key-basic-a");
        world.usageTable().put(new UsageRecord("basic-a", DAY, Tier.BASIC, basic, 3, Map.of(), "plan", "t"));
        world.usageTable().markComplete(DAY, List.of("basic-a"), "t");
        world.costExplorerAnswers(List.of(
                MeteringWorld.groupedResult("2026-12-01", "2026-12-02", Map.of("TenantId$acme", "5.00"), true),
                MeteringWorld.totalResult("2026-12-01", "2026-12-02", "2.00", true)));

        world.allocator(world.costExplorer(), pools(pooled)).allocate(DAY);

        assertEquals("true", world.costTable().range("acme", DAY, DAY).get(0).basis().get("estimated"));
        assertEquals("true", world.costTable().range("basic-a", DAY, DAY).get(0).basis().get("estimated"));
    }

    private static CostRecord acme(String amount) {
        return new CostRecord("acme", DAY, new Money(new BigDecimal(amount), "USD"), CostRecord.TAGGED,
                Map.of("tag", "TenantId=acme"));
    }

    @Test
    void ofTwoRunsOfOneDayTheFirstToCommitWinsAndTheOtherFailsLoudly() {
        MeteringWorld world = new MeteringWorld(CLOCK);
        TenantCostTable table = world.costTable();
        var a = table.stage(DAY, "run-a", List.of(acme("1.00")));
        var b = table.stage(DAY, "run-b", List.of(acme("2.00")));
        table.commit(DAY, b, 1, Map.of("silo", "2.00"), "t");
        table.tidy(DAY, b);

        var e = assertThrows(TenantCostTable.ConcurrentRunException.class,
                () -> table.commit(DAY, a, 1, Map.of("silo", "1.00"), "t"));

        assertTrue(e.getMessage().contains("run-b"), e.getMessage());
        assertEquals(java.util.Optional.of("run-b"), table.committedRun(DAY));
        assertEquals("2.00", table.range("acme", DAY, DAY).get(0).cost().text(), "the winner's day stays readable");
    }

    @Test
    void tidyNeverRemovesTheRunTheMarkerNames() {
        MeteringWorld world = new MeteringWorld(CLOCK);
        TenantCostTable table = world.costTable();
        var a = table.stage(DAY, "run-a", List.of(acme("1.00")));
        var b = table.stage(DAY, "run-b", List.of(acme("2.00")));
        table.commit(DAY, a, 1, Map.of("silo", "1.00"), "t");

        table.tidy(DAY, b);

        assertEquals("1.00", table.range("acme", DAY, DAY).get(0).cost().text(), "run-a, committed, is kept");
    }
}
