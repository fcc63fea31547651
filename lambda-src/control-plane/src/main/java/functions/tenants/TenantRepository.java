package functions.tenants;

import contract.Keys;
import functions.provisioning.StackLocation;
import contract.Tier;
import functions.shared.PageToken;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Maps {@link Tenant}s onto TenantDetails (key {@code tenantId} S). Status changes are conditional writes. */
public final class TenantRepository {

    public static final String KEY = Keys.TENANT_ID;
    public static final String STACK_NAME = "stackName";
    public static final String STACK_ACCOUNT = "stackAccount";
    public static final String STACK_REGION = "stackRegion";

    private final DynamoDbClient dynamo;
    private final String tableName;

    public TenantRepository(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** Writes the tenant; only a new id or the same registration's own item may be (re)written. */
    public void save(Tenant tenant) {
        Put put = savePut(tenant);
        try {
            dynamo.putItem(r -> r.tableName(put.tableName()).item(put.item())
                    .conditionExpression(put.conditionExpression())
                    .expressionAttributeNames(put.expressionAttributeNames())
                    .expressionAttributeValues(put.expressionAttributeValues()));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("tenant id " + tenant.tenantId() + " belongs to another registration", e);
        }
    }

    /**
     * Writes a pooled tier's canary probe tenant ({@link ProbeTenants}) as it is now; refuses any other id, so this
     * unconditional put can never overwrite a customer's tenant.
     */
    void putProbe(Tenant probe) {
        if (ProbeTenants.tierOf(probe.tenantId()).isEmpty()) {
            throw new IllegalArgumentException(probe.tenantId() + " is not a probe tenant id");
        }
        dynamo.putItem(r -> r.tableName(tableName).item(toItem(probe)));
    }

    /** {@link #save} as an item of the caller's transaction (its condition failing means the same). */
    public TransactWriteItem saveInTransaction(Tenant tenant) {
        return TransactWriteItem.builder().put(savePut(tenant)).build();
    }

    // A replayed registration may rewrite its own tenant only while that tenant is still being registered or has
    // failed: never one an operator has since activated, deactivated or offboarded.
    private Put savePut(Tenant tenant) {
        return Put.builder().tableName(tableName).item(toItem(tenant))
                .conditionExpression("attribute_not_exists(#k) OR (registrationId = :rid AND #s IN (:registering, "
                        + ":provisioning, :failed))")
                .expressionAttributeNames(Map.of("#k", KEY, "#s", "status"))
                .expressionAttributeValues(Map.of(
                        ":rid", AttributeValue.fromS(tenant.registrationId()),
                        ":registering", AttributeValue.fromS(TenantStatus.REGISTERING.name()),
                        ":provisioning", AttributeValue.fromS(TenantStatus.PROVISIONING.name()),
                        ":failed", AttributeValue.fromS(TenantStatus.FAILED.name())))
                .build();
    }

    public Optional<Tenant> find(String tenantId) {
        var response = dynamo.getItem(r -> r.tableName(tableName).key(key(tenantId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    /**
     * Sets {@code changes} (a null value removes the attribute) if the tenant exists and its status is one of
     * {@code from}; the tenant as stored, or empty when it does not exist or has another status.
     */
    public Optional<Tenant> update(String tenantId, Collection<TenantStatus> from, Map<String, AttributeValue> changes) {
        Update update = conditionalUpdate(tenantId, from, changes);
        try {
            var response = dynamo.updateItem(r -> r.tableName(update.tableName()).key(update.key())
                    .updateExpression(update.updateExpression())
                    .conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.expressionAttributeNames())
                    .expressionAttributeValues(update.expressionAttributeValues())
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(fromItem(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * {@link #update} as an item of the caller's transaction: its condition fails when the tenant does not exist
     * or its status is not one of {@code from}.
     */
    public TransactWriteItem updateInTransaction(String tenantId, Collection<TenantStatus> from,
                                                 Map<String, AttributeValue> changes) {
        return TransactWriteItem.builder().update(conditionalUpdate(tenantId, from, changes)).build();
    }

    private Update conditionalUpdate(String tenantId, Collection<TenantStatus> from,
                                     Map<String, AttributeValue> changes) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        names.put("#k", KEY);
        names.put("#status", "status");
        int i = 0;
        for (var change : changes.entrySet()) {
            names.put("#a" + i, change.getKey());
            if (change.getValue() == null) {
                removes.add("#a" + i);
            } else {
                values.put(":v" + i, change.getValue());
                sets.add("#a" + i + " = :v" + i);
            }
            i++;
        }
        List<String> allowed = new ArrayList<>();
        int j = 0;
        for (TenantStatus status : Set.copyOf(from)) {
            values.put(":from" + j, AttributeValue.fromS(status.name()));
            allowed.add(":from" + j++);
        }
        String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
                + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        return Update.builder().tableName(tableName).key(key(tenantId))
                .updateExpression(expression.strip())
                .conditionExpression("attribute_exists(#k) AND #status IN (" + String.join(", ", allowed) + ")")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    /** One page of tenants in table order (a Scan): {@code startKey} comes from {@link PageToken#decode}. */
    public Page<Tenant> list(int limit, Map<String, AttributeValue> startKey) {
        var response = dynamo.scan(r -> r.tableName(tableName).limit(limit).exclusiveStartKey(startKey)
                .consistentRead(true));
        return new Page<>(response.items().stream().map(TenantRepository::fromItem).toList(),
                PageToken.encode(response.lastEvaluatedKey()));
    }

    /** The attributes that record where a tenant lives, as {@link #update} changes. */
    public static Map<String, AttributeValue> locationAttributes(StackLocation location) {
        return Map.of(STACK_NAME, AttributeValue.fromS(location.stackName()),
                STACK_ACCOUNT, AttributeValue.fromS(location.account()),
                STACK_REGION, AttributeValue.fromS(location.region()));
    }

    public static Set<String> pageKeyNames() {
        return Set.of(KEY);
    }

    private static Map<String, AttributeValue> key(String tenantId) {
        return Map.of(KEY, AttributeValue.fromS(tenantId));
    }

    static Map<String, AttributeValue> toItem(Tenant t) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(KEY, AttributeValue.fromS(t.tenantId()));
        item.put("tenantName", AttributeValue.fromS(t.tenantName()));
        item.put("adminEmail", AttributeValue.fromS(t.adminEmail()));
        item.put("tier", AttributeValue.fromS(t.tier().name()));
        item.put("status", AttributeValue.fromS(t.status().name()));
        Items.putS(item, "address", t.address());
        Items.putS(item, "phone", t.phone());
        Items.putS(item, "userPoolId", t.userPoolId());
        Items.putS(item, "appClientId", t.appClientId());
        Items.putS(item, "apiKeyId", t.apiKeyId());
        if (t.shard() != null) {
            item.put("shard", AttributeValue.fromN(t.shard().toString()));
        }
        Items.putS(item, STACK_NAME, t.stackName());
        Items.putS(item, STACK_ACCOUNT, t.stackAccount());
        Items.putS(item, STACK_REGION, t.stackRegion());
        Items.putS(item, "registrationId", t.registrationId());
        Items.putS(item, "failureReason", t.failureReason());
        item.put("createdAt", AttributeValue.fromS(t.createdAt()));
        item.put("updatedAt", AttributeValue.fromS(t.updatedAt()));
        if (t.accessJob() != null) {
            t.accessJob().toItem(item);
        }
        return item;
    }

    static Tenant fromItem(Map<String, AttributeValue> item) {
        return new Tenant(
                Items.s(item, KEY),
                Items.s(item, "tenantName"),
                Items.s(item, "adminEmail"),
                Tier.valueOf(Items.s(item, "tier")),
                TenantStatus.valueOf(Items.s(item, "status")),
                Items.s(item, "address"),
                Items.s(item, "phone"),
                Items.s(item, "userPoolId"),
                Items.s(item, "appClientId"),
                Items.s(item, "apiKeyId"),
                Items.n(item, "shard"),
                Items.s(item, STACK_NAME),
                Items.s(item, STACK_ACCOUNT),
                Items.s(item, STACK_REGION),
                Items.s(item, "registrationId"),
                Items.s(item, "failureReason"),
                Items.s(item, "createdAt"),
                Items.s(item, "updatedAt"),
                AccessJob.fromItem(item));
    }
}
