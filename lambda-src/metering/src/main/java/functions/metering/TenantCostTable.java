package functions.metering;

import functions.shared.Telemetry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * TenantCost (partition {@code tenantId}, sort key {@code day}), written all-or-nothing per day without a
 * transaction (TransactWriteItems holds at most 100 items, and chunks of it are not atomic together):
 * <ol>
 *   <li>stage: each tenant's item gets the run's values in an attribute of its own, {@code run#<runId>}, beside the
 *       values of the day's committed run, which stay readable;</li>
 *   <li>commit: one PutItem of the day's marker ({@link DayMarkers}) naming {@code runId}, conditional on the marker
 *       still naming the run it named when this run staged: from that write on, every reader sees the new run of
 *       every tenant at once, and of two overlapping runs the later committer fails ({@link ConcurrentRunException});
 *   </li>
 *   <li>tidy (best effort): the other runs' attributes are removed, never the run the marker names.</li>
 * </ol>
 * Readers take a tenant's values of a day only from the attribute of the run the day's marker names: a run that
 * stopped before its commit is never seen, and a day without a marker has no cost yet.
 */
public final class TenantCostTable {

    static final String RUN_PREFIX = "run#";
    private static final String RUN_ID = "runId";

    /** Another run of the day committed after this run staged: this run's values are not published. */
    static final class ConcurrentRunException extends IllegalStateException {
        ConcurrentRunException(String message) {
            super(message);
        }
    }

    private final DynamoDbClient dynamo;
    private final String tableName;

    public TenantCostTable(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /**
     * A staged run: the run the day's marker named before staging ({@code basedOn}, empty if none; the commit
     * succeeds only if the marker still names it) and the attributes of earlier runs found on the staged items, to
     * tidy after the commit.
     */
    record Staged(String runId, Optional<String> basedOn, Map<String, List<String>> staleByTenant) {
    }

    Staged stage(LocalDate day, String runId, List<CostRecord> records) {
        Optional<String> basedOn = committedRun(day);
        Map<String, List<String>> stale = new HashMap<>();
        for (CostRecord record : records) {
            UpdateItemResponse response = dynamo.updateItem(r -> r.tableName(tableName)
                    .key(DayMarkers.key(record.tenantId(), day))
                    .updateExpression("SET #run = :v")
                    .expressionAttributeNames(Map.of("#run", RUN_PREFIX + runId))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromM(values(record))))
                    .returnValues(ReturnValue.ALL_OLD));
            if (response.hasAttributes()) {
                List<String> old = response.attributes().keySet().stream()
                        .filter(a -> a.startsWith(RUN_PREFIX) && !a.equals(RUN_PREFIX + runId)).toList();
                if (!old.isEmpty()) {
                    stale.put(record.tenantId(), old);
                }
            }
        }
        return new Staged(runId, basedOn, stale);
    }

    /**
     * Makes the staged run the day's costs: the one write that publishes the whole day, conditional on the marker
     * being unchanged since {@link #stage}; if another run committed meanwhile, this run publishes nothing and fails.
     */
    void commit(LocalDate day, Staged staged, int records, Map<String, String> totals, String at) {
        Map<String, AttributeValue> item = new HashMap<>(DayMarkers.key(DayMarkers.PARTITION, day));
        item.put(RUN_ID, AttributeValue.fromS(staged.runId()));
        item.put("records", AttributeValue.fromN(Integer.toString(records)));
        Map<String, AttributeValue> totalsItem = new HashMap<>();
        totals.forEach((k, v) -> totalsItem.put(k, AttributeValue.fromS(v)));
        item.put("totals", AttributeValue.fromM(totalsItem));
        item.put("committedAt", AttributeValue.fromS(at));
        try {
            dynamo.putItem(r -> {
                r.tableName(tableName).item(item).expressionAttributeNames(Map.of("#r", RUN_ID));
                staged.basedOn().ifPresentOrElse(
                        prev -> r.conditionExpression("#r = :prev")
                                .expressionAttributeValues(Map.of(":prev", AttributeValue.fromS(prev))),
                        () -> r.conditionExpression("attribute_not_exists(#r)"));
            });
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentRunException("cost run " + staged.runId() + " of " + day + " not committed: another"
                    + " run (" + committedRun(day).orElse("none") + ") committed the day after this run staged"
                    + " (this run was based on " + staged.basedOn().orElse("no committed run") + "); rerun the day"
                    + " if its figures are wanted");
        }
    }

    /**
     * Removes the replaced runs' attributes, never those of the run the day's marker names now; a failure only
     * leaves unread attributes behind.
     */
    void tidy(LocalDate day, Staged staged) {
        Optional<String> committed = committedRun(day).map(run -> RUN_PREFIX + run);
        staged.staleByTenant().forEach((tenant, found) -> {
            List<String> attributes = found.stream().filter(a -> committed.map(c -> !c.equals(a)).orElse(true))
                    .toList();
            if (attributes.isEmpty()) {
                return;
            }
            try {
                Map<String, String> names = new HashMap<>();
                List<String> placeholders = new ArrayList<>();
                for (int i = 0; i < attributes.size(); i++) {
                    names.put("#a" + i, attributes.get(i));
                    placeholders.add("#a" + i);
                }
                dynamo.updateItem(r -> r.tableName(tableName).key(DayMarkers.key(tenant, day))
                        .updateExpression("REMOVE " + String.join(", ", placeholders))
                        .expressionAttributeNames(names));
            } catch (RuntimeException e) {
                Telemetry.warn("old_cost_runs_kept", "tenantId", tenant, "day", day.toString(),
                        "failure", e.toString());
            }
        });
    }

    Optional<String> committedRun(LocalDate day) {
        var response = dynamo.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(DayMarkers.key(DayMarkers.PARTITION, day)));
        return response.hasItem() && response.item().containsKey("runId")
                ? Optional.of(response.item().get("runId").s()) : Optional.empty();
    }

    /** The tenant's committed cost records with a day in [from, to], oldest first. */
    List<CostRecord> range(String tenantId, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, AttributeValue>> markers =
                DayMarkers.query(dynamo, tableName, DayMarkers.PARTITION, from, to);
        Map<LocalDate, Map<String, AttributeValue>> items =
                new TreeMap<>(DayMarkers.query(dynamo, tableName, tenantId, from, to));
        List<CostRecord> records = new ArrayList<>();
        items.forEach((day, item) -> {
            Map<String, AttributeValue> marker = markers.get(day);
            if (marker == null) {
                return;
            }
            AttributeValue values = item.get(RUN_PREFIX + marker.get("runId").s());
            if (values != null && values.hasM()) {
                records.add(fromValues(tenantId, day, values.m()));
            }
        });
        return records;
    }

    private static Map<String, AttributeValue> values(CostRecord record) {
        Map<String, AttributeValue> basis = new HashMap<>();
        record.basis().forEach((k, v) -> basis.put(k, AttributeValue.fromS(v)));
        return Map.of("amount", AttributeValue.fromS(record.cost().text()),
                "currency", AttributeValue.fromS(record.cost().currency()),
                "method", AttributeValue.fromS(record.method()),
                "basis", AttributeValue.fromM(basis));
    }

    private static CostRecord fromValues(String tenantId, LocalDate day, Map<String, AttributeValue> values) {
        Map<String, String> basis = new TreeMap<>();
        values.get("basis").m().forEach((k, v) -> basis.put(k, v.s()));
        return new CostRecord(tenantId, day, Money.parse(values.get("amount").s(), values.get("currency").s()),
                values.get("method").s(), basis);
    }
}
