package functions.metering;

import functions.provisioning.AccountRegion;
import functions.provisioning.StackLocation;
import contract.Tier;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * TenantUsage (partition {@code tenantId}, sort key {@code day} {@code YYYY-MM-DD}): one item per tenant and day,
 * written with PutItem, so a rerun of a day replaces it and never adds to it. Once every tenant of a day is
 * written, the day's marker ({@link DayMarkers}) records that the day is complete and lists its tenants: the cost
 * allocator apportions only complete days, over the tenants listed, and readers see only complete days.
 */
public final class TenantUsageTable implements BillingSink {

    private static final int BATCH_GET = 100;
    private static final int MAX_BATCH_ATTEMPTS = 8;
    private static final String TENANT_IDS = "tenantIds";

    private final DynamoDbClient dynamo;
    private final String tableName;

    public TenantUsageTable(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public void deliver(LocalDate day, List<UsageRecord> records) {
        records.forEach(this::put);
    }

    void put(UsageRecord record) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DayMarkers.TENANT_ID, AttributeValue.fromS(record.tenantId()));
        item.put(DayMarkers.DAY, AttributeValue.fromS(record.day().toString()));
        item.put("tier", AttributeValue.fromS(record.tier().name()));
        item.put("stackName", AttributeValue.fromS(record.location().stackName()));
        item.put("stackAccount", AttributeValue.fromS(record.location().account()));
        item.put("stackRegion", AttributeValue.fromS(record.location().region()));
        item.put("requests", AttributeValue.fromN(Long.toString(record.requests())));
        Map<String, AttributeValue> byApi = new HashMap<>();
        record.requestsByApi().forEach((api, n) -> byApi.put(api, AttributeValue.fromN(Long.toString(n))));
        item.put("requestsByApi", AttributeValue.fromM(byApi));
        item.put("itemsStored", AttributeValue.fromN(Long.toString(record.itemsStored())));
        Map<String, AttributeValue> byTable = new HashMap<>();
        record.itemsStoredByTable().forEach((t, n) -> byTable.put(t, AttributeValue.fromN(Long.toString(n))));
        item.put("itemsStoredByTable", AttributeValue.fromM(byTable));
        item.put("usagePlanId", AttributeValue.fromS(record.usagePlanId()));
        item.put("collectedAt", AttributeValue.fromS(record.collectedAt()));
        dynamo.putItem(r -> r.tableName(tableName).item(item));
    }

    /**
     * Records that every metered tenant of {@code day} is written, and which tenants those are: the cost of the day
     * is split over exactly them, whatever their status when it is costed. (A marker item holds 400 KB: about ten
     * thousand tenant ids.)
     */
    void markComplete(LocalDate day, List<String> tenantIds, String at) {
        Map<String, AttributeValue> item = new HashMap<>(DayMarkers.key(DayMarkers.PARTITION, day));
        item.put("tenants", AttributeValue.fromN(Integer.toString(tenantIds.size())));
        item.put(TENANT_IDS, AttributeValue.fromL(tenantIds.stream().map(AttributeValue::fromS).toList()));
        item.put("completedAt", AttributeValue.fromS(at));
        dynamo.putItem(r -> r.tableName(tableName).item(item));
    }

    boolean complete(LocalDate day) {
        return marker(day).isPresent();
    }

    /**
     * The tenants the day's marker lists; empty when the day is not complete. A marker written before markers listed
     * their tenants gives an empty list inside the optional.
     */
    Optional<List<String>> meteredTenants(LocalDate day) {
        return marker(day).map(item -> Optional.ofNullable(item.get(TENANT_IDS)).filter(AttributeValue::hasL)
                .map(l -> l.l().stream().map(AttributeValue::s).toList()).orElse(List.of()));
    }

    private Optional<Map<String, AttributeValue>> marker(LocalDate day) {
        var response = dynamo.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(DayMarkers.key(DayMarkers.PARTITION, day)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** The tenant's records of the complete days (those with a marker) in [from, to], oldest first. */
    List<UsageRecord> range(String tenantId, LocalDate from, LocalDate to) {
        var complete = DayMarkers.query(dynamo, tableName, DayMarkers.PARTITION, from, to).keySet();
        return new ArrayList<>(new TreeMap<>(DayMarkers.query(dynamo, tableName, tenantId, from, to)).entrySet()
                .stream().filter(e -> complete.contains(e.getKey())).map(e -> fromItem(e.getValue())).toList());
    }

    /** The records of {@code day} of these tenants (absent ones are skipped), by tenant id. */
    Map<String, UsageRecord> day(List<String> tenantIds, LocalDate day) {
        Map<String, UsageRecord> found = new LinkedHashMap<>();
        for (int i = 0; i < tenantIds.size(); i += BATCH_GET) {
            List<Map<String, AttributeValue>> keys = tenantIds.subList(i, Math.min(i + BATCH_GET, tenantIds.size()))
                    .stream().map(t -> DayMarkers.key(t, day)).toList();
            Map<String, KeysAndAttributes> request = Map.of(tableName,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > MAX_BATCH_ATTEMPTS) {
                    throw new IllegalStateException("BatchGetItem on " + tableName + " left keys unprocessed after "
                            + MAX_BATCH_ATTEMPTS + " attempts");
                }
                pause(attempt);
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(pending));
                response.responses().getOrDefault(tableName, List.of())
                        .forEach(item -> found.put(item.get(DayMarkers.TENANT_ID).s(), fromItem(item)));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    // Unprocessed keys are DynamoDB shedding load: back off before asking for them again (none before the first).
    private static void pause(int attempt) {
        if (attempt == 1) {
            return;
        }
        try {
            Thread.sleep(50L << Math.min(attempt, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading usage", e);
        }
    }

    static UsageRecord fromItem(Map<String, AttributeValue> item) {
        Map<String, Long> byApi = new TreeMap<>();
        Optional.ofNullable(item.get("requestsByApi")).filter(AttributeValue::hasM)
                .ifPresent(m -> m.m().forEach((api, n) -> byApi.put(api, Long.parseLong(n.n()))));
        Map<String, Long> byTable = new TreeMap<>();
        Optional.ofNullable(item.get("itemsStoredByTable")).filter(AttributeValue::hasM)
                .ifPresent(m -> m.m().forEach((t, n) -> byTable.put(t, Long.parseLong(n.n()))));
        return new UsageRecord(item.get(DayMarkers.TENANT_ID).s(), LocalDate.parse(item.get(DayMarkers.DAY).s()),
                Tier.valueOf(item.get("tier").s()),
                new StackLocation(item.get("stackName").s(),
                        new AccountRegion(item.get("stackAccount").s(), item.get("stackRegion").s())),
                Long.parseLong(item.get("requests").n()), byApi, item.get("usagePlanId").s(),
                item.get("collectedAt").s(), byTable);
    }
}
